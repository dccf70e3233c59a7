"""Drill-down: the bundles behind a cell, and an indicator's contributions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from cchc_tui.domain.progress import format_moment, format_percent
from cchc_tui.services.office.bundles import CellDetail, cell_detail
from cchc_tui.services.office.consolidated import IndicatorFigure
from cchc_tui.services.office.keyring import STATUS_LABELS as KEY_STATUS_LABELS
from cchc_tui.services.workspace import Workspace


def detail_text(detail: CellDetail) -> str:
    """The cell's story in plain lines: the bundle that counts first, then the rest."""
    lines = [f"[b]{detail.agency_name}[/b] — kỳ {detail.period_id}", ""]
    if not detail.bundles:
        lines.append("Chưa nhận gói báo cáo nào của cơ quan cho kỳ này.")
    for b in detail.bundles:
        counted = " [green](gói đang được dùng)[/green]" if b is detail.counted else ""
        lines += [
            f"[b]Gói số {b.seq}[/b] — {b.state_label}{counted}",
            f"  Người ký: {b.signer or '—'} {('— ' + b.signer_title) if b.signer_title else ''}",
            f"  Khóa: {b.fingerprint} ({KEY_STATUS_LABELS[b.key_status]})",
            f"  Lập lúc: {format_moment(b.created_at)}"
            f"   Sở nhận lúc: {format_moment(b.received_at)}",
            f"  Tệp: {b.file_name}   Nhiệm vụ đã báo cáo: {b.reported}/{b.records}",
            f"  Mã gói: {b.body_sha256[:16]}…",
        ]
        if b.gap_after is not None:
            lines.append(f"  [yellow]Thiếu gói giữa số {b.gap_after} và số {b.seq}.[/yellow]")
        lines.append("")
    for r in detail.rejections:
        lines += [
            f"[red]Tệp bị từ chối[/red] {r.file_name} (nhận {format_moment(r.received_at)})",
            f"  {r.reason}",
            "",
        ]
    return "\n".join(lines)


class BundleDetailScreen(ModalScreen[None]):
    """Where a cell's figures came from: agency, seq, signer, key fingerprint, received at."""

    DEFAULT_CSS = """
    BundleDetailScreen { align: center middle; }
    BundleDetailScreen > VerticalScroll {
        width: 90%; height: 90%; border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Đóng", id="receiver.detail.close")
    ]

    @dataclass
    class Loaded(Message):
        """The cell's bundles, read in a worker."""

        detail: CellDetail

    def __init__(self, ws: Workspace, agency_id: str, period_id: str) -> None:
        super().__init__()
        self.ws = ws
        self.agency_id = agency_id
        self.period_id = period_id

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Đang đọc…", id="detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """Read the cell's bundles off the key loop."""
        self.post_message(self.Loaded(cell_detail(self.ws, self.agency_id, self.period_id)))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.detail = message.detail
        self.query_one("#detail-text", Static).update(detail_text(message.detail))


class ContributionsScreen(ModalScreen[None]):
    """Which agencies' values make up an indicator; Enter opens the bundle behind one."""

    DEFAULT_CSS = """
    ContributionsScreen { align: center middle; }
    ContributionsScreen > DataTable { width: 90%; height: 90%; border: round $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Đóng", id="receiver.contrib.close")
    ]

    def __init__(self, ws: Workspace, figure: IndicatorFigure, period_id: str) -> None:
        super().__init__()
        self.ws = ws
        self.figure = figure
        self.period_id = period_id

    def compose(self) -> ComposeResult:
        table = DataTable(cursor_type="row")
        table.border_title = f"{self.figure.title} — {self.figure.rollup_label}"
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Cơ quan", "Nhiệm vụ", "Tử số", "Mẫu số", "Tỷ lệ")
        for c in self.figure.contributions:
            table.add_row(
                c.agency_id,
                c.task,
                str(c.numerator),
                str(c.denominator),
                format_percent(c.value_bp),
                key=c.agency_id,
            )

    @on(DataTable.RowSelected)
    def open_bundle(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(BundleDetailScreen(self.ws, str(event.row_key.value), self.period_id))
