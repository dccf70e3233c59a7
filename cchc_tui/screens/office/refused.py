"""Every refused file with its reason, claimed agency and period; Enter reads one in full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Static

from cchc_tui.domain.progress import format_moment
from cchc_tui.domain.safe_text import visible
from cchc_tui.screens.office.tables import plain
from cchc_tui.services.office.refused import RefusedFile
from cchc_tui.services.workspace import Workspace

WIDTHS = (24, 18, 8, 4, 60)


class TextPanel(ModalScreen[None]):
    """A long plain text (a file's whole reason, a decision's facts) in a scrolling box."""

    DEFAULT_CSS = """
    TextPanel { align: center middle; }
    TextPanel > VerticalScroll {
        width: 90%; height: 90%; border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Đóng", id="receiver.panel.close"),
        Binding("f1,question_mark", "app.help", "Trợ giúp", show=False),
    ]

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.text, id="panel-text", markup=False)
        yield Footer()


def refused_text(r: RefusedFile) -> Text:
    """One refused file in full; every value from the file shown as typed."""
    text = Text()
    text.append("Tệp bị từ chối: ", style="bold red")
    text.append(visible(r.file_name) + "\n")
    text.append(f"Sở nhận lúc: {format_moment(r.received_at)}\n")
    text.append("Cơ quan (theo tệp): ")
    text.append(f"{visible(r.agency_name)} ({visible(r.agency_id or '?')})\n")
    text.append(
        f"Kỳ: {visible(r.period_id or '?')}   Số: {r.seq if r.seq is not None else '?'}\n\n"
    )
    text.append("Lý do:\n", style="bold")
    text.append(visible(r.reason) + "\n")
    return text


class RefusedScreen(Screen[None]):
    """The refused files, newest first."""

    HELP_TOPIC = "office"

    DEFAULT_CSS = """
    RefusedScreen #refused-status { height: 1; color: $text-muted; }
    RefusedScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Quay lại", id="receiver.refused.close")
    ]

    @dataclass
    class Loaded(Message):
        """The refused files, read in a worker."""

        files: list[RefusedFile]

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.files: list[RefusedFile] = []

    def compose(self) -> ComposeResult:
        yield Static("Đang đọc…", id="refused-status", markup=False)
        yield DataTable(id="refused-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Tệp bị từ chối"
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read the refused files off the key loop."""
        from cchc_tui.services.office.refused import refused_files

        self.post_message(self.Loaded(refused_files(self.ws)))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.files = message.files
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for header, width in zip(("Tệp", "Cơ quan", "Kỳ", "Số", "Lý do"), WIDTHS, strict=True):
            table.add_column(header, width=width)
        for i, r in enumerate(message.files):
            cells = (r.file_name, r.agency_name, r.period_id or "?", str(r.seq or "?"), r.reason)
            table.add_row(*(plain(c) for c in cells), key=str(i))
        self.query_one("#refused-status", Static).update(
            f"{len(message.files)} tệp bị từ chối — Enter: xem đầy đủ lý do"
            if message.files
            else "Chưa có tệp nào bị từ chối."
        )
        table.focus()

    @on(DataTable.RowSelected, "#refused-table")
    def open_file(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(TextPanel(refused_text(self.files[int(str(event.row_key.value))])))
