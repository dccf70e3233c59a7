"""Export (Xuất gói báo cáo): what will be sent, then sign, write, read back and verify.

The screen shows the period's slots, what is unreported (a warning, not a block), the signer
and the last submission before asking for the key's passphrase. With no key yet it offers to
create one and writes the enrolment file to send once to Sở Nội vụ.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Label, Static

from cchc_tui.app import CchcApp
from cchc_tui.screens import export_key
from cchc_tui.screens import export_preview as preview
from cchc_tui.screens import export_text as say
from cchc_tui.screens.palette import PaletteCommand
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.export import ExportPreview, ExportResult, export_period, export_preview
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.context_bar import ContextBar
from cchc_tui.widgets.field_error import FieldError
from cchc_tui.widgets.key_footer import KeyFooter
from cchc_tui.widgets.toggles import MarkedCheckbox

TITLE = "Xuất gói báo cáo"


class ExportScreen(Screen):
    """Export the period on screen as a signed bundle for the receiving office."""

    HELP_TOPIC = "export"
    """The keys F1 shows first (a section of the help screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Quay lại", id="export.back")
    ]

    app = getters.app(CchcApp)
    slots = getters.query_one("#export-slots", DataTable)
    new_key_error = getters.query_one("#err-new-passphrase", FieldError)
    passphrase_error = getters.query_one("#err-passphrase", FieldError)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.preview: ExportPreview | None = None
        self.busy = False
        self.replacing = False
        """True after the officer asked to replace a lost key."""
        self.offer_mark_sent = False
        """True after a file was written: the next step, marking it sent, gets the focus."""

    def compose(self) -> ComposeResult:
        yield ContextBar(TITLE)
        with VerticalScroll(id="export-body"):
            yield Static(id="export-summary")
            yield Static(id="export-warning")
            with Vertical(id="key-setup"):
                yield Static(export_key.NEW_KEY_HELP, id="key-help", markup=False)
                yield Label("Mật khẩu cho khóa mới", classes="form-label")
                yield Input(password=True, compact=True, id="new-passphrase")
                yield Label("Nhập lại mật khẩu (Enter để tạo khóa)", classes="form-label")
                yield Input(password=True, compact=True, id="new-passphrase-again")
                yield FieldError(id="err-new-passphrase")
                yield Button("Tạo khóa ký", variant="primary", compact=True, id="make-key")
            with Vertical(id="sign"):
                yield Label("Mật khẩu khóa ký (Enter để ký và xuất)", classes="form-label")
                yield Input(password=True, compact=True, id="passphrase")
                yield FieldError(id="err-passphrase")
                yield MarkedCheckbox(
                    "Ký lại thành gói số mới (khi Sở Nội vụ báo gói trước bị thất lạc)",
                    compact=True,
                    id="resend",
                )
                with Horizontal(id="export-buttons"):
                    yield Button("Ký và xuất gói", variant="primary", compact=True, id="export")
                    yield Button("Quên mật khẩu / mất khóa…", compact=True, id="lost-key")
            yield Static(id="export-result")
            yield Button("Đánh dấu đã gửi…", compact=True, id="mark-sent")
            yield Label("Nội dung sẽ gửi", classes="section")
            yield DataTable(id="export-slots", cursor_type="row")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "period_id", self.reload, init=False)
        self.watch(self.app, "data_version", self.reload, init=False)
        self.app.theme_changed_signal.subscribe(self, self._redraw_slots)  # status colours
        self.slots.add_columns(*preview.SLOT_COLUMNS)
        self.reload()
        self._focus_passphrase()

    def reload(self, *_: object) -> None:
        """Read what the period's bundle would carry and redraw it."""
        app = self.app
        self.preview = p = export_preview(self.ws, app.agency_id or "", app.period_id or None)
        self.query_one("#export-summary", Static).update(preview.summary(p))
        self._show_warning(p)
        setup = p.key is None or self.replacing
        self.query_one("#key-help", Static).update(
            export_key.REPLACE_KEY_HELP if self.replacing else export_key.NEW_KEY_HELP
        )
        self.query_one("#key-setup").display = setup and not p.refusal
        self.query_one("#sign").display = not setup and not p.refusal
        self.query_one("#resend").display = p.replays
        self._show_mark_sent(p)
        self._show_slots(p)

    def _show_mark_sent(self, p: ExportPreview) -> None:
        """The button that marks the period's latest bundle sent (or takes the mark back)."""
        button = self.query_one("#mark-sent", Button)
        label = preview.mark_sent_label(p)
        button.display = label is not None
        if label is not None:
            button.label = label
        if self.offer_mark_sent and button.display:
            self.offer_mark_sent = False
            button.focus(scroll_visible=False)
            self.call_after_refresh(button.scroll_visible)  # once the layout shows it

    def _show_warning(self, p: ExportPreview) -> None:
        warning = self.query_one("#export-warning", Static)
        text = preview.warning(p)
        warning.display = text is not None
        if text is not None:
            warning.update(text)

    def _redraw_slots(self, *_: object) -> None:
        if self.preview is not None:
            self._show_slots(self.preview)

    def _show_slots(self, p: ExportPreview) -> None:
        preview.fill_slots(self.slots, p, self.app.theme_variables, self.size.width)

    # -- create the key -------------------------------------------------------------------

    @on(Input.Submitted, "#new-passphrase")
    def _next_field(self) -> None:
        self.query_one("#new-passphrase-again").focus()

    @on(Input.Submitted, "#new-passphrase-again")
    @on(Button.Pressed, "#make-key")
    def action_make_key(self) -> None:
        """Create the agency's signing key and write the enrolment file for Sở Nội vụ."""
        export_key.create_key(self)

    @on(Button.Pressed, "#lost-key")
    def action_lost_key(self) -> None:
        """Offer a replacement key when the passphrase is forgotten or the key file lost."""
        from cchc_tui.screens.dialogs import ConfirmDialog

        dialog = ConfirmDialog(export_key.LOST_KEY_QUESTION, yes="Tạo khóa mới", no="Thôi")
        self.app.push_screen(dialog, self._replace_chosen)

    def _replace_chosen(self, yes: bool | None) -> None:
        if yes:
            self.replacing = True
            self.reload()
            self.query_one("#new-passphrase").focus()

    def key_made(self, fingerprint: str, path: str) -> None:
        """Called from the key's worker once the key and its enrolment file are written."""
        export_key.key_made(self, fingerprint, path)

    # -- sign and export ------------------------------------------------------------------

    @on(Input.Submitted, "#passphrase")
    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        """Sign the period's snapshot, write the file, read it back and verify it."""
        field = self.query_one("#passphrase", Input)
        if self.busy or self.preview is None or self.preview.key is None:
            return
        if not field.value:
            self.passphrase_error.show("Hãy nhập mật khẩu khóa ký rồi bấm Enter.")
            return
        self.passphrase_error.show("")
        app, phrase = self.app, field.value
        agency_id, period_id = app.agency_id or "", self.preview.period_id
        resend = self.query_one("#resend", MarkedCheckbox).value and self.preview.replays
        field.value = ""
        self.query_one("#export-result", Static).update("Đang ký, ghi tệp và kiểm tra lại…")

        def job() -> str:
            result = export_period(self.ws, agency_id, period_id, phrase, resend=resend)
            app.call_from_thread(self._exported, result)
            return f"Đã xuất gói số {result.seq}."

        def refused(exc: ServiceError) -> None:
            self.busy = False
            self.query_one("#export-result", Static).update("")
            self.passphrase_error.show(
                say.WRONG_PASSPHRASE if exc.code == "wrong_passphrase" else str(exc)
            )
            field.focus()

        self.busy = True
        app.run_write(job, on_error=refused)

    def _exported(self, result: ExportResult) -> None:
        self.busy = False
        self.query_one("#resend", MarkedCheckbox).value = False
        self.query_one("#export-result", Static).update(say.exported(result))
        self.query_one("#export-result").scroll_visible()
        self.offer_mark_sent = True  # focused once the reload after the write shows it

    @on(Button.Pressed, "#mark-sent")
    def action_mark_sent(self) -> None:
        """Đánh dấu đã gửi (or bỏ đánh dấu) the period's latest bundle (screens/mark_sent.py)."""
        from cchc_tui.screens.mark_sent import toggle_sent

        if self.preview is not None and not self.busy:
            toggle_sent(self.app, self.ws, self.app.agency_id or "", self.preview.submission)

    def action_back(self) -> None:
        if self.replacing:
            self.replacing = False
            self.reload()
            self.query_one("#passphrase").focus()
            return
        self.dismiss()

    def palette_commands(self) -> Iterable[PaletteCommand]:
        """This screen's actions for the command palette."""
        yield PaletteCommand(
            "Ký và xuất gói", "Nhập mật khẩu khóa ký rồi Enter", self._focus_passphrase
        )
        yield PaletteCommand(
            "Đánh dấu đã gửi gói báo cáo",
            "Gói mới nhất của kỳ đã gửi qua thư điện tử; chọn lại để bỏ đánh dấu",
            self.action_mark_sent,
        )

    def _focus_passphrase(self) -> None:
        has_key = self.preview is not None and self.preview.key is not None
        self.query_one("#passphrase" if has_key else "#new-passphrase").focus()
