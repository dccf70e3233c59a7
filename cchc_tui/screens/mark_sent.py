"""Đánh dấu đã gửi: the officer says an exported bundle went out by email (or takes it back).

Used by the overview (F2, `g`) and the export screen (after writing the file). The dialog asks
for the day it was sent, today by default; the write runs off the key loop (services/sent.py).
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import format_day
from cchc_tui.screens.dialogs import ConfirmDialog, Dialog
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.export import Submission
from cchc_tui.services.sent import exported_on, mark_sent, sent_day, unmark_sent
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.field_error import FieldError


def mark_question(seq: int) -> str:
    """The dialog's question."""
    return f"Đánh dấu đã gửi gói số {seq} qua thư điện tử?"


class SentDayDialog(Dialog):
    """Ask whether bundle `seq` was sent and on which day; returns the day, or None."""

    def __init__(self, seq: int, today: dt.date, exported: dt.date) -> None:
        super().__init__()
        self.seq, self.today, self.exported = seq, today, exported

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(mark_question(self.seq), markup=False)
            yield Static(
                "Chỉ là ghi nhận của cán bộ: khi Sở Nội vụ gửi giấy biên nhận, Tổng quan sẽ "
                "ghi Sở đã nhận. Gói đã ký không thay đổi.",
                markup=False,
                classes="dialog-note",
            )
            yield Label("Ngày gửi (ngày/tháng/năm; Enter: đánh dấu)", classes="form-label")
            yield Input(format_day(self.today), compact=True, id="sent-day")
            yield FieldError(id="err-sent-day")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Đánh dấu đã gửi", variant="primary", compact=True, id="yes")
                yield Button("Thôi", compact=True, id="no")

    def on_mount(self) -> None:
        self.query_one("#sent-day").focus()

    @on(Input.Submitted, "#sent-day")
    @on(Button.Pressed, "#yes")
    def _mark(self) -> None:
        text = self.query_one("#sent-day", Input).value
        try:
            day = sent_day(text, self.today, self.exported)
        except ServiceError as exc:
            self.query_one(FieldError).show(str(exc))
            self.query_one("#sent-day").focus()
            return
        self.dismiss(day)

    @on(Input.Changed, "#sent-day")
    def _clear_error(self) -> None:
        self.query_one(FieldError).show("")

    @on(Button.Pressed, "#no")
    def _cancel(self) -> None:
        self.dismiss(None)


def toggle_sent(app: CchcApp, ws: Workspace, agency_id: str, submission: Submission | None) -> None:
    """Mark the period's latest bundle sent (asking the day), or, when it is marked, ask
    whether to take the mark back. Without a bundle, say how to make one."""
    if submission is None:
        app.notify("Chưa xuất gói nào cho kỳ này: xuất gói ở F6 trước.", markup=False)
        return
    seq = submission.seq

    def write(day: dt.date | None) -> None:
        def job() -> str:
            done = mark_sent(ws, agency_id, seq, day) if day else unmark_sent(ws, agency_id, seq)
            return done.text

        app.run_write(job)

    if submission.sent_on:
        sent = format_day(dt.date.fromisoformat(submission.sent_on))
        question = (
            f"Bỏ đánh dấu đã gửi gói số {seq} (đã đánh dấu gửi ngày {sent})?\n\n"
            "Tổng quan sẽ lại ghi gói này chưa đánh dấu đã gửi."
        )
        dialog = ConfirmDialog(question, yes="Bỏ đánh dấu", no="Thôi")
        app.push_screen(dialog, lambda yes: write(None) if yes else None)
        return
    today = ws.clock.today()
    dialog = SentDayDialog(seq, today, exported_on(submission.created_at))
    app.push_screen(dialog, lambda day: write(day) if day else None)
