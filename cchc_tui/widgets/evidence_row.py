"""One evidence document in the progress form: number, date issued, summary; removable."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import Button, Input

from cchc_tui.widgets.field_error import FieldError


class EvidenceRow(Vertical):
    """Three inputs and a remove button, with the reasons of any refusal underneath.

    Until the row has composed its inputs (a row just mounted), `values` is what it was
    created with, so an autosave at any moment reads it without failing.
    """

    DEFAULT_CSS = """
    EvidenceRow { height: auto; }
    EvidenceRow > Horizontal { height: auto; }
    EvidenceRow .ev-number { width: 18; }
    EvidenceRow .ev-date { width: 14; }
    EvidenceRow .ev-summary { width: 1fr; }
    EvidenceRow .ev-remove { width: 5; min-width: 5; margin-left: 1; }
    EvidenceRow Input { margin-right: 1; }
    """

    class Remove(Message):
        """The officer asked to remove this row."""

        def __init__(self, row: EvidenceRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, number: str = "", day: str = "", summary: str = "") -> None:
        super().__init__()
        self._values = (number, day, summary)

    def compose(self) -> ComposeResult:
        number, day, summary = self._values
        with Horizontal():
            yield Input(
                number,
                placeholder="Số hiệu văn bản",
                compact=True,
                select_on_focus=False,
                classes="ev-number",
            )
            yield Input(
                day,
                placeholder="dd/mm/yyyy",
                restrict=r"[0-9/]*",
                max_length=10,
                compact=True,
                select_on_focus=False,
                classes="ev-date",
            )
            yield Input(
                summary,
                placeholder="Trích yếu nội dung",
                compact=True,
                select_on_focus=False,
                classes="ev-summary",
            )
            yield Button("Xoá", compact=True, classes="ev-remove", tooltip="Bỏ văn bản này")
        yield FieldError(classes="ev-error")

    def _inputs(self) -> list[Input]:
        return list(self.query(Input))

    @property
    def values(self) -> tuple[str, str, str]:
        """What is typed: (number, date, summary); the initial values before compose."""
        inputs = self._inputs()
        if len(inputs) < 3:
            return self._values
        return (inputs[0].value, inputs[1].value, inputs[2].value)

    @property
    def filled(self) -> bool:
        """True when any of the three boxes holds text."""
        return any(v.strip() for v in self.values)

    def show_errors(self, number: str = "", day: str = "") -> None:
        """Show refusal reasons under the row (empty strings clear them)."""
        inputs = self._inputs()
        if len(inputs) < 3:
            return
        inputs[0].set_class(bool(number), "-invalid")
        inputs[1].set_class(bool(day), "-invalid")
        self.query_one(FieldError).show("\n".join(t for t in (number, day) if t))

    def first_invalid(self) -> Input | None:
        """The first input marked invalid, for focusing."""
        return next((i for i in self._inputs() if i.has_class("-invalid")), None)

    def focus_first(self) -> None:
        """Put the cursor in the number box (call once the row is mounted)."""
        try:
            self.query_one(".ev-number", Input).focus()
        except NoMatches:  # not composed yet: try again after the next refresh
            self.call_after_refresh(self.focus_first)

    @on(Button.Pressed, ".ev-remove")
    def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Remove(self))
