"""The export screen's first step when the agency has no signing key (or lost it): create
one and write the enrolment file to send once to Sở Nội vụ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Input, Static

from cchc_tui.services.errors import ServiceError

if TYPE_CHECKING:
    from cchc_tui.screens.export import ExportScreen

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
LOST_KEY_QUESTION = (
    "Quên mật khẩu hoặc mất tệp khóa?\n\n"
    "Có thể tạo khóa mới thay khóa cũ. Khóa cũ sẽ không dùng được nữa; các gói đã gửi vẫn "
    "giữ nguyên. Sở Nội vụ cần nhận tệp đăng ký khóa mới trước khi nhận gói tiếp theo."
)


def key_made_text(fingerprint: str, path: str) -> Content:
    """The key exists: its fingerprint, the enrolment file and what to do with it."""
    return Content.assemble(
        Content.styled("Đã tạo khóa ký. ", "bold $text-success"),
        f"Vân tay: {fingerprint}.\nTệp đăng ký khóa: {path}\n"
        "Gửi tệp này một lần cho Sở Nội vụ qua đường công văn; Sở sẽ gọi điện "
        "đọc lại vân tay để đối chiếu. Sau đó nhập mật khẩu để ký và xuất.",
    )


def create_key(screen: ExportScreen) -> None:
    """Check the passphrase typed twice, then create the key in a worker (the screen's
    `key_made` shows the result; a refusal shows under the fields)."""
    first = screen.query_one("#new-passphrase", Input)
    again = screen.query_one("#new-passphrase-again", Input)
    if screen.busy:
        return
    if first.value != again.value:
        again.value = ""
        again.focus()
        screen.new_key_error.show("Hai lần nhập mật khẩu không khớp: hãy nhập lại ở ô thứ hai.")
        return
    screen.new_key_error.show("")
    app, ws, phrase, replacing = screen.app, screen.ws, first.value, screen.replacing
    agency_id = app.agency_id or ""

    def job() -> str:
        from cchc_tui.services.keys import enrolment_file_name, init_key

        folder = ws.exports_dir
        info = init_key(ws, agency_id, phrase, replace_lost=replacing, enrolment_dir=folder)
        path = folder / enrolment_file_name(info.agency_id, info.key_id)
        app.call_from_thread(screen.key_made, info.fingerprint, str(path))
        return "Đã tạo khóa ký."

    def refused(exc: ServiceError) -> None:
        screen.busy = False
        screen.new_key_error.show(str(exc))
        first.focus()

    screen.busy = True
    app.run_write(job, on_error=refused)


def key_made(screen: ExportScreen, fingerprint: str, path: str) -> None:
    """The key exists: clear the fields, say what to send, go on to signing."""
    screen.busy = False
    screen.replacing = False
    for field in ("#new-passphrase", "#new-passphrase-again"):
        screen.query_one(field, Input).value = ""
    screen.query_one("#export-result", Static).update(key_made_text(fingerprint, path))
    screen.query_one("#export-result").scroll_visible()
    screen.query_one("#passphrase").focus()
