"""My tasks (Nhiệm vụ): the agency's tasks this period, filtered and searched as I type."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import format_day
from cchc_tui.domain.roles import RELATED
from cchc_tui.screens.palette import PaletteCommand
from cchc_tui.screens.task_filter import TaskFilter
from cchc_tui.services.tasks import TaskRow, agency_tasks
from cchc_tui.services.views import saved_views
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.context_bar import ContextBar
from cchc_tui.widgets.key_footer import KeyFooter
from cchc_tui.widgets.task_table import TaskTable

FILTER_LABELS = (
    ("role", "Vai trò"),
    ("group", "Nhóm"),
    ("status", "Trạng thái"),
    ("kind", "Thời hạn"),
)

FILTER_KEYS = Binding.Group("Lọc", compact=True)
"""r g s k: one footer entry for the four filters (F1 says which is which)."""


class TasksScreen(Screen):
    """The task list with its filter line, search box and a preview of the highlighted task."""

    HELP_TOPIC = "tasks"
    """The keys F1 shows first (a section of the help screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Ghi tiến độ", id="tasks.edit"),
        # Not in the footer: at 80 columns it would push out F1's neighbours (F1 lists it).
        Binding("h", "sort_due", "Theo hạn", id="tasks.sort_due", show=False),
        Binding("slash", "search", "Tìm", id="tasks.search", key_display="/"),
        Binding("r", "cycle('role')", "Vai trò", id="tasks.role", group=FILTER_KEYS),
        Binding("g", "cycle('group')", "Nhóm", id="tasks.group", group=FILTER_KEYS),
        Binding("s", "cycle('status')", "Trạng thái", id="tasks.status", group=FILTER_KEYS),
        Binding("k", "cycle('kind')", "Thời hạn", id="tasks.kind", group=FILTER_KEYS),
        Binding("a", "toggle_inactive", "Cả nhiệm vụ không có kỳ này", id="tasks.all", show=False),
        Binding("c", "clear_filters", "Bỏ lọc", id="tasks.clear", show=False),
        Binding("f", "follow", "Theo dõi / bỏ theo dõi", id="tasks.follow", show=False),
        Binding("v", "save_view", "Lưu bộ lọc vào phím số", id="tasks.save_view", show=False),
        *(
            Binding(str(n), f"apply_view({n})", f"Bộ lọc {n}", id=f"tasks.view{n}", show=False)
            for n in range(1, 10)
        ),
        Binding("escape", "leave_search", "Thôi tìm", id="tasks.leave_search", show=False),
    ]

    app = getters.app(CchcApp)
    table = getters.query_one("#tasks", TaskTable)
    search_box = getters.query_one("#search", Input)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.filter = TaskFilter()
        self.rows: list[TaskRow] = []
        self.by_due = False
        """Rows by completion deadline, soonest first (`h`), instead of plan order."""

    def compose(self) -> ComposeResult:
        yield ContextBar("Nhiệm vụ")
        yield Static(id="filters")
        yield Input(placeholder="/ Tìm theo mã hoặc nội dung (gõ không dấu cũng được)", id="search")
        yield TaskTable(id="tasks")
        yield Static(id="preview")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "period_id", self.reload, init=False)
        self.watch(self.app, "data_version", self.reload, init=False)
        self.reload()
        self.table.focus()
        self.call_after_refresh(self.app.painted)

    def reload(self, *_: object) -> None:
        """Read the agency's tasks for the period on screen and redraw."""
        app = self.app
        _, _, self.rows = agency_tasks(self.ws, app.agency_id, app.period_id, include_related=True)
        self.refilter()

    def refilter(self) -> None:
        """Apply the filters to the loaded rows (no database access)."""
        shown = [r for r in self.rows if self.filter.matches(r)]
        if self.by_due:  # stable: plan order among tasks due the same day
            shown.sort(key=lambda r: r.due or dt.date.max)
        self.table.today = self.ws.clock.today()
        self.table.show_rows(shown)
        self._show_filters(len(shown))
        self._show_preview()

    def _show_filters(self, count: int) -> None:
        f, default = self.filter, TaskFilter()
        parts: list[str | Content] = []
        for name, label in FILTER_LABELS:
            changed = getattr(f, name) != getattr(default, name)
            parts += [
                f"{label}: ",
                Content.styled(f.label(name), "bold $text-accent" if changed else "bold"),
                " · ",
            ]
        if f.inactive == "1":
            parts += [Content.styled("cả nhiệm vụ không có kỳ này", "bold $text-accent"), " · "]
        if self.by_due:
            parts += [Content.styled("theo hạn", "bold $text-accent"), " · "]
        parts.append(Content.styled(f"({count})", "$text-muted"))
        self.query_one("#filters", Static).update(Content.assemble(*parts))

    def _show_preview(self) -> None:
        row = self.table.current_row
        preview = self.query_one("#preview", Static)
        if row is None:
            preview.update(
                "Không có nhiệm vụ nào khớp bộ lọc. Nhấn c để bỏ lọc, a để xem cả nhiệm vụ không có kỳ này."
            )
            return
        text = Content.assemble(
            Content.styled(f"{row.code} ", "bold"),
            *(
                [Content.styled(f"* {row.inherited_note}: ", "bold $text-warning")]
                if row.inherited_note
                else []
            ),
            row.content,
            Content.styled(f"  [{row.timeline}{_due_text(row)}]", "$text-muted"),
        )
        preview.update(text)

    @on(DataTable.RowHighlighted, "#tasks")
    def _highlighted(self) -> None:
        self._show_preview()

    @on(DataTable.RowSelected, "#tasks")
    def _selected(self, event: DataTable.RowSelected) -> None:
        from cchc_tui.screens.task_detail import TaskDetailScreen

        if event.row_key.value:
            self.app.push_screen(TaskDetailScreen(self.ws, event.row_key.value))

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._set_filter(TaskFilter(**{**self.filter.to_dict(), "query": event.value}))

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.set_focus(self.table)  # at once: keys typed right after Enter go to the table

    def _set_filter(self, new: TaskFilter) -> None:
        if new != self.filter:
            self.filter = new
            self.refilter()

    def action_search(self) -> None:
        self.set_focus(self.search_box)  # at once: the next keys typed are the search

    def action_leave_search(self) -> None:
        if self.search_box.has_focus and self.search_box.value:
            self.search_box.value = ""
        self.set_focus(self.table)

    def action_sort_due(self) -> None:
        """Theo hạn: soonest completion deadline first; again for plan order."""
        self.by_due = not self.by_due
        self.refilter()

    def action_cycle(self, name: str) -> None:
        self._set_filter(self.filter.cycle(name))

    def action_toggle_inactive(self) -> None:
        self._set_filter(
            TaskFilter(**{**self.filter.to_dict(), "inactive": "" if self.filter.inactive else "1"})
        )

    def action_clear_filters(self) -> None:
        self.search_box.value = ""
        self._set_filter(TaskFilter())

    def action_apply_view(self, number: int) -> None:
        view = saved_views(self.ws).get(number)
        if view is None:
            self.notify(f"Phím {number} chưa có bộ lọc nào: lọc xong, nhấn v để lưu vào phím số.")
            return
        new = TaskFilter.from_dict(view)
        self.search_box.value = new.query
        self._set_filter(new)
        self.notify(f"Đã áp dụng bộ lọc {number}.", timeout=2)

    def action_save_view(self) -> None:
        from cchc_tui.screens.dialogs import ViewNumberDialog
        from cchc_tui.services.views import save_view

        filters = self.filter.to_dict()

        def chosen(number: int | None) -> None:
            if number is not None:
                self.app.run_write(
                    lambda: f"Đã lưu bộ lọc vào phím {save_view(self.ws, number, filters)}.",
                    refresh=False,
                )

        self.app.push_screen(ViewNumberDialog(), chosen)

    def action_edit(self) -> None:
        from cchc_tui.screens.progress_flow import edit_progress

        if self.table.current_code:
            edit_progress(self.app, self.table.current_code)

    def action_follow(self) -> None:
        from cchc_tui.screens.progress_flow import toggle_follow

        row = self.table.current_row
        if row is not None:
            if RELATED not in row.roles:
                self.notify("Chỉ theo dõi được nhiệm vụ giao cho 'các cơ quan liên quan'.")
                return
            toggle_follow(self.app, row.code, row.followed)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """This screen's actions for the command palette."""
        yield PaletteCommand(
            "Ghi tiến độ nhiệm vụ đang chọn", "Mở mẫu ghi tiến độ (e)", self.action_edit
        )
        yield PaletteCommand("Tìm nhiệm vụ", "Theo mã hoặc nội dung (/)", self.action_search)
        yield PaletteCommand(
            "Xếp theo hạn hoàn thành",
            "Nhiệm vụ đến hạn sớm nhất lên đầu; nhấn lại: theo thứ tự kế hoạch (h)",
            self.action_sort_due,
        )
        yield PaletteCommand(
            "Lọc theo vai trò",
            "Của tôi, chủ trì, phối hợp, theo dõi (r)",
            lambda: self.action_cycle("role"),
        )
        yield PaletteCommand(
            "Lọc theo nhóm", "Nhóm I đến VI (g)", lambda: self.action_cycle("group")
        )
        yield PaletteCommand(
            "Lọc theo trạng thái",
            "Chưa báo cáo, đang triển khai … (s)",
            lambda: self.action_cycle("status"),
        )
        yield PaletteCommand(
            "Lọc theo thời hạn", "Năm, giai đoạn, hằng năm … (k)", lambda: self.action_cycle("kind")
        )
        yield PaletteCommand(
            "Hiện cả nhiệm vụ không có kỳ này", "Bật/tắt (a)", self.action_toggle_inactive
        )
        yield PaletteCommand(
            "Bỏ lọc", "Xem lại tất cả nhiệm vụ của tôi (c)", self.action_clear_filters
        )
        yield PaletteCommand("Theo dõi / bỏ theo dõi nhiệm vụ liên quan", "(f)", self.action_follow)
        yield PaletteCommand(
            "Lưu bộ lọc vào phím số", "Phím 1 đến 9 mở lại bộ lọc (v)", self.action_save_view
        )


def _due_text(row: TaskRow) -> str:
    """ " · hạn hoàn thành 31/12/2025" for the preview ("" when the task has no date)."""
    return f" · hạn hoàn thành {format_day(row.due)}" if row.due else ""
