"""Deciding in the drill-down: a fork beside the accepted bundle, and setting a bundle aside."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static

from cchc_tui.domain.progress import format_moment
from cchc_tui.domain.safe_text import one_line, visible
from cchc_tui.screens.dialogs import TextDialog
from cchc_tui.screens.office.tables import plain
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office.bundles import BundleDetail, decide_fork
from cchc_tui.services.office.decisions import ForkComparison, compare_fork
from cchc_tui.services.workspace import Workspace

WIDTHS = (8, 10, 28, 28)


class NoteDialog(TextDialog):
    """Asks for the note a decision is kept with; returns it (the service refuses an empty one)."""

    PLACEHOLDER = "Căn cứ (ví dụ: đã gọi điện xác nhận với cơ quan), Enter"

    @on(Input.Submitted, "#answer")
    def done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


def _side(label: str, b: BundleDetail | None) -> str:
    if b is None:
        return f"{label}: —"
    signer = one_line(b.signer or "—")
    return f"{label}: số {b.seq}, ký {signer}, lập {format_moment(b.created_at)}, tệp {one_line(b.file_name)}"


class ForkScreen(ModalScreen[bool]):
    """What differs between a fork and the accepted bundle; `u` uses it, `s` sets it aside."""

    HELP_TOPIC = "office"

    DEFAULT_CSS = """
    ForkScreen { align: center middle; }
    ForkScreen > Vertical { width: 96%; height: 94%; border: round $accent; background: $surface; }
    ForkScreen #fork-head { height: auto; max-height: 5; }
    ForkScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("u", "decide(True)", "Dùng gói rẽ nhánh", id="receiver.fork.use"),
        Binding("s", "decide(False)", "Gác lại", id="receiver.fork.aside"),
        Binding("escape", "close", "Đóng", id="receiver.fork.close"),
        Binding("f1,question_mark", "app.help", "Trợ giúp", show=False),
    ]

    def __init__(self, ws: Workspace, body_sha256: str) -> None:
        super().__init__()
        self.ws = ws
        self.body_sha256 = body_sha256
        self.decided = False
        self.comparison: ForkComparison | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="fork-head", markup=False)
            yield DataTable(id="fork-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        c = self.comparison = compare_fork(self.ws, self.body_sha256)
        head = Text()
        head.append(f"{_side('Đang dùng', c.accepted)}\n")
        head.append(f"{_side('Rẽ nhánh', c.fork)}\n", style="yellow")
        head.append(
            f"{len(c.differences)} khác biệt — Enter: xem đầy đủ; u: dùng gói rẽ nhánh; s: gác lại"
        )
        self.query_one("#fork-head", Static).update(head)
        table = self.query_one(DataTable)
        for header, width in zip(
            ("Nhiệm vụ", "Mục", "Gói đang dùng", "Gói rẽ nhánh"), WIDTHS, strict=True
        ):
            table.add_column(header, width=width)
        for i, d in enumerate(c.differences):
            table.add_row(*(plain(x) for x in (d.task, d.field, d.accepted, d.fork)), key=str(i))
        table.focus()

    @on(DataTable.RowSelected)
    def show_full(self, event: DataTable.RowSelected) -> None:
        from cchc_tui.screens.office.refused import TextPanel

        assert self.comparison is not None
        d = self.comparison.differences[int(str(event.row_key.value))]
        text = Text()
        text.append(f"Nhiệm vụ {d.task} — {d.field}\n\n", style="bold")
        text.append("Gói đang dùng:\n", style="bold")
        text.append(visible(d.accepted or "—") + "\n\n")
        text.append("Gói rẽ nhánh:\n", style="bold yellow")
        text.append(visible(d.fork or "—") + "\n")
        self.app.push_screen(TextPanel(text))

    def action_decide(self, use: bool) -> None:
        """Ask for the note, then decide as `cchc receiver decide` does."""
        question = (
            "Dùng gói rẽ nhánh thay gói đang dùng (gói đang dùng được gác lại)?"
            if use
            else "Gác lại gói rẽ nhánh, giữ gói đang dùng?"
        )

        def noted(note: str | None) -> None:
            if note is None:
                return
            try:
                decide_fork(self.ws, self.body_sha256, use=use, note=note)
            except ServiceError as exc:
                self.query_one("#fork-head", Static).update(f"Lỗi: {exc}")
                return
            self.decided = True
            self.dismiss(True)

        self.app.push_screen(NoteDialog(question + "\nGhi căn cứ quyết định:"), noted)

    def action_close(self) -> None:
        """Back to the drill-down."""
        self.dismiss(self.decided)
