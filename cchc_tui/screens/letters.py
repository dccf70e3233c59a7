"""Thư từ Sở Nội vụ (agency install): the office's key pinned here, and every plan,
registry update and receipt loaded, with who signed it and when; a file path loads one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import format_moment
from cchc_tui.services import letters as service
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.context_bar import ContextBar
from cchc_tui.widgets.key_footer import KeyFooter


class LettersScreen(Screen):
    """What Sở Nội vụ sent back, and the field to load one more file."""

    HELP_TOPIC = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Quay lại", id="letters.back"),
    ]

    app = getters.app(CchcApp)
    table = getters.query_one("#letters-table", DataTable)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws

    def compose(self) -> ComposeResult:
        yield ContextBar("Thư từ Sở Nội vụ")
        yield Static(id="letters-key", markup=False)
        yield Label("Nạp tệp Sở Nội vụ gửi (đường dẫn, Enter):", classes="section")
        yield Input(placeholder="ví dụ D:\\Thu\\bien-nhan.json", id="letters-path")
        yield DataTable(id="letters-table", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.table.add_columns("Loại", "Nội dung", "Sở ký ngày", "Khóa ký")
        self.reload()
        self.query_one("#letters-path", Input).focus()

    def reload(self) -> None:
        """Re-read the pinned key and the letters."""
        key = service.current_office_key(self.ws)
        text = (
            f"Khóa của Sở Nội vụ: vân tay {key.fingerprint} ({key.office_name})."
            if key
            else "Chưa cài khóa của Sở Nội vụ: nạp tệp khóa Sở gửi sau khi đối chiếu vân tay."
        )
        self.query_one("#letters-key", Static).update(text)
        self.table.clear()
        for row in service.letter_rows(self.ws):
            self.table.add_row(
                Text(row.kind),
                Text(row.summary),
                Text(format_moment(row.issued_at)[-10:]),
                Text(row.signer[:9]),
            )
        if not self.table.row_count:
            self.table.add_row(Text("—"), Text("Chưa nạp thư nào của Sở Nội vụ."), "", "")

    def action_back(self) -> None:
        self.dismiss()

    @on(Input.Submitted, "#letters-path")
    def _load(self, event: Input.Submitted) -> None:
        from cchc_tui.screens.letters_load import load_office_file

        path = event.value.strip().strip('"')
        if path:
            load_office_file(self, Path(path))

    def loaded(self, message: str) -> None:
        """A file was loaded: say so, clear the field, show the list again."""
        self.query_one("#letters-path", Input).value = ""
        self.app.notify(message, markup=False, timeout=8)
        self.reload()

    def refused(self, exc: ServiceError) -> None:
        """A file was refused: one line, nothing changed."""
        self.app.notify(f"Không nạp: {exc}", severity="error", markup=False, timeout=12)
