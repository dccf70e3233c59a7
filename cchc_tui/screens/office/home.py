"""The receiving office's home: submissions, task progress and indicators of a period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Select, Static, TabbedContent, TabPane

from cchc_tui.domain.agencies import KIND_LABELS
from cchc_tui.domain.office import rules
from cchc_tui.screens.mode_screen import ModeScreen
from cchc_tui.screens.office.tables import (
    KEY_SEP,
    IndicatorsTable,
    SubmissionsTable,
    TaskProgressTable,
)
from cchc_tui.screens.palette import PaletteCommand
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.quiet_footer import QuietFooter

if TYPE_CHECKING:  # read in workers, drilled into on Enter: imported after the first paint
    from cchc_tui.services.office.consolidated import IndicatorFigure, TaskProgress
    from cchc_tui.services.office.submissions import SubmissionGrid

ALL_KINDS = "all"
FIGURES_AFTER_PAINT = 1.0
"""Seconds after the grid is shown before the other tabs' figures are read (at once when
their tab is shown first): the officer reads the grid first, on a PC that may be slow."""
TABS = Binding.Group("Bảng", compact=True)
"""The tab keys in the footer as `1 2 3 Bảng`: the tab bar above names the tables."""
PERIODS = Binding.Group("Kỳ", compact=True)
FOOTER_FIRST = ("i", "1", "p")
"""Footer keys given room first (after F1 and Ctrl+P), for an officer at 80 columns: import
the bundles received, the three tables, the plan; the rest as the width allows."""


class OfficeHomeScreen(ModeScreen):
    """Sở Nội vụ's consolidated views; Enter on a cell opens the bundle it came from."""

    HELP_TOPIC = "office"
    AUTO_FOCUS = "#submissions-table"  # focused from the start: no second focus change

    DEFAULT_CSS = """
    OfficeHomeScreen #office-bar { height: 1; }
    OfficeHomeScreen #office-bar Select { width: 1fr; }
    OfficeHomeScreen #office-plan { width: auto; padding: 0 1; text-style: bold; }
    OfficeHomeScreen #office-status { height: 1; color: $text-muted; }
    OfficeHomeScreen TabbedContent { height: 1fr; }
    OfficeHomeScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "tab('submissions')", "Tình hình nộp", id="office.submissions", group=TABS),
        Binding("2", "tab('tasks')", "Tiến độ", id="office.tasks", group=TABS),
        Binding("3", "tab('indicators')", "Chỉ tiêu", id="office.indicators", group=TABS),
        Binding(
            "[", "shift_period(-1)", "Kỳ trước", id="office.prev", key_display="[", group=PERIODS
        ),
        Binding("]", "shift_period(1)", "Kỳ sau", id="office.next", key_display="]", group=PERIODS),
        Binding("i", "import", "Nhận gói", id="office.import"),
        Binding("r", "refused", "Tệp bị từ chối", id="office.refused"),
        Binding("k", "keyring", "Khóa", id="office.keyring"),
        Binding("l", "letters", "Gửi cơ quan", id="office.letters", show=False),
        Binding("p", "app.pick_plan", "Kế hoạch", id="office.plan"),
        Binding("f5", "reload", "Tải lại", id="office.reload"),
    ]

    @dataclass
    class GridLoaded(Message):
        """The submissions grid, read in a worker."""

        grid: SubmissionGrid

    @dataclass
    class PeriodLoaded(Message):
        """Task progress and indicators of the chosen period, read in a worker."""

        period_id: str
        tasks: list[TaskProgress]
        indicators: list[IndicatorFigure]
        kinds: dict[str, str]
        generation: int = 0
        """Which `load()` asked for them: an older read is dropped."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        from cchc_tui.services.catalog import find_period, load_plan

        self.plan = load_plan(ws)
        """The plan whose bundles, periods, tasks and targets are shown (`p`: another)."""
        self.periods = [p.id for p in self.plan.periods]
        self.period_id = find_period(ws, None).id
        self.kind: str | None = None
        self.figures: dict[str, IndicatorFigure] = {}
        self._period: OfficeHomeScreen.PeriodLoaded | None = None
        self._shown: set[str] = set()
        self._generation = 0  # one more on each load(): figures of an older one are stale
        self._figures_asked = -1

    def compose(self) -> ComposeResult:
        with Horizontal(id="office-bar"):
            yield Static(f"KH {self.plan.number}", id="office-plan", markup=False)
            yield Select(
                [(p, p) for p in self.periods],
                value=self.period_id,
                allow_blank=False,
                compact=True,
                id="office-period",
            )
            yield Select(
                [("Tất cả cơ quan", ALL_KINDS), *((label, k) for k, label in KIND_LABELS.items())],
                value=ALL_KINDS,
                allow_blank=False,
                compact=True,
                id="office-kind",
            )
        with TabbedContent(initial="submissions"):
            with TabPane("Tình hình nộp", id="submissions"):
                yield SubmissionsTable(id="submissions-table", cursor_type="cell", fixed_columns=1)
            with TabPane("Tiến độ nhiệm vụ", id="tasks"):
                yield TaskProgressTable(id="tasks-table", cursor_type="row")
            with TabPane("Chỉ tiêu", id="indicators"):
                yield IndicatorsTable(id="indicators-table", cursor_type="row")
        yield Static("Đang đọc dữ liệu…", id="office-status", markup=False)
        yield QuietFooter(first=FOOTER_FIRST)

    def on_mount(self) -> None:
        self.sub_title = "Sở Nội vụ — tổng hợp báo cáo"
        self.query_one(SubmissionsTable).focus()
        self.watch(self.app, "data_version", self.plan_changed, init=False)
        self.load()

    def plan_changed(self, *_: object) -> None:
        """Another plan was chosen (`p`, Ctrl+P): its periods, the current one, its data."""
        from cchc_tui.services.catalog import find_period, load_plan

        if load_plan(self.ws).id == self.plan.id:
            return
        self.plan = load_plan(self.ws)
        self.periods = [p.id for p in self.plan.periods]
        self.period_id = find_period(self.ws, None).id
        self.query_one("#office-plan", Static).update(f"KH {self.plan.number}")
        select = self.query_one("#office-period", Select)
        with select.prevent(Select.Changed):
            select.set_options([(p, p) for p in self.periods])
            select.value = self.period_id
        self._period = None
        self.load()

    def load(self) -> None:
        """Read everything again: the grid now (it paints first); the period's figures when
        their tab is shown, or a moment after the grid is painted, off the first-paint path."""
        self._generation += 1
        self._read_grid()

    @work(thread=True, exclusive=True, group="office-load")
    def _read_grid(self) -> None:
        from cchc_tui.services.office.submissions import year_grid

        self.post_message(self.GridLoaded(year_grid(self.ws, self.period_id, kind=self.kind)))

    def want_figures(self) -> None:
        """Read the period's task progress and indicators, once per `load()`."""
        if self._figures_asked != self._generation:
            self._figures_asked = self._generation
            self._read_figures(self.period_id, self._generation)

    @work(thread=True, exclusive=True, group="office-figures")
    def _read_figures(self, period_id: str, generation: int) -> None:
        from cchc_tui.services.office.report import period_figures

        figures = period_figures(self.ws, period_id)
        self.post_message(
            self.PeriodLoaded(
                period_id, figures.tasks, figures.indicators, figures.kinds, generation
            )
        )

    @on(GridLoaded)
    def show_grid(self, message: GridLoaded) -> None:
        table = self.query_one(SubmissionsTable)
        table.show(message.grid)
        counts = message.grid.counts(self.period_id)
        self.query_one("#office-status", Static).update(
            f"Kỳ {self.period_id}: {rules.cell_label(rules.ON_TIME)} {counts[rules.ON_TIME]},"
            f" trễ {counts[rules.LATE]}, {rules.cell_label(rules.MISSING)} {counts[rules.MISSING]},"
            f" {rules.cell_label(rules.NOT_DUE)} {counts[rules.NOT_DUE]} — "
            "⚠ rẽ nhánh / thiếu gói / bị từ chối / đáng ngờ; Enter: xem gói"
        )
        if self.period_id in [p.id for p in message.grid.periods]:
            column = 1 + [p.id for p in message.grid.periods].index(self.period_id)
            table.move_cursor(column=column)
        painted = getattr(self.app, "painted", None)  # hosts other than CchcApp have none
        if painted is not None:
            self.call_after_refresh(painted)
        self.fill_tab(self.query_one(TabbedContent).active)  # tab 2 or 3 shown: read now
        self.set_timer(FIGURES_AFTER_PAINT, self.want_figures)

    @on(PeriodLoaded)
    def keep_period(self, message: PeriodLoaded) -> None:
        if message.generation != self._generation:
            return  # read before the last load(): a newer read follows
        self._period, self._shown = message, set()
        self.figures = {f.id: f for f in message.indicators}
        self.fill_tab(self.query_one(TabbedContent).active)

    @on(TabbedContent.TabActivated)
    def tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self.fill_tab(event.pane.id or "")

    def fill_tab(self, tab: str) -> None:
        """Fill a period table when its tab is first shown (thousands of rows cost time)."""
        data = self._period
        if tab in ("tasks", "indicators") and (data is None or data.generation != self._generation):
            self.want_figures()  # the rows shown stay until the fresh figures arrive
            return
        if data is None or tab in self._shown:
            return
        if tab == "tasks":
            self.query_one(TaskProgressTable).show(data.tasks, data.kinds, self.kind)
        elif tab == "indicators":
            self.query_one(IndicatorsTable).show(data.indicators)
        self._shown.add(tab)

    @on(Select.Changed, "#office-period")
    def period_changed(self, event: Select.Changed) -> None:
        if event.value != self.period_id:
            self.period_id = str(event.value)
            self.load()

    @on(Select.Changed, "#office-kind")
    def kind_changed(self, event: Select.Changed) -> None:
        kind = None if event.value == ALL_KINDS else str(event.value)
        if kind != self.kind:
            self.kind = kind
            self.load()

    @on(DataTable.CellSelected, "#submissions-table")
    def drill_submission(self, event: DataTable.CellSelected) -> None:
        period_id = str(event.cell_key.column_key.value)
        if period_id != "agency":
            self.open_bundle(str(event.cell_key.row_key.value), period_id)

    @on(DataTable.RowSelected, "#tasks-table")
    def drill_task(self, event: DataTable.RowSelected) -> None:
        code, agency_id = str(event.row_key.value).split(KEY_SEP, 1)
        tasks = self._period.tasks if self._period is not None else []
        shown = next(
            (
                (task, role, report)
                for task in tasks
                if task.code == code
                for role, report in task.by_agency()
                if report.agency_id == agency_id
            ),
            None,
        )
        from cchc_tui.screens.office.detail import BundleDetailScreen

        self.app.push_screen(
            BundleDetailScreen(self.ws, agency_id, self.period_id, shown), self.reload_if
        )

    @on(DataTable.RowSelected, "#indicators-table")
    def drill_indicator(self, event: DataTable.RowSelected) -> None:
        figure = self.figures.get(str(event.row_key.value))
        if figure is not None:
            from cchc_tui.screens.office.detail import ContributionsScreen

            self.app.push_screen(ContributionsScreen(self.ws, figure, self.period_id))

    def open_bundle(self, agency_id: str, period_id: str) -> None:
        """Push the drill-down of one agency and period."""
        from cchc_tui.screens.office.detail import BundleDetailScreen

        self.app.push_screen(BundleDetailScreen(self.ws, agency_id, period_id), self.reload_if)

    def reload_if(self, changed: bool | None) -> None:
        """Read everything again after a decision in a drill-down."""
        if changed:
            self.load()

    def action_tab(self, tab: str) -> None:
        """Show one of the three views, its table focused (Enter then opens a row)."""
        self.query_one(TabbedContent).active = tab
        self.query_one(f"#{tab}-table", DataTable).focus()

    def action_shift_period(self, step: int) -> None:
        """Move to the previous or next reporting period."""
        index = self.periods.index(self.period_id) + step
        if 0 <= index < len(self.periods):
            self.query_one("#office-period", Select).value = self.periods[index]

    def action_reload(self) -> None:
        """Read everything again (after an import from the command line)."""
        self.load()

    def action_import(self) -> None:
        """Open the import screen; reload when it closes."""
        from cchc_tui.screens.office.importing import ImportScreen

        self.app.push_screen(ImportScreen(self.ws), lambda _changed: self.load())

    def action_refused(self) -> None:
        """Every refused file with its reason."""
        from cchc_tui.screens.office.refused import RefusedScreen

        self.app.push_screen(RefusedScreen(self.ws))

    def action_keyring(self) -> None:
        """The agencies' keys: add, rotate, revoke."""
        from cchc_tui.screens.office.keys import KeyringScreen

        self.app.push_screen(KeyringScreen(self.ws), lambda _changed: self.load())

    def action_letters(self) -> None:
        """The office's key and what it sends back: receipts, registry, plan."""
        from cchc_tui.screens.office.letters import OfficeLettersScreen

        self.app.push_screen(OfficeLettersScreen(self.ws, self.period_id))

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """The office's own commands in Ctrl+P."""
        yield PaletteCommand(
            "Gửi các cơ quan",
            "Khóa của Sở; ký biên nhận, danh mục cơ quan, kế hoạch (l)",
            self.action_letters,
        )
        yield PaletteCommand(
            "Nhận gói báo cáo", "Kiểm tra, nhận các tệp gói (i)", self.action_import
        )
        yield PaletteCommand(
            "Tệp bị từ chối", "Danh sách tệp không nhận, lý do (r)", self.action_refused
        )
        yield PaletteCommand(
            "Khóa của các cơ quan", "Thêm, đổi, thu hồi khóa (k)", self.action_keyring
        )
