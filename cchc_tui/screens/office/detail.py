"""Drill-down: the bundles behind a cell, and an indicator's contributions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Static

from cchc_tui.domain.office import rules
from cchc_tui.domain.periods import period_label
from cchc_tui.domain.progress import STATUS_LABELS, format_moment, format_percent
from cchc_tui.domain.safe_text import one_line, visible
from cchc_tui.screens.office.tables import plain
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office.bundles import CellDetail, cell_detail
from cchc_tui.services.office.consolidated import AgencyReport, IndicatorFigure, TaskProgress
from cchc_tui.services.office.keyring import STATUS_LABELS as KEY_STATUS_LABELS
from cchc_tui.services.office.report_tables import evidence_text
from cchc_tui.services.workspace import Workspace


def _line(text: Text, *parts: str | tuple[str, str]) -> None:
    """Append one line: plain strings are agency or file text (shown as typed)."""
    for part in parts:
        if isinstance(part, tuple):
            text.append(part[0], style=part[1])
        else:
            text.append(visible(part))
    text.append("\n")


def report_text(task: TaskProgress, role: str, report: AgencyReport) -> Text:
    """What one agency reported on one task, in full: result, difficulties, proposals."""
    text = Text()
    _line(text, (f"Nhiệm vụ {task.code}", "bold"), " — ", task.title)
    _line(text, "Vai trò: ", role, f" ({report.note})" if report.note else "")
    progress = f", {format_percent(report.progress_bp)}" if report.status in STATUS_LABELS else ""
    _line(text, "Tình trạng: ", report.status_label, progress)
    for label, value in (
        ("Kết quả", report.result),
        ("Khó khăn, vướng mắc", report.difficulties),
        ("Đề xuất, kiến nghị", report.proposals),
        ("Văn bản kết quả", evidence_text(report.evidence)),
    ):
        _line(text, (f"{label}:", "bold"))
        _line(text, _indented(value or "—"))
    _line(text)
    return text


def _indented(value: str) -> str:
    """Each line of `value` indented by two spaces."""
    return "\n".join(f"  {line}" for line in visible(value).split("\n"))


def detail_text(detail: CellDetail) -> Text:
    """The cell's story: the bundle that counts first, then the rest, then refused files.

    Names, signers, file names and reasons come from files: they are shown as typed
    (never read as markup), their control characters made visible.
    """
    text = Text()
    _line(text, (one_line(detail.agency_name), "bold"), f" — kỳ {period_label(detail.period_id)}")
    _line(text)
    if not detail.bundles:
        _line(text, "Chưa nhận gói báo cáo nào của cơ quan cho kỳ này.")
    for b in detail.bundles:
        counted = (" (gói đang được dùng)", "green") if b is detail.counted else ""
        _line(text, (f"Gói số {b.seq}", "bold"), f" — {b.state_label}", counted)
        title = f" — {b.signer_title}" if b.signer_title else ""
        _line(text, "  Người ký: ", one_line(b.signer or "—"), one_line(title))
        _line(text, f"  Khóa: {b.fingerprint} ({KEY_STATUS_LABELS[b.key_status]})")
        _line(
            text,
            f"  Lập lúc: {format_moment(b.created_at)}   Sở nhận lúc: {format_moment(b.received_at)}",
        )
        _line(
            text,
            "  Tệp: ",
            one_line(b.file_name),
            f"   Nhiệm vụ đã báo cáo: {b.reported}/{b.records}",
        )
        _line(text, f"  Mã gói: {b.body_sha256[:16]}…")
        if b.gap_after is not None:
            missing = rules.missing_seqs(b.gap_after, b.seq)
            _line(text, (f"  Chưa nhận gói {missing} (trước gói số {b.seq}).", "yellow"))
        if b.suspicion:
            _line(text, ("  ⚠ Đáng ngờ: ", "bold yellow"), b.suspicion)
            if b.state == "accepted":
                _line(text, ("  g: gác lại gói này (gói trước đó lại là gói mới nhất)", "dim"))
        if b.state == "fork":
            _line(text, ("  d: so sánh với gói đã nhận và quyết định", "dim"))
        _line(text)
    for r in detail.rejections:
        _line(
            text,
            ("Tệp bị từ chối ", "red"),
            one_line(r.file_name),
            f" (nhận {format_moment(r.received_at)})",
        )
        _line(text, "  ", one_line(r.reason))
        _line(text)
    return text


class BundleDetailScreen(ModalScreen[bool]):
    """Where a cell's figures came from: agency, seq, signer, key fingerprint, received at."""

    HELP_TOPIC = "office"

    DEFAULT_CSS = """
    BundleDetailScreen { align: center middle; }
    BundleDetailScreen > VerticalScroll {
        width: 90%; height: 90%; border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Đóng", id="receiver.detail.close"),
        Binding("f1,question_mark", "app.help", "Trợ giúp", show=False),
        Binding("d", "fork", "Xử lý rẽ nhánh", id="receiver.detail.fork"),
        Binding("g", "set_aside", "Gác lại gói", id="receiver.detail.aside"),
    ]

    @dataclass
    class Loaded(Message):
        """The cell's bundles, read in a worker."""

        detail: CellDetail

    def __init__(
        self,
        ws: Workspace,
        agency_id: str,
        period_id: str,
        task: tuple[TaskProgress, str, AgencyReport] | None = None,
    ) -> None:
        super().__init__()
        self.ws = ws
        self.agency_id = agency_id
        self.period_id = period_id
        self.changed = False
        self.shown_report = task
        """(task, role, report) when opened from a task row: shown in full above the bundle."""

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            if self.shown_report is not None:
                yield Static(report_text(*self.shown_report), id="detail-report", markup=False)
            yield Static("Đang đọc…", id="detail-text", markup=False)
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
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`d` where a fork waits, `g` where a bundle counts."""
        detail: CellDetail | None = getattr(self, "detail", None)
        if action == "fork":
            return detail is not None and any(b.state == "fork" for b in detail.bundles)
        if action == "set_aside":
            return detail is not None and detail.counted is not None
        return True

    def action_fork(self) -> None:
        """The fork beside the accepted bundle; decide it."""
        from cchc_tui.screens.office.decide import ForkScreen

        fork = next(b for b in self.detail.bundles if b.state == "fork")
        self.app.push_screen(ForkScreen(self.ws, fork.body_sha256), self.after_decision)

    def action_set_aside(self) -> None:
        """Set aside the bundle that counts, with a note: the one before counts again."""
        from cchc_tui.screens.office.decide import NoteDialog
        from cchc_tui.services.office.decisions import set_aside

        counted = self.detail.counted
        assert counted is not None

        def noted(note: str | None) -> None:
            if note is None:
                return
            try:
                set_aside(self.ws, counted.body_sha256, note)
            except ServiceError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.after_decision(True)

        question = (
            f"Gác lại gói số {counted.seq} (mã {counted.body_sha256[:12]})? Gói không bị xóa;"
            " gói nhận trước đó lại là gói mới nhất của cơ quan.\nGhi lý do:"
        )
        self.app.push_screen(NoteDialog(question), noted)

    def action_close(self) -> None:
        """Back; True when a decision changed what counts."""
        self.dismiss(self.changed)

    def after_decision(self, changed: bool | None) -> None:
        """Read the cell again after a decision."""
        if changed:
            self.changed = True
            self.load()


class ContributionsScreen(ModalScreen[None]):
    """Which agencies' values make up an indicator; Enter opens the bundle behind one."""

    HELP_TOPIC = "office"

    DEFAULT_CSS = """
    ContributionsScreen { align: center middle; }
    ContributionsScreen > DataTable { width: 90%; height: 90%; border: round $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Đóng", id="receiver.contrib.close"),
        Binding("f1,question_mark", "app.help", "Trợ giúp", show=False),
    ]

    def __init__(self, ws: Workspace, figure: IndicatorFigure, period_id: str) -> None:
        super().__init__()
        self.ws = ws
        self.figure = figure
        self.period_id = period_id

    def compose(self) -> ComposeResult:
        table = DataTable(cursor_type="row")
        table.border_title = Text(one_line(f"{self.figure.title} — {self.figure.rollup_label}"))
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        from cchc_tui.services.catalog import load_registry

        names = {a.id: a.short_name for a in load_registry(self.ws)}
        figure = self.figure
        if figure.is_count:  # one number per agency, in the plan's unit
            table.add_columns("Cơ quan", "Nhiệm vụ", "Số liệu")
        else:
            table.add_columns("Cơ quan", "Nhiệm vụ", "Tử số", "Mẫu số", "Tỷ lệ")
        for c in figure.contributions:
            values = (
                (plain(figure.format(c.numerator)),)
                if figure.is_count
                else (
                    Text(str(c.numerator)),
                    Text(str(c.denominator)),
                    Text(format_percent(c.value_bp)),
                )
            )
            table.add_row(
                plain(names.get(c.agency_id, c.agency_id)), plain(c.task), *values, key=c.agency_id
            )

    @on(DataTable.RowSelected)
    def open_bundle(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(BundleDetailScreen(self.ws, str(event.row_key.value), self.period_id))
