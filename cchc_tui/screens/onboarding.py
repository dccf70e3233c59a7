"""First run: choose my agency and enter the officer's name; saved as the profile."""

from __future__ import annotations

from typing import ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from cchc_tui.app import CchcApp
from cchc_tui.services import catalog
from cchc_tui.services.reorganisation import ended_notice
from cchc_tui.services.settings import save_profile
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.agency_picker import AgencyPicker
from cchc_tui.widgets.field_error import FieldError
from cchc_tui.widgets.key_footer import KeyFooter


class OnboardingScreen(Screen[str | None]):
    """Three steps on one screen: agency, name, title; returns the chosen agency id."""

    HELP_TOPIC = "onboarding"
    """The keys F1 shows first (a section of the help screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "finish", "Lưu và bắt đầu", id="onboarding.finish", priority=True),
    ]

    app = getters.app(CchcApp)
    agency_error = getters.query_one("#err-agency", FieldError)
    officer_error = getters.query_one("#err-officer", FieldError)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.agency_id: str | None = None

    def compose(self) -> ComposeResult:
        ws = self.ws
        registry = catalog.load_registry(ws)
        with VerticalScroll(id="onboarding"):
            yield Static(
                "Chào mừng! Thiết lập lần đầu (làm một lần, đổi được trong Cài đặt).", id="welcome"
            )
            yield Label(
                "1. Cơ quan của tôi — gõ vài chữ của tên (có dấu hoặc không), ↑↓ chọn, Enter",
                classes="form-label",
            )
            yield AgencyPicker(list(registry), registry.search, ws.clock.today(), id="agency")
            yield Static(id="chosen-agency")
            yield FieldError(id="err-agency")
            with Vertical(id="officer-fields"):
                yield Label("2. Họ tên cán bộ đầu mối", classes="form-label")
                yield Input(
                    placeholder="Ví dụ: Nguyễn Thị Hoa",
                    compact=True,
                    select_on_focus=False,
                    id="officer",
                )
                yield FieldError(id="err-officer")
                yield Label("3. Chức vụ (không bắt buộc)", classes="form-label")
                yield Input(
                    placeholder="Ví dụ: Chuyên viên phòng CCHC",
                    compact=True,
                    select_on_focus=False,
                    id="title",
                )
                yield Button(
                    "Lưu và bắt đầu (Ctrl+S)", variant="primary", compact=True, id="finish"
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#agency-search").focus()

    @on(AgencyPicker.Chosen)
    def _agency_chosen(self, event: AgencyPicker.Chosen) -> None:
        self.agency_id = event.agency.id
        chosen = f"Đã chọn: {event.agency.name}"
        notice = ended_notice(self.ws, event.agency)
        if notice:  # a body that ended in the 2025 reorganisation, or outside the plan
            chosen += f"\nLưu ý: {notice}"
        self.query_one("#chosen-agency", Static).update(Content(chosen))
        self.agency_error.show("")
        self.query_one("#officer").focus()

    @on(Input.Submitted, "#officer")
    def _officer_done(self) -> None:
        self.query_one("#title").focus()

    @on(Input.Submitted, "#title")
    @on(Button.Pressed, "#finish")
    def _title_done(self) -> None:
        self.action_finish()

    def action_finish(self) -> None:
        """Check the three answers and save the profile in a worker."""
        officer = self.query_one("#officer", Input).value.strip()
        title = self.query_one("#title", Input).value.strip()
        self.agency_error.show(
            "" if self.agency_id else "Chưa chọn cơ quan: gõ tên rồi nhấn Enter."
        )
        self.officer_error.show("" if officer else "Chưa nhập họ tên cán bộ đầu mối.")
        if not self.agency_id:
            self.query_one("#agency-search").focus()
            return
        if not officer:
            self.query_one("#officer").focus()
            return
        agency_id, app = self.agency_id, self.app
        app.officer, app.officer_title = officer, title

        def job() -> str:
            profile = save_profile(self.ws, agency_id, officer, title)
            return f"Đã lưu hồ sơ: {catalog.find_agency(self.ws, profile.agency_id).name} — {profile.officer}."

        app.run_write(job, refresh=False)
        self.dismiss(agency_id)
