"""Background writes of the app: every service write runs in a worker thread, one at a time,
and its outcome comes back as a message handled on the key loop (mixed into CchcApp)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress

from textual import work
from textual.app import App
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker, WorkerFailed

from cchc_tui.domain.safe_text import visible
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace

LOCK_WAIT_SECONDS = 3.0
"""How long a last-moment draft waits for a write in progress before writing anyway."""


class BackgroundWrites(App[None]):
    """`run_write(job)`: the job runs off the key loop; the officer is told how it went."""

    data_version: reactive[int] = reactive(0, init=False)
    """Bumped after each write, so open screens re-read what changed."""

    ws: Workspace

    class WriteDone(Message):
        """A write finished; `text` (if any) is told to the officer, as plain text (control
        characters shown as marks)."""

        def __init__(self, text: str | None, refresh: bool) -> None:
            super().__init__()
            self.text = text
            self.refresh_data = refresh

    class WriteFailed(Message):
        """A write was refused or failed; nothing was written."""

        def __init__(
            self, error: Exception, on_error: Callable[[ServiceError], None] | None
        ) -> None:
            super().__init__()
            self.error = error
            self.on_error = on_error

    def __init__(self) -> None:
        super().__init__()
        self.write_lock = threading.Lock()
        self.closed_forms: set[int] = set()

    @work(thread=True, group="write", exit_on_error=False)
    def run_write(
        self,
        job: Callable[[], object],
        *,
        refresh: bool = True,
        on_error: Callable[[ServiceError], None] | None = None,
    ) -> None:
        """Run a service write off the key loop, one at a time; report back by message.

        A string returned by `job` is shown to the officer; a ServiceError goes to
        `on_error` (or is shown), any other failure is shown and logged.
        """
        try:
            with self.write_lock:
                result = job()
        except Exception as exc:
            self.post_message(self.WriteFailed(exc, on_error))
            if not isinstance(exc, ServiceError):
                raise
            return
        self.post_message(self.WriteDone(result if isinstance(result, str) else None, refresh))

    def on_background_writes_write_done(self, message: WriteDone) -> None:
        if message.text:
            self.notify(visible(message.text), timeout=4, markup=False)  # may quote names
        if message.refresh_data:
            self.data_version += 1

    def on_background_writes_write_failed(self, message: WriteFailed) -> None:
        """A refusal goes to the screen's `on_error`; a fault of the machine or the data
        file (disk full, file locked…) is logged and told in its one Vietnamese line."""
        error = message.error
        if not isinstance(error, ServiceError):
            from cchc_tui.services.faults import report

            fault = report(error, self.ws.data_dir, command="cchc (ứng dụng)")
            error = ServiceError(fault.line.removeprefix("Lỗi: "), code=fault.kind)
        if message.on_error is not None:
            message.on_error(error)
            return
        self.notify(
            visible(str(error)), title="Chưa lưu", severity="error", timeout=8, markup=False
        )

    def on_progress_form_draft_changed(self, message: Message) -> None:
        """Autosave of an open form."""
        self.write_draft(message)

    def write_draft(self, message: Message) -> Worker:
        """Write a form's draft unless that form has closed (saved or discarded) meanwhile."""
        from cchc_tui.services.drafts import save_draft

        token, slot, entry = message.token, message.slot, message.entry  # type: ignore[attr-defined]

        def job() -> None:
            if token not in self.closed_forms:
                save_draft(self.ws, slot, entry)

        return self.run_write(job, refresh=False)

    def write_drafts_now(self) -> int:
        """Write every open form's draft at once, on this thread, for when the program must
        stop now (an unexpected error); never raises. Returns how many were written."""
        written = 0
        try:
            from cchc_tui.services.drafts import save_draft

            for screen in list(self.screen_stack):
                draft_now = getattr(screen, "draft_now", None)
                if draft_now is None or id(screen) in self.closed_forms:
                    continue
                try:
                    kept = draft_now()
                    if kept is None:
                        continue
                    locked = self.write_lock.acquire(timeout=LOCK_WAIT_SECONDS)
                    try:
                        save_draft(self.ws, *kept)
                    finally:
                        if locked:
                            self.write_lock.release()
                    written += 1
                except Exception:  # keep the others; the crash itself is reported by Textual
                    continue
        except Exception:
            pass
        return written

    async def action_quit(self) -> None:
        """Quit once open forms are kept as drafts and every pending write is on disk."""
        for screen in self.screen_stack:
            take_draft = getattr(screen, "take_draft", None)
            message = take_draft() if take_draft is not None else None
            if message is not None:
                self.write_draft(message)
        pending = [w for w in self.workers if w.group == "write" and not w.is_finished]
        if pending:
            self.notify("Đang ghi nốt dữ liệu…", timeout=2)
        for worker in pending:
            with suppress(WorkerFailed):
                await worker.wait()
        self.exit()
