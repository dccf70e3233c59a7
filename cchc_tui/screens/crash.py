"""When the app meets an error it cannot handle: no traceback on the officer's screen.

`CrashReport` (mixed into CchcApp) writes the traceback to `DATA/logs/cchc-errors.log`,
keeps the one-line fault, and lets Textual end the app without printing a traceback.
Then `CrashApp`, a fresh app with nothing of the broken one, shows the crash screen:
what happened, that the saved data is intact, where the details are.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from cchc_tui.services.faults import Fault
    from cchc_tui.services.workspace import Workspace

INTACT = (
    "Dữ liệu đã lưu vẫn còn nguyên: mọi lần lưu trước khi lỗi xảy ra đều đã ghi vào tệp "
    "dữ liệu; chỉ việc đang làm dở lúc lỗi xảy ra có thể chưa được lưu."
)
UNTOUCHED = "Các bản sao lưu trong thư mục backups không bị động đến."
"""Said instead of INTACT when the fault is the data file itself (damaged, empty, foreign)."""
DAMAGED_KINDS = frozenset({"corrupt", "not_database", "empty"})
DAMAGED_STEP = (
    "Việc nên làm: như dòng Lỗi ở trên (mở lại chương trình sẽ báo đúng lỗi này cho đến khi "
    "tệp dữ liệu được thay); gửi tệp chi tiết kỹ thuật cho bộ phận hỗ trợ nếu cần."
)
NEXT_STEP = (
    "Việc nên làm: mở lại chương trình (cchc). Nếu lỗi lặp lại, gửi tệp chi tiết kỹ thuật "
    "cho bộ phận hỗ trợ."
)


class CrashReport(App[None]):
    """Records the first unhandled error as a `Fault` (`crash`) and its traceback in the log.

    Overrides Textual's private exception path (`_handle_exception`, `_fatal_error`;
    Textual is pinned in pyproject.toml): Textual still ends the app, but prints no
    traceback. A subclass may run its own last-moment work (drafts) before calling super.
    """

    ws: Workspace
    crash: Fault | None = None

    def _handle_exception(self, error: Exception) -> None:
        if self.crash is None:
            from cchc_tui.services.faults import report

            self.crash = report(error, self.ws.data_dir, command="cchc (ứng dụng)")
        super()._handle_exception(error)
        self._exit_renderables.clear()  # a rich-renderable error is told by the crash screen

    def _fatal_error(self) -> None:
        """End the app like Textual does, without rendering a traceback (nor its locals)."""
        self.bell()
        self._close_messages_no_wait()


def crash_text(fault: Fault) -> str:
    """What the crash screen says, in plain text."""
    where = (
        f"Chi tiết kỹ thuật đã ghi vào tệp: {fault.log}"
        if fault.log
        else "Không ghi được tệp chi tiết kỹ thuật (thư mục dữ liệu không ghi được)."
    )
    damaged = fault.kind in DAMAGED_KINDS
    kept, step = (UNTOUCHED, DAMAGED_STEP) if damaged else (INTACT, NEXT_STEP)
    return f"Lỗi: {fault.message}\n\n{kept}\n\n{where}\n\n{step}"


class CrashApp(App[None]):
    """The crash screen, shown after the app has ended: Enter or Esc closes it."""

    TITLE = "CCHC — chương trình đã dừng vì lỗi"
    CSS = """
    Screen { align: center middle; }
    #crash { width: 1fr; max-width: 90; height: auto; border: heavy $error; padding: 1 2; }
    #crash-title { text-style: bold; color: $error; margin-bottom: 1; }
    #crash-keys { margin-top: 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape,ctrl+q", "quit", "Đóng", id="close"),
    ]

    def __init__(self, fault: Fault) -> None:
        super().__init__()
        self.fault = fault

    def compose(self) -> ComposeResult:
        with Vertical(id="crash"):
            yield Static("Chương trình gặp lỗi và đã dừng", id="crash-title")
            yield Static(Content(crash_text(self.fault)), id="crash-text")
            yield Static("Enter hoặc Esc: đóng", id="crash-keys")


def show_crash(fault: Fault) -> None:
    """Show the crash screen until the officer closes it; never raises (the one line
    printed after it is enough if the terminal cannot show it)."""
    with contextlib.suppress(Exception):
        CrashApp(fault).run()
