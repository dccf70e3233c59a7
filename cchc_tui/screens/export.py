"""Export (Xuất gói báo cáo): what will be sent, then sign, write, read back and verify.

The screen shows the period's slots, what is unreported (a warning, not a block), the signer
and the last submission before asking for the key's passphrase. With no key yet it offers to
create one and writes the enrolment file to send once to Sở Nội vụ.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Label, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import DONE, NOT_REPORTED_LABEL, STATUS_LABELS
from cchc_tui.domain.roles import role_label
from cchc_tui.screens.formatting import themed
from cchc_tui.screens.palette import PaletteCommand
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.export import (
    ExportPreview,
    ExportResult,
    export_period,
    export_preview,
    submission_text,
)
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.context_bar import ContextBar
from cchc_tui.widgets.field_error import FieldError
from cchc_tui.widgets.key_footer import KeyFooter
from cchc_tui.widgets.task_table import fit
from cchc_tui.widgets.toggles import MarkedCheckbox

TITLE = "Xuất gói báo cáo"
NEW_KEY_HELP = (
    "Cơ quan chưa có khóa ký. Khóa ký chứng minh gói báo cáo do cơ quan gửi và không bị "
    "sửa dọc đường; chỉ cần tạo một lần. Chọn mật khẩu (ít nhất 8 ký tự), ghi lại nơi an "
    "toàn: mỗi lần xuất đều phải nhập."
)
REPLACE_KEY_HELP = (
    "Tạo khóa mới thay khóa cũ (đã quên mật khẩu hoặc mất tệp khóa). Sau khi tạo, gửi tệp "
    "đăng ký khóa mới cho Sở Nội vụ qua đường công văn: Sở chỉ nhận gói ký bằng khóa mới "
    "sau khi đã đăng ký. Esc để thôi."
)
WRONG_PASSPHRASE = (
    "Sai mật khẩu khóa ký: chưa ký, chưa ghi gì; tệp khóa không thay đổi. Hãy nhập lại "
    "(chú ý bộ gõ tiếng Việt và phím Caps Lock). Nếu đã quên: nút \u201cQuên mật khẩu / "
    "mất khóa…\u201d."
)
LOST_KEY_QUESTION = (
    "Quên mật khẩu hoặc mất tệp khóa?\n\n"
    "Có thể tạo khóa mới thay khóa cũ. Khóa cũ sẽ không dùng được nữa; các gói đã gửi vẫn "
    "giữ nguyên. Sở Nội vụ cần nhận tệp đăng ký khóa mới trước khi nhận gói tiếp theo."
)


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
                yield Static(NEW_KEY_HELP, id="key-help", markup=False)
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
        self.slots.add_columns("Mã", "Vai trò", "Trạng thái", "%", "VB", "Kết quả")
        self.reload()
        self._focus_passphrase()

    def reload(self, *_: object) -> None:
        """Read what the period's bundle would carry and redraw it."""
        app = self.app
        self.preview = p = export_preview(self.ws, app.agency_id or "", app.period_id or None)
        self.query_one("#export-summary", Static).update(self._summary(p))
        self._show_warning(p)
        setup = p.key is None or self.replacing
        self.query_one("#key-help", Static).update(
            REPLACE_KEY_HELP if self.replacing else NEW_KEY_HELP
        )
        self.query_one("#key-setup").display = setup and not p.refusal
        self.query_one("#sign").display = not setup and not p.refusal
        self.query_one("#resend").display = p.replays
        self._show_mark_sent(p)
        self._show_slots(p)

    def _show_mark_sent(self, p: ExportPreview) -> None:
        """The button that marks the period's latest bundle sent (or takes the mark back)."""
        button = self.query_one("#mark-sent", Button)
        button.display = p.submission is not None
        if p.submission is not None:
            seq = p.submission.seq
            button.label = (
                f"Bỏ đánh dấu đã gửi gói số {seq}…"
                if p.submission.sent_on
                else f"Đánh dấu đã gửi gói số {seq}…"
            )
        if self.offer_mark_sent and button.display:
            self.offer_mark_sent = False
            button.focus(scroll_visible=False)
            self.call_after_refresh(button.scroll_visible)  # once the layout shows it

    def _summary(self, p: ExportPreview) -> Content:
        reported = len(p.slots) - len(p.unreported)
        signer = p.signer["officer"] or "(chưa nhập họ tên — nhập ở Cài đặt, F5)"
        if p.signer["title"]:
            signer += f", {p.signer['title']}"
        key = (
            Content.assemble("khóa ký, vân tay ", Content.styled(p.key.fingerprint, "bold"))
            if p.key
            else Content.styled("chưa có khóa ký", "bold $text-warning")
        )
        submission = submission_text(p.submission)
        changed = p.submission is not None and p.submission.changed_since
        return Content("\n").join(
            [
                Content.assemble(
                    "Kỳ ",
                    Content.styled(p.period_label, "bold"),
                    f" · {len(p.slots)} nhiệm vụ, đã báo cáo {reported}",
                ),
                Content.assemble(f"Người ký: {signer} · ", key),
                Content.styled(submission, "bold $text-warning" if changed else ""),
                Content.styled(f"Tệp ghi vào: {p.out_dir}", "$text-muted"),
            ]
        )

    def _show_warning(self, p: ExportPreview) -> None:
        warning = self.query_one("#export-warning", Static)
        if p.refusal:  # the agency ended before this period's cut-off: nothing to sign
            warning.display = True
            warning.update(Content.styled(p.refusal, "bold $text-error"))
            return
        warning.display = bool(p.unreported)
        if p.unreported:
            warning.update(
                Content.styled(
                    f"Còn {len(p.unreported)} nhiệm vụ chưa báo cáo ({', '.join(p.unreported)}). "
                    f"Vẫn xuất được: các nhiệm vụ này ghi \u201c{NOT_REPORTED_LABEL}\u201d.",
                    "$text-warning",
                )
            )

    def _redraw_slots(self, *_: object) -> None:
        if self.preview is not None:
            self._show_slots(self.preview)

    def _show_slots(self, p: ExportPreview) -> None:
        colors = self.app.theme_variables
        self.slots.clear()
        for slot in p.slots:
            if slot.status in STATUS_LABELS:
                label = STATUS_LABELS[slot.status]
                status = themed(label, colors, "text-success") if slot.status == DONE else label
            else:
                status = themed(NOT_REPORTED_LABEL, colors, "text-warning")
            reported = slot.status in STATUS_LABELS  # unreported: no misleading "0%"
            result = slot.result or "(chưa ghi kết quả)"
            self.slots.add_row(
                slot.code,
                role_label(slot.roles),
                status,
                f"{slot.progress_bp // 100}%" if reported else "",
                str(slot.evidence) if reported else "",
                Text(
                    fit(" ".join(result.split()), max(self.size.width - 58, 16)),
                    style="" if slot.result else "dim",
                ),
                key=slot.code,
            )

    # -- create the key -------------------------------------------------------------------

    @on(Input.Submitted, "#new-passphrase")
    def _next_field(self) -> None:
        self.query_one("#new-passphrase-again").focus()

    @on(Input.Submitted, "#new-passphrase-again")
    @on(Button.Pressed, "#make-key")
    def action_make_key(self) -> None:
        """Create the agency's signing key and write the enrolment file for Sở Nội vụ."""
        first = self.query_one("#new-passphrase", Input)
        again = self.query_one("#new-passphrase-again", Input)
        if self.busy:
            return
        if first.value != again.value:
            again.value = ""
            again.focus()
            self.new_key_error.show("Hai lần nhập mật khẩu không khớp: hãy nhập lại ở ô thứ hai.")
            return
        self.new_key_error.show("")
        app, phrase, replacing = self.app, first.value, self.replacing
        agency_id = app.agency_id or ""

        def job() -> str:
            from cchc_tui.services.keys import enrolment_file_name, init_key

            folder = self.ws.exports_dir
            info = init_key(
                self.ws, agency_id, phrase, replace_lost=replacing, enrolment_dir=folder
            )
            path = folder / enrolment_file_name(info.agency_id, info.key_id)
            app.call_from_thread(self._key_made, info.fingerprint, str(path))
            return "Đã tạo khóa ký."

        def refused(exc: ServiceError) -> None:
            self.busy = False
            self.new_key_error.show(str(exc))
            first.focus()

        self.busy = True
        app.run_write(job, on_error=refused)

    @on(Button.Pressed, "#lost-key")
    def action_lost_key(self) -> None:
        """Offer a replacement key when the passphrase is forgotten or the key file lost."""
        from cchc_tui.screens.dialogs import ConfirmDialog

        dialog = ConfirmDialog(LOST_KEY_QUESTION, yes="Tạo khóa mới", no="Thôi")
        self.app.push_screen(dialog, self._replace_chosen)

    def _replace_chosen(self, yes: bool | None) -> None:
        if yes:
            self.replacing = True
            self.reload()
            self.query_one("#new-passphrase").focus()

    def _key_made(self, fingerprint: str, path: str) -> None:
        self.busy = False
        self.replacing = False
        for field in ("#new-passphrase", "#new-passphrase-again"):
            self.query_one(field, Input).value = ""
        self.query_one("#export-result", Static).update(
            Content.assemble(
                Content.styled("Đã tạo khóa ký. ", "bold $text-success"),
                f"Vân tay: {fingerprint}.\nTệp đăng ký khóa: {path}\n"
                "Gửi tệp này một lần cho Sở Nội vụ qua đường công văn; Sở sẽ gọi điện "
                "đọc lại vân tay để đối chiếu. Sau đó nhập mật khẩu để ký và xuất.",
            )
        )
        self.query_one("#export-result").scroll_visible()
        self.query_one("#passphrase").focus()

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
                WRONG_PASSPHRASE if exc.code == "wrong_passphrase" else str(exc)
            )
            field.focus()

        self.busy = True
        app.run_write(job, on_error=refused)

    def _exported(self, result: ExportResult) -> None:
        self.busy = False
        self.query_one("#resend", MarkedCheckbox).value = False
        head = (
            f"Không có thay đổi từ lần xuất trước: đã ghi lại đúng gói số {result.seq}."
            if result.replayed
            else f"Đã ký và xuất gói số {result.seq}; đã đọc lại và kiểm tra chữ ký."
        )
        self.query_one("#export-result", Static).update(
            Content.assemble(
                Content.styled(head, "bold $text-success"),
                f"\nTệp: {result.path}\n"
                + (
                    f"Đã ghi cả gói trước chưa ghi được lần trước: {result.earlier}\n"
                    "Gửi cả hai tệp qua thư điện tử cho Sở Nội vụ."
                    if result.earlier
                    else "Gửi tệp này qua thư điện tử cho Sở Nội vụ."
                )
                + f" Vân tay khóa: {result.fingerprint}.\n"
                "Gửi xong, bấm nút dưới đây (Enter) để đánh dấu đã gửi.",
            )
        )
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
