"""Gửi các cơ quan (office install, l on F7): the office's own key, and the signed files it
sends back — receipts of the period on screen, the registry, the current plan."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from cchc_tui.domain.periods import period_label
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office import office_key
from cchc_tui.services.workspace import Workspace


class OfficeLettersScreen(Screen):
    """Create or export the office key; write receipts, the registry, the plan."""

    HELP_TOPIC = "office"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Quay lại", id="office.letters.back"),
    ]

    def __init__(self, ws: Workspace, period_id: str) -> None:
        super().__init__()
        self.ws, self.period_id = ws, period_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="office-letters"):
            yield Label("Gửi các cơ quan: biên nhận, danh mục, kế hoạch ký bằng khóa của Sở")
            yield Static(id="office-letters-key", markup=False)
            yield Label("Mật khẩu khóa của Sở (ít nhất 8 ký tự):")
            yield Input(password=True, id="office-letters-pass")
            yield Label("Thư mục ghi tệp:")
            yield Input(str(self.ws.exports_dir / "gui-co-quan"), id="office-letters-out")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Tạo khóa", id="key-init")
                yield Button("Ghi tệp khóa", id="key-export")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"Biên nhận {period_label(self.period_id, short=True)}", id="receipts")
                yield Button("Danh mục", id="registry")
                yield Button("Kế hoạch", id="plan")
        yield Footer()

    def on_mount(self) -> None:
        self.show_key()
        self.query_one("#office-letters-pass", Input).focus()

    def show_key(self) -> None:
        """The office key's fingerprint, or how to create it."""
        key = office_key.office_key(self.ws)
        text = (
            f"Khóa của Sở: vân tay {key.fingerprint} (đọc cho các cơ quan đối chiếu)."
            if key
            else "Sở chưa có khóa riêng: nhập mật khẩu rồi chọn Tạo khóa."
        )
        self.query_one("#office-letters-key", Static).update(text)

    def action_back(self) -> None:
        self.dismiss()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        from cchc_tui.services.catalog import load_plan
        from cchc_tui.services.office.publish import publish_plan, publish_registry
        from cchc_tui.services.office.receipts import write_receipts

        ws, phrase = self.ws, self.query_one("#office-letters-pass", Input).value
        out = Path(self.query_one("#office-letters-out", Input).value.strip() or ".")
        jobs = {
            "key-init": lambda: (
                f"Đã tạo khóa của Sở, vân tay {office_key.init_office_key(ws, phrase).fingerprint}."
            ),
            "key-export": lambda: (
                f"Đã ghi: {office_key.export_office_key(ws, out / 'khoa-so-noi-vu.json')}"
            ),
            "receipts": lambda: (
                f"Đã ghi {len(write_receipts(ws, self.period_id, out, phrase))} giấy biên nhận"
                f" vào {out}"
            ),
            "registry": lambda: (
                f"Đã ghi: {publish_registry(ws, out / 'danh-muc-co-quan.json', phrase)[0]}"
            ),
            "plan": lambda: (
                "Đã ghi: "
                f"{publish_plan(ws, load_plan(ws).id, out / f'ke-hoach-{load_plan(ws).id}.json', phrase)[0]}"
            ),
        }
        job = jobs.get(event.button.id or "")
        if job is not None:
            self._run(job)

    def _run(self, job) -> None:
        def work() -> None:
            try:
                text, severity = job(), "information"
            except ServiceError as exc:
                text, severity = f"Không làm được: {exc}", "error"
            self.app.call_from_thread(self._done, text, severity)

        self.run_worker(work, thread=True, exclusive=True)

    def _done(self, text: str, severity: str) -> None:
        self.app.notify(text, severity=severity, markup=False, timeout=10)
        self.show_key()
