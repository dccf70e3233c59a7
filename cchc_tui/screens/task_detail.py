"""Task detail: the full task, who leads and partners, timelines, every period slot and its history."""

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
from cchc_tui.domain.plan import display_title
from cchc_tui.domain.progress import (
    NOT_REPORTED_LABEL,
    STATUS_LABELS,
    Revision,
    describe_changes,
    format_day,
    format_moment,
)
from cchc_tui.domain.roles import LEAD, PARTNER
from cchc_tui.domain.safe_text import visible
from cchc_tui.screens.palette import PaletteCommand
from cchc_tui.services import catalog
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.progress import Slot, resolve_slot, slot_history
from cchc_tui.services.settings import deadline_day
from cchc_tui.services.tasks import TaskDetail, task_detail
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.context_bar import ContextBar
from cchc_tui.widgets.key_footer import KeyFooter
from cchc_tui.widgets.task_summary import TaskSummary
from cchc_tui.widgets.task_table import day, fit

HISTORY_FIXED_WIDTH = 33
"""Columns of the history other than the author and the changes: number, time, padding."""


class TaskDetailScreen(Screen):
    """Everything about one task for my agency; history and undo per period slot."""

    HELP_TOPIC = "detail"
    """The keys F1 shows first (a section of the help screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Quay lại", id="detail.back"),
        Binding("e", "edit", "Ghi tiến độ", id="detail.edit"),
        Binding("u", "restore", "Khôi phục", id="detail.restore"),
        Binding("f", "follow", "Theo dõi", id="detail.follow", show=False),
    ]

    app = getters.app(CchcApp)
    slots_table = getters.query_one("#slots", DataTable)
    history_table = getters.query_one("#history", DataTable)

    def __init__(self, ws: Workspace, code: str) -> None:
        super().__init__()
        self.ws = ws
        self.code = code
        self.detail: TaskDetail | None = None
        self.period_id: str | None = None
        self.history: list[Revision] = []

    def compose(self) -> ComposeResult:
        yield ContextBar(f"Nhiệm vụ {self.code}")
        with VerticalScroll(id="detail-info"):
            yield TaskSummary()
        with VerticalScroll(id="detail-body", can_focus=False):
            yield Label(
                "Các kỳ báo cáo (↑↓ chọn kỳ · e: ghi tiến độ kỳ đang chọn)", classes="section"
            )
            yield DataTable(id="slots", cursor_type="row")
            yield Label(id="history-title", classes="section")
            yield DataTable(id="history", cursor_type="row")
            yield Static(id="revision")  # focusable (Tab): the body scrolls to show all of it
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self.reload, init=False)
        self.slots_table.add_columns("Kỳ", "Hạn hoàn thành", "Hạn nộp", "Trạng thái", "%")
        self.history_table.add_columns("Lần", "Lúc", "Người ghi", "Thay đổi")
        self.query_one("#revision").can_focus = True
        self.reload()
        self.slots_table.focus()

    def reload(self, *_: object) -> None:
        """Read the task, its slots and the history of the chosen slot."""
        app = self.app
        self.detail = detail = task_detail(self.ws, app.agency_id or "", self.code)
        self.query_one(TaskSummary).show(
            detail,
            app.agency,
            display_title(catalog.load_plan(self.ws).groups.get(detail.task.group, "")),
            catalog.load_registry(self.ws),
        )
        ids = [s.period.id for s in detail.slots]
        if self.period_id not in ids:
            self.period_id = app.period_id if app.period_id in ids else (ids[-1] if ids else None)
        table = self.slots_table
        deadline = deadline_day(self.ws)
        with self.prevent(DataTable.RowHighlighted):  # the history is read once, below
            table.clear()
            for s in detail.slots:
                status = STATUS_LABELS.get(s.state.status, "") if s.state else NOT_REPORTED_LABEL
                table.add_row(
                    s.period.label,
                    day(s.due),
                    format_day(s.period.deadline(deadline)),
                    status,
                    str(s.state.progress) if s.state else "",
                    key=s.period.id,
                )
            if self.period_id in ids:
                table.move_cursor(row=ids.index(self.period_id), animate=False)
        self._show_history()

    def _slot(self) -> Slot | None:
        if self.period_id is None or self.detail is None:
            return None
        if not {LEAD, PARTNER} & set(self.detail.roles):
            return None
        try:
            return resolve_slot(self.ws, self.app.agency_id or "", self.code, self.period_id)
        except ServiceError:
            return None

    def _show_history(self) -> None:
        slot = self._slot()
        self.history = slot_history(self.ws, slot) if slot else []
        period = catalog.find_period(self.ws, self.period_id) if self.period_id else None
        title = f"Lịch sử lưu — {period.label}" if period else "Lịch sử lưu"
        if slot is None:
            title += " (cơ quan tôi không báo cáo nhiệm vụ này)"
        elif not self.history:
            title += ": chưa có lần lưu nào"
        else:
            title += " (Enter: xem đủ · u: khôi phục)"
        self.query_one("#history-title", Label).update(title)
        table = self.history_table
        table.clear()
        previous = None
        rows = []
        author_width = max((len(rev.author) for rev in self.history), default=0)
        changes_width = max(self.size.width - author_width - HISTORY_FIXED_WIDTH, 20)
        for rev in self.history:
            changes = "; ".join(describe_changes(previous, rev.entry))
            if rev.restored_from:
                changes = f"khôi phục lần {rev.restored_from}: {changes}"
            rows.append(
                (
                    str(rev.number),
                    format_moment(rev.created_at),
                    Text(visible(rev.author)),
                    Text(fit(visible(changes), changes_width)),  # in full below (Enter)
                )
            )
            previous = rev.entry
        for row in reversed(rows):
            table.add_row(*row, key=row[0])
        self._show_revision()

    def _show_revision(self) -> None:
        box = self.query_one("#revision", Static)
        rev = self._current_revision()
        if rev is None:
            box.update("")
            return
        e = rev.entry
        lines = [
            Content.styled(f"Lần {rev.number} — {STATUS_LABELS[e.status]}, {e.progress}%", "bold"),
        ]
        for label, text in (
            ("Kết quả", e.result),
            ("Khó khăn", e.difficulties),
            ("Đề xuất", e.proposals),
        ):
            if text:
                lines.append(Content.assemble(Content.styled(f"{label}: ", "bold"), visible(text)))
        for doc in e.evidence:
            lines.append(
                Content(
                    visible(f"Văn bản: {doc.number} ngày {format_day(doc.issued_on)} {doc.summary}")
                )
            )
        for v in e.indicators:
            lines.append(Content(f"Chỉ tiêu {v.indicator_id}: {v.numerator}/{v.denominator}"))
        box.update(Content("\n").join(lines))

    def _current_revision(self) -> Revision | None:
        if not self.history:
            return None
        index = self.history_table.cursor_row
        ordered = list(reversed(self.history))
        return ordered[index] if 0 <= index < len(ordered) else None

    @on(DataTable.RowHighlighted, "#slots")
    def _slot_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value and event.row_key.value != self.period_id:
            self.period_id = event.row_key.value
            self._show_history()

    @on(DataTable.RowHighlighted, "#history")
    def _revision_highlighted(self) -> None:
        self._show_revision()

    @on(DataTable.RowSelected, "#history")
    def _revision_selected(self) -> None:
        """Enter on a revision: its whole content (the body scrolls to it; ↑↓ read on)."""
        self.query_one("#revision").focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_edit(self) -> None:
        from cchc_tui.screens.progress_flow import edit_progress

        edit_progress(self.app, self.code, self.period_id)

    def action_restore(self) -> None:
        from cchc_tui.screens.progress_flow import restore

        slot, rev = self._slot(), self._current_revision()
        if slot is None or rev is None:
            self.notify("Chưa có lần lưu nào để khôi phục.")
            return
        if rev.number == self.history[-1].number:
            self.notify("Đây là lần lưu mới nhất: chọn một lần cũ hơn trong lịch sử (Tab, ↑↓).")
            self.history_table.focus()
            return
        restore(self.app, slot, rev.number)

    def action_follow(self) -> None:
        from cchc_tui.domain.roles import RELATED
        from cchc_tui.screens.progress_flow import toggle_follow

        if self.detail is None or RELATED not in self.detail.roles:
            self.notify("Chỉ theo dõi được nhiệm vụ giao cho 'các cơ quan liên quan'.")
            return
        toggle_follow(self.app, self.code, self.detail.followed)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """This screen's actions for the command palette."""
        yield PaletteCommand(
            "Ghi tiến độ kỳ đang chọn", f"Nhiệm vụ {self.code} (e)", self.action_edit
        )
        yield PaletteCommand(
            "Khôi phục lần lưu đang chọn", "Thành một lần lưu mới (u)", self.action_restore
        )
        yield PaletteCommand("Theo dõi / bỏ theo dõi", "Nhiệm vụ liên quan (f)", self.action_follow)
        yield PaletteCommand("Quay lại danh sách", "(Esc)", self.action_back)
