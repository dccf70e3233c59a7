"""Settings (Cài đặt): agency, officer, deadline day, the Word report's signer and texts,
data folder (read-only), backups, theme."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from cchc_tui.app import CchcApp
from cchc_tui.screens.palette import PaletteCommand
from cchc_tui.services import catalog
from cchc_tui.services.backup import list_backups
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.settings import deadline_day, save_profile, set_deadline_day
from cchc_tui.services.word.settings import LABELS as REPORT_LABELS
from cchc_tui.services.word.settings import report_settings, save_report_settings
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.agency_picker import AgencyPicker
from cchc_tui.widgets.context_bar import ContextBar
from cchc_tui.widgets.field_error import FieldError
from cchc_tui.widgets.key_footer import KeyFooter


class SettingsScreen(Screen):
    """Change who I am and when we submit; make a backup of the data."""

    HELP_TOPIC = "settings"
    """The keys F1 shows first (a section of the help screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lưu cài đặt", id="settings.save", priority=True),
        Binding("ctrl+b", "backup", "Sao lưu", id="settings.backup", priority=True),
        Binding("escape", "back", "Quay lại", id="settings.back"),
    ]

    app = getters.app(CchcApp)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.agency_id = self.app.agency_id

    def compose(self) -> ComposeResult:
        app = self.app
        registry = catalog.load_registry(self.ws)
        yield ContextBar("Cài đặt")
        with VerticalScroll(id="settings-body"):
            yield Label("Cơ quan của tôi", classes="form-label")
            yield Static(app.agency.name, id="current-agency", markup=False)
            yield AgencyPicker(
                list(registry),
                registry.search,
                self.ws.clock.today(),
                selected=self.agency_id,
                id="agency",
            )
            yield Label("Họ tên cán bộ đầu mối", classes="form-label")
            yield Input(app.officer, compact=True, select_on_focus=False, id="officer")
            yield FieldError(id="err-officer")
            yield Label("Chức vụ", classes="form-label")
            yield Input(app.officer_title, compact=True, select_on_focus=False, id="title")
            yield Label("Ngày hạn nộp trong tháng cuối kỳ (1–20)", classes="form-label")
            yield Input(
                str(deadline_day(self.ws)),
                restrict=r"[0-9]*",
                max_length=2,
                compact=True,
                select_on_focus=False,
                id="deadline",
            )
            yield FieldError(id="err-deadline")
            yield Label("Báo cáo Word (để trống: mặc định)", classes="form-label")
            saved = report_settings(self.ws)
            for name, text in REPORT_LABELS.items():
                yield Label(text, classes="form-label")
                yield Input(
                    getattr(saved, name), compact=True, select_on_focus=False, id=f"report-{name}"
                )
            yield Label("Thư mục dữ liệu (chỉ xem)", classes="form-label")
            yield Static(str(self.ws.data_dir), id="data-dir", markup=False)
            yield Label("Sao lưu", classes="form-label")
            yield Static(id="backups", markup=False)
            with Horizontal(id="settings-buttons"):
                yield Button("Lưu cài đặt (Ctrl+S)", variant="primary", id="save")
                yield Button("Sao lưu ngay (Ctrl+B)", id="backup")
                yield Button("Giao diện sáng/tối", id="theme", action="app.toggle_theme")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", self._show_backups)
        self.query_one("#officer").focus()

    def _show_backups(self, *_: object) -> None:
        from cchc_tui.domain.progress import format_moment
        from cchc_tui.services.backup import backups_dir, keep_count, last_good_backup

        backups, last = list_backups(self.ws), last_good_backup(self.ws)
        text = (
            f"Bản sao lưu tốt gần nhất: {format_moment(last[0])} ({last[1].name})"
            if last
            else "Chưa có bản sao lưu nào."
        )
        self.query_one("#backups", Static).update(
            f"{text}\n{len(backups)} bản (giữ {keep_count(self.ws)}), thư mục: "
            f"{backups_dir(self.ws)}\nĐổi thư mục (USB, ổ mạng): cchc backup --set-dir THƯ_MỤC"
        )

    @on(AgencyPicker.Chosen)
    def _agency(self, event: AgencyPicker.Chosen) -> None:
        self.agency_id = event.agency.id
        self.query_one("#current-agency", Static).update(f"{event.agency.name} (chưa lưu — Ctrl+S)")
        self.query_one("#officer").focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        app, agency_id = self.app, self.agency_id or ""
        officer = self.query_one("#officer", Input).value
        title = self.query_one("#title", Input).value
        day = self.query_one("#deadline", Input).value
        report = {n: self.query_one(f"#report-{n}", Input).value for n in REPORT_LABELS}
        for error in self.query(FieldError):
            error.show("")

        def job() -> str:
            try:
                set_deadline_day(self.ws, day)
            except ServiceError as exc:
                raise ServiceError(str(exc), field_errors={"deadline": str(exc)}) from None
            try:
                profile = save_profile(self.ws, agency_id, officer, title)
            except ServiceError as exc:
                raise ServiceError(str(exc), field_errors={"officer": str(exc)}) from None
            save_report_settings(self.ws, **report)
            app.call_from_thread(self._saved, profile.agency_id, profile.officer, profile.title)
            return "Đã lưu cài đặt."

        def refused(exc: ServiceError) -> None:
            for field, text in exc.field_errors.items():
                self.query_one(f"#err-{field}", FieldError).show(text)

        app.run_write(job, on_error=refused)

    def _saved(self, agency_id: str, officer: str, title: str) -> None:
        self.app.agency_id, self.app.officer, self.app.officer_title = agency_id, officer, title
        self.query_one("#current-agency", Static).update(self.app.agency.name)

    @on(Button.Pressed, "#backup")
    def action_backup(self) -> None:
        self.app.action_backup(refresh=True)  # the list of backups shows the new one

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """This screen's actions for the command palette."""
        yield PaletteCommand("Lưu cài đặt", "(Ctrl+S)", self.action_save)
        yield PaletteCommand(
            "Sao lưu dữ liệu ngay",
            "Chép cơ sở dữ liệu vào thư mục backups (Ctrl+B)",
            self.action_backup,
        )
