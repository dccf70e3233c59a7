"""The focal officer's app: one workspace, one agency; screens present, services do the work.

Start-up reads go through sqlite3 only; every screen but the task list is imported when
first opened, and the write path (SQLModel) loads in a worker on the first save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.periods import ReportingPeriod, days_left_text
from cchc_tui.domain.progress import format_day
from cchc_tui.screens.crash import CrashReport
from cchc_tui.screens.palette import ActionsProvider, PaletteCommand
from cchc_tui.screens.screen_keys import ScreenKeys
from cchc_tui.screens.writes import BackgroundWrites
from cchc_tui.services import catalog
from cchc_tui.services.settings import deadline_day, get_setting
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.context_bar import Context

THEMES = {"dark": "textual-dark", "light": "textual-light"}
THEME_KEY = "ui.theme"
KEY_NAMES = {"escape": "Esc", "enter": "Enter", "slash": "/", "question_mark": "?", "delete": "Del"}
PALETTE = (
    ("Tổng quan", "Kỳ báo cáo, hạn nộp, việc cần làm (F2)", "dashboard"),
    ("Nhiệm vụ của tôi", "Danh sách nhiệm vụ (F3)", "tasks"),
    ("Chọn kỳ báo cáo", "Xem hoặc ghi một kỳ khác (F4)", "pick_period"),
    ("Chọn kế hoạch", "Làm việc với kế hoạch khác trong các kế hoạch đã nạp", "pick_plan"),
    ("Cài đặt", "Cơ quan, cán bộ, hạn nộp, sao lưu (F5)", "settings"),
    ("Sao lưu dữ liệu", "Chép cơ sở dữ liệu vào thư mục backups", "backup"),
    ("Xuất gói báo cáo", "Gói báo cáo gửi cơ quan tổng hợp (F6)", "export"),
    (
        "Tổng hợp báo cáo (Sở Nội vụ)",
        "Tình hình nộp, tiến độ, chỉ tiêu của các cơ quan (F7)",
        "office",
    ),
    ("Trợ giúp", "Phím tắt, trạng thái, vai trò, nơi lưu dữ liệu (F1)", "help"),
    ("Đổi giao diện sáng/tối", "Dễ đọc hơn trên màn hình sáng", "toggle_theme"),
)
NAV_ACTIONS = {"dashboard", "tasks", "pick_period", "settings", "export", "help"}


class CchcApp(CrashReport, BackgroundWrites, ScreenKeys):
    """Theo dõi, báo cáo kế hoạch cải cách hành chính for one agency's focal officer."""

    CSS_PATH = "app.tcss"
    TITLE = "CCHC — kế hoạch cải cách hành chính"
    """Until the plan is read; then `show_plan` names it ("CCHC — Kế hoạch 138/KH-UBND")."""
    COMMANDS: ClassVar = {ActionsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1,question_mark", "help", "Trợ giúp", id="help", key_display="F1"),
        Binding("f2", "dashboard", "Tổng quan", id="dashboard"),
        Binding("f3", "tasks", "Nhiệm vụ", id="tasks"),
        Binding("f4", "pick_period", "Kỳ", id="pick_period"),
        Binding("f5", "settings", "Cài đặt", id="settings"),
        Binding("f6", "export", "Xuất gói", id="export"),
        Binding("f7", "office", "Tổng hợp", id="office"),
        Binding("ctrl+q", "quit", "Thoát", id="quit", priority=True, show=False),
        Binding("ctrl+p", "command_palette", "Lệnh", id="palette", show=False, priority=True),
    ]

    period_id: reactive[str] = reactive("", init=False)
    """The reporting period every screen shows (switch with F4)."""

    def __init__(
        self,
        ws: Workspace,
        *,
        agency_id: str | None,
        officer: str | None = None,
        title: str = "",
        exit_after_paint: bool = False,
    ) -> None:
        super().__init__()
        self.ws = ws
        self.agency_id = agency_id
        self.officer = officer or ""
        self.officer_title = title
        self.exit_after_paint = exit_after_paint
        self.is_office = False
        self.add_mode("tasks", self._tasks_screen)
        self.add_mode("dashboard", self._dashboard_screen)
        self.add_mode("office", self._office_screen)
        self.show_plan()

    def _tasks_screen(self) -> Screen:
        from cchc_tui.screens.tasks import TasksScreen

        return TasksScreen(self.ws)

    def _dashboard_screen(self) -> Screen:
        from cchc_tui.screens.dashboard import DashboardScreen

        return DashboardScreen(self.ws)

    def _office_screen(self) -> Screen:
        from cchc_tui.screens.office import OfficeHomeScreen

        return OfficeHomeScreen(self.ws)

    # -- state shared by the screens -------------------------------------------------------

    @property
    def agency(self) -> Agency:
        """My agency (set once onboarding is done)."""
        assert self.agency_id is not None
        return catalog.find_agency(self.ws, self.agency_id)

    @property
    def period(self) -> ReportingPeriod:
        """The period on screen."""
        return catalog.find_period(self.ws, self.period_id or None)

    def context(self) -> Context:
        """What the bar at the top of each screen shows."""
        period = self.period
        deadline = period.deadline(deadline_day(self.ws))
        today = self.ws.clock.today()
        # days left only for the period being reported, by an agency expected in it
        current = period == catalog.find_period(self.ws, None) and self.agency.exists_on(period.end)
        plan = catalog.plan_label(self.ws)  # several plans: their number, the short period
        return Context(
            plan=plan,
            agency=self.agency.short_name,
            period=period.short_label if plan else period.label,
            deadline=format_day(deadline),
            days_left=days_left_text(deadline, today) if current else None,
            overdue=deadline < today,
        )

    # -- start ----------------------------------------------------------------------------

    def show_plan(self) -> None:
        """Name the plan being worked on in the title (at start and after each switch)."""
        from cchc_tui.services.errors import ServiceError

        try:
            self.title = f"CCHC — Kế hoạch {catalog.load_plan(self.ws).number}"
        except ServiceError:  # no plan yet: the screens say what to do
            self.title = self.TITLE

    def on_mount(self) -> None:
        theme = get_setting(self.ws, THEME_KEY)
        if theme in THEMES:
            self.theme = THEMES[theme]
        from cchc_tui.services.office.profile import get_office_profile

        self.is_office = get_office_profile(self.ws) is not None
        if self.agency_id is None and self.is_office:
            self.switch_mode("office")  # the receiving office's own install
        elif self.agency_id is None:
            from cchc_tui.screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen(self.ws), self._onboarded)
        else:
            self._open_agency()

    def _onboarded(self, agency_id: str | None) -> None:
        if agency_id is None:
            self.exit()
            return
        self.agency_id = agency_id
        self._open_agency()

    def _open_agency(self) -> None:
        from cchc_tui.services.catalog import in_final_review
        from cchc_tui.services.reorganisation import default_period

        # the current period (the last one in final review); a body that ended: its last one
        self.period_id = default_period(self.ws, self.agency).id
        # after the plan's end the overview says so and what can still be done (issue 13)
        self.switch_mode("dashboard" if in_final_review(self.ws) else "tasks")
        if not self.exit_after_paint:
            from cchc_tui.screens.progress_flow import offer_drafts

            self.call_after_refresh(offer_drafts, self)

    def painted(self) -> None:
        """Called by the task list and the office's home once their data is on screen
        (the exit point of `CCHC_EXIT_AFTER_PAINT=1`, for start-up benchmarks)."""
        if self.exit_after_paint:
            self.call_after_refresh(self.exit)
        elif not getattr(self, "_care_started", False):  # off the first-paint path
            self._care_started = True
            self.run_worker(self._care_at_start, thread=True, group="care", exit_on_error=False)

    def _care_at_start(self) -> None:
        """Quick health check and the day's backup; a banner for what needs the officer."""
        from cchc_tui.services.care_start import start_care

        for text, severity in start_care(self.ws).banners():
            self.call_from_thread(self.notify, text, severity=severity, timeout=20, markup=False)

    # -- an unexpected error: keep what is typed (issue 12) --------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Textual's one path for any unhandled error: write the open forms' drafts
        synchronously first, then let Textual end the app as before."""
        self.write_drafts_now()
        super()._handle_exception(error)

    # -- keys -------------------------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        """Keys as printed on a keyboard: Esc, Enter, Ctrl+S, F2."""
        if binding.key_display:
            return binding.key_display
        key = binding.key.split(",")[0]
        if key in KEY_NAMES:
            return KEY_NAMES[key]
        *modifiers, name = key.split("+")
        name = (
            name.upper()
            if (len(name) == 1 and modifiers) or (name.startswith("f") and name[1:].isdigit())
            else name
        )
        return "+".join([*(m.capitalize() for m in modifiers), name])

    # -- navigation -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Navigation waits for onboarding and modals; the footer hides where I already am."""
        if action == "office":
            return self.is_office and not isinstance(self.screen, ModalScreen)
        if action in NAV_ACTIONS:
            if self.agency_id is None and not (action == "help" and self.is_office):
                return False
            if action != "help" and any(isinstance(s, ModalScreen) for s in self.screen_stack):
                return None  # a form or a question open (F1 may sit on it): answer it first
            if action == self.current_mode and len(self.screen_stack) == 1:
                return False
        return True

    def action_help(self) -> None:
        from cchc_tui.screens.help import HelpScreen

        self.show_screen(HelpScreen, lambda: HelpScreen(self.ws))

    def action_office(self) -> None:
        """The receiving office's consolidated views (when enabled with `cchc init --receiver`)."""
        self.show_mode("office")

    def action_dashboard(self) -> None:
        self.show_mode("dashboard")

    def action_tasks(self) -> None:
        self.show_mode("tasks")

    def action_pick_period(self) -> None:
        from cchc_tui.screens.dialogs import PeriodPicker

        plan = catalog.load_plan(self.ws)
        current = catalog.find_period(self.ws, None)
        picker = PeriodPicker(plan.periods, self.period_id, current.id)
        self.push_screen(picker, self._period_chosen)

    def _period_chosen(self, period_id: str | None) -> None:
        if period_id:
            self.period_id = period_id

    def action_pick_plan(self) -> None:
        """Choose the plan every screen works on (services/plans.py `select_plan`)."""
        from cchc_tui.screens.plan_picker import PlanPicker
        from cchc_tui.services.plans import held_plans

        picker = PlanPicker(held_plans(self.ws), catalog.load_plan(self.ws).id)
        self.push_screen(picker, self._plan_chosen)

    def _plan_chosen(self, plan_id: str | None) -> None:
        from cchc_tui.services.plans import select_plan
        from cchc_tui.services.reorganisation import default_period

        if plan_id and plan_id != catalog.load_plan(self.ws).id:
            select_plan(self.ws, plan_id)
            self.show_plan()
            if self.agency_id is not None:  # the office's screen follows data_version itself
                self.period_id = default_period(self.ws, self.agency).id
            self.data_version += 1

    def action_settings(self) -> None:
        from cchc_tui.screens.settings import SettingsScreen

        self.show_screen(SettingsScreen, lambda: SettingsScreen(self.ws))

    def action_export(self) -> None:
        from cchc_tui.screens.export import ExportScreen

        self.show_screen(ExportScreen, lambda: ExportScreen(self.ws))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme and remember the choice."""
        choice = "light" if self.theme == THEMES["dark"] else "dark"
        self.theme = THEMES[choice]
        from cchc_tui.services.settings import put_settings

        self.run_write(lambda: put_settings(self.ws, {THEME_KEY: choice}), refresh=False)

    def action_backup(self, refresh: bool = False) -> None:
        """Copy the database into the backups folder (`refresh`: screens re-read afterwards)."""
        from cchc_tui.services.backup import backup_database

        self.run_write(lambda: f"Đã sao lưu: {backup_database(self.ws)}", refresh=refresh)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    placeholder="Tìm lệnh (gõ có dấu hoặc không dấu)…", id="--command-palette"
                )
            )

    def palette_commands(self, screen: Screen) -> Iterable[PaletteCommand]:
        """Commands of the app and of the screen on top, for the command palette."""
        for title, help_text, action in PALETTE:
            if action == "office" and not self.is_office:
                continue
            if (
                self.agency_id is not None
                or action in ("help", "toggle_theme", "office")
                or (action == "pick_plan" and self.is_office)
            ):
                yield PaletteCommand(title, help_text, getattr(self, f"action_{action}"))
        extra: Callable[[], Iterable[PaletteCommand]] | None = getattr(
            screen, "palette_commands", None
        )
        if extra is not None:
            yield from extra()
        yield PaletteCommand(
            "Thoát", "Đóng chương trình (Ctrl+Q); dữ liệu đã lưu", self.action_quit
        )
