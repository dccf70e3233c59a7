"""Overview (Tổng quan): the period and its deadline, my tasks by status, what needs doing, indicators."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.periods import period_label
from cchc_tui.domain.progress import (
    NOT_REPORTED_LABEL,
    STATUS_LABELS,
    STATUSES,
    format_amount,
    format_day,
    format_percent,
)
from cchc_tui.domain.roles import LEAD, PARTNER
from cchc_tui.screens.formatting import themed
from cchc_tui.screens.palette import PaletteCommand
from cchc_tui.services.dashboard import Dashboard, IndicatorLine, dashboard
from cchc_tui.services.export import submission_text
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.context_bar import ContextBar
from cchc_tui.widgets.key_footer import KeyFooter
from cchc_tui.widgets.task_table import fit
from cchc_tui.widgets.todo_table import show_todo

INDICATOR_FIXED_WIDTH = 56
"""Indicator columns other than the title (target, period, value, padding, scroll bar)."""


class DashboardScreen(Screen):
    """What the officer needs first: how long is left and what is not yet reported."""

    HELP_TOPIC = "dashboard"
    """The keys F1 shows first (a section of the help screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Ghi tiến độ", id="dashboard.edit"),
        # Not in the footer: at 80 columns it would push out F5 and F6 (F1 and Ctrl+P show it).
        Binding("w", "word_report", "Báo cáo Word", id="dashboard.word", show=False),
        Binding("t", "letters", "Thư từ Sở Nội vụ", id="dashboard.letters", show=False),
        Binding("g", "mark_sent", "Đánh dấu đã gửi", id="dashboard.mark_sent", show=False),
    ]

    app = getters.app(CchcApp)
    todo = getters.query_one("#todo", DataTable)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.data: Dashboard | None = None

    def compose(self) -> ComposeResult:
        yield ContextBar("Tổng quan")
        with VerticalScroll(id="dashboard-body"):
            yield Static(id="summary")
            yield Static(id="counts")
            yield Label("Cần làm trong kỳ (Enter: mở · e: ghi tiến độ)", classes="section")
            yield DataTable(id="todo", cursor_type="row")
            yield Label("Chỉ tiêu của kế hoạch liên quan đến cơ quan tôi", classes="section")
            yield DataTable(id="indicators", cursor_type="row", show_cursor=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "period_id", self.reload, init=False)
        self.watch(self.app, "data_version", self.reload, init=False)
        self.app.theme_changed_signal.subscribe(self, self.draw)  # colours come from the theme
        self.query_one("#indicators", DataTable).add_columns(
            "Chỉ tiêu", "Mục tiêu", "Kỳ số liệu", "Đã báo cáo"
        )
        self.reload()
        self.todo.focus(scroll_visible=False)  # the statement on top stays in view
        self.call_after_refresh(self.app.painted)

    def reload(self, *_: object) -> None:
        """Read the overview for the period on screen and draw it."""
        app = self.app
        self.data = dashboard(self.ws, app.agency_id or "", app.period_id or None)
        self.draw()

    def draw(self, *_: object) -> None:
        """Draw the overview read last (again after a theme change: colours come from it)."""
        d = self.data
        if d is None:
            return
        self._show_summary(d)
        self._show_counts(d)
        colors = self.app.theme_variables
        show_todo(self.todo, d.attention, self.size.width or 80, colors)
        table = self.query_one("#indicators", DataTable)
        table.clear()
        title_width = max(self.size.width - INDICATOR_FIXED_WIDTH, 16)
        for line in d.indicators:
            table.add_row(*_indicator_cells(line, colors, title_width))

    def on_resize(self) -> None:
        """The Cần làm columns follow the width: redraw."""
        self.draw()

    def _show_summary(self, d: Dashboard) -> None:
        officer = self.app.officer or "(chưa nhập họ tên)"
        overdue = d.deadline < self.ws.clock.today()
        urgent = "bold $text-error" if overdue else "bold $text-warning"
        lines = [
            Content.assemble(
                Content.styled(d.agency.name, "bold"), f" — cán bộ đầu mối: {officer}"
            ),
            Content.assemble(
                "Kỳ ",
                Content.styled(d.period.label, "bold"),
                f" · Hạn nộp báo cáo {format_day(d.deadline)} · ",
                Content.styled(d.days_left, urgent),
            ),
            Content.styled(
                f"Số liệu tính từ {format_day(d.period.start)} đến {format_day(d.period.end)}.",
                "$text-muted",
            ),
            _package_line(d),
        ]
        if d.receipt and not d.received:  # a receipt for an earlier bundle of the period
            lines.append(Content.styled(d.receipt + ".", "$text-success"))
        if d.final_review:
            lines[1:1] = [
                Content.styled(
                    f"Kế hoạch {d.plan_number} đã kết thúc ngày {format_day(d.plan_end)}. "
                    f"Kỳ tổng kết cuối cùng: {d.period.label}.",
                    "bold $text-accent",
                ),
                Content(
                    f"Còn làm được: hoàn thiện tiến độ kỳ {d.period.label} (e) rồi xuất lại gói"
                    " (F6); báo cáo Word (w); báo cáo tổng kết giai đoạn: cchc report --stage."
                ),
            ]
        self.query_one("#summary", Static).update(Content("\n").join(lines))

    def _show_counts(self, d: Dashboard) -> None:
        lines = []
        for role, label in ((LEAD, "Chủ trì"), (PARTNER, "Phối hợp")):
            counts = d.counts[role]
            parts = [
                f"{STATUS_LABELS.get(status or '', NOT_REPORTED_LABEL)} {counts[status]}"
                for status in (None, *STATUSES)
                if counts.get(status)
            ]
            total = sum(counts.values())
            lines.append(
                Content.assemble(
                    Content.styled(f"{label} ({total}): ", "bold"), " · ".join(parts) or "không có"
                )
            )
        self.query_one("#counts", Static).update(Content("\n").join(lines))

    @on(DataTable.RowSelected, "#todo")
    def _open(self, event: DataTable.RowSelected) -> None:
        from cchc_tui.screens.task_detail import TaskDetailScreen

        if event.row_key.value:
            self.app.push_screen(TaskDetailScreen(self.ws, event.row_key.value))

    def action_edit(self) -> None:
        from cchc_tui.screens.progress_flow import edit_progress

        if self.data and self.data.attention and self.todo.row_count:
            edit_progress(self.app, self.data.attention[self.todo.cursor_row].row.code)

    def action_mark_sent(self) -> None:
        """Đánh dấu đã gửi (or bỏ đánh dấu) the period's latest bundle (screens/mark_sent.py)."""
        from cchc_tui.screens.mark_sent import toggle_sent

        if self.data is not None:
            toggle_sent(self.app, self.ws, self.data.agency.id, self.data.submission)

    def action_word_report(self) -> None:
        """Tạo báo cáo Word: the agency's report of the period on screen."""
        from cchc_tui.screens.word_report import write_word_report

        write_word_report(self.app)

    def action_letters(self) -> None:
        """Thư từ Sở Nội vụ: receipts, plans and registry updates loaded (screens/letters.py)."""
        from cchc_tui.screens.letters import LettersScreen

        self.app.push_screen(LettersScreen(self.ws))

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """This screen's actions for the command palette."""
        yield PaletteCommand(
            "Thư từ Sở Nội vụ",
            "Biên nhận, kế hoạch, danh mục cơ quan Sở gửi; nạp tệp của Sở (t)",
            self.action_letters,
        )
        yield PaletteCommand(
            "Ghi tiến độ việc đang chọn", "Trong danh sách cần làm (e)", self.action_edit
        )
        yield PaletteCommand(
            "Đánh dấu đã gửi gói báo cáo",
            "Gói mới nhất của kỳ đã gửi qua thư điện tử; bấm lại để bỏ đánh dấu (g)",
            self.action_mark_sent,
        )
        yield PaletteCommand(
            "Tạo báo cáo Word",
            "Báo cáo kỳ đang xem theo thể thức Nghị định 30/2020 (w)",
            self.action_word_report,
        )


def _package_line(d: Dashboard) -> Content:
    """`Gói báo cáo (F6): …`: Sở Nội vụ's receipt once it names the latest bundle, else
    exported / marked sent / changed since, with the key that marks it sent."""
    s = d.submission
    if d.received and d.receipt:
        return Content.styled(f"Gói báo cáo (F6): {d.receipt}.", "$text-success")
    text = f"Gói báo cáo (F6): {submission_text(s)}"
    if s is None:
        return Content(text)
    if s.changed_since:
        return Content.styled(text, "bold $text-warning")
    if s.sent_on:  # one line at 80 columns; F1 and Ctrl+P say that g takes it back
        return Content(text)
    return Content.assemble(
        text, " Đã gửi thư thì bấm ", Content.styled("g", "bold"), " để đánh dấu."
    )


def _indicator_cells(
    line: IndicatorLine, colors: dict[str, str], title_width: int
) -> tuple[Text, str, str, Text]:
    """Title, target, the period the value was reported for (before the value, so it is
    never cut off), the value."""
    unit = line.indicator.unit
    target = f"≥ {format_amount(line.target.min_bp, unit)}" if line.target else "—"
    if line.value is None or line.value_bp is None:
        value = Text("chưa báo cáo", style="dim")
    else:
        text = (
            format_amount(line.value_bp, unit)  # a count: "180 hồ sơ"
            if line.indicator.is_count
            else f"{line.value.numerator}/{line.value.denominator} = {format_percent(line.value_bp)}"
        )
        if line.meets_target is None:
            value = Text(text)
        elif line.meets_target:
            value = themed(f"{text} ✓ đạt", colors, "text-success")
        else:
            value = themed(f"{text} ✗ chưa đạt", colors, "text-error")
    period = period_label(line.period_id, short=True) if line.period_id else ""
    return Text(fit(line.indicator.title, title_width)), target, period, value
