"""Small modal dialogs: a line to type, confirm, pick a period, a view number, the officer's name, drafts."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from cchc_tui.domain.periods import ReportingPeriod, period_label
from cchc_tui.domain.progress import format_moment
from cchc_tui.services.drafts import Draft
from cchc_tui.widgets.field_error import FieldError

CANCEL = Binding("escape", "cancel", "Thôi", id="dialog.cancel")


class Dialog(ModalScreen):
    """Base: Esc closes with None; F1 opens the help (the app's keys stop at a modal)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CANCEL,
        Binding("f1", "app.help", "Trợ giúp", id="dialog.help", show=False),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextDialog(Dialog):
    """A question and one line to answer it in (`#answer`); subclasses handle the Enter."""

    PLACEHOLDER = ""
    """What the empty line suggests typing."""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield Input(placeholder=self.PLACEHOLDER, id="answer")
        yield Footer()


class ConfirmDialog(Dialog):
    """A yes/no question; returns True for yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CANCEL,
        Binding("y,c", "answer(True)", "Đồng ý", id="dialog.yes", show=False),
        Binding("n,k", "answer(False)", "Không", id="dialog.no", show=False),
    ]

    def __init__(self, question: str, *, yes: str = "Đồng ý", no: str = "Thôi") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="error", id="yes")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no").focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PeriodPicker(Dialog):
    """Choose the reporting period to show; returns its id."""

    HELP_TOPIC = "period"
    """The keys F1 shows first (a section of the help screen)."""

    def __init__(self, periods: list[ReportingPeriod], shown: str, current: str) -> None:
        super().__init__()
        self.periods, self.shown, self.current = periods, shown, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Chọn kỳ báo cáo (Enter: chọn, Esc: thôi)")
            options = []
            for p in self.periods:
                mark = "  ← kỳ hiện tại" if p.id == self.current else ""
                options.append(Option(f"{p.label}{mark}", id=p.id))
            yield OptionList(*options, id="periods")

    def on_mount(self) -> None:
        periods = self.query_one(OptionList)
        ids = [p.id for p in self.periods]
        periods.highlighted = ids.index(self.shown) if self.shown in ids else len(ids) - 1
        periods.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class ViewNumberDialog(Dialog):
    """Ask which number key (1–9) keeps the current filters; returns the number."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CANCEL,
        *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10)),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "Lưu bộ lọc hiện tại vào phím số nào? Nhấn một phím từ 1 đến 9 (Esc: thôi)."
            )

    def action_choose(self, number: int) -> None:
        self.dismiss(number)


class OfficerDialog(Dialog):
    """Ask the officer's name (and title) before the first save; returns (name, title)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Nhập họ tên người ghi báo cáo (lưu vào hồ sơ, đổi được trong Cài đặt).")
            yield Input(placeholder="Họ và tên", select_on_focus=False, id="officer")
            yield Input(placeholder="Chức vụ (không bắt buộc)", select_on_focus=False, id="title")
            yield FieldError(id="err-officer")

    @on(Input.Submitted, "#officer")
    def _next(self) -> None:
        self.query_one("#title").focus()

    @on(Input.Submitted, "#title")
    def _done(self) -> None:
        name = self.query_one("#officer", Input).value.strip()
        if not name:
            self.query_one(FieldError).show("Chưa nhập họ tên: hãy nhập họ và tên.")
            self.query_one("#officer").focus()
            return
        self.dismiss((name, self.query_one("#title", Input).value.strip()))


class DraftsDialog(Dialog):
    """Drafts left by a form that was not saved; returns ("open" | "drop", task, period)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Để sau", id="drafts.later"),
        Binding("enter", "open", "Mở lại", id="drafts.open", priority=True),
        Binding("delete,x", "drop", "Bỏ bản nháp", id="drafts.drop"),
    ]

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "Có nội dung đang nhập dở chưa lưu thành lần báo cáo (bản nháp tự lưu).\n"
                "Enter: mở lại để lưu · x: bỏ bản nháp · Esc: để sau"
            )
            yield OptionList(
                *(
                    Option(
                        Text(
                            f"{d.task_code} · {period_label(d.period_id)} · "
                            f"tự lưu lúc {format_moment(d.saved_at)}"
                        )
                    )
                    for d in self.drafts
                ),
                id="drafts",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def _current(self) -> Draft | None:
        index = self.query_one(OptionList).highlighted
        return self.drafts[index] if index is not None else None

    def action_open(self) -> None:
        draft = self._current()
        if draft is not None:
            self.dismiss(("open", draft.task_code, draft.period_id))

    def action_drop(self) -> None:
        draft = self._current()
        if draft is not None:
            self.dismiss(("drop", draft.task_code, draft.period_id))
