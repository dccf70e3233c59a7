"""The progress form: collects one period's report of a task and returns what was typed.

Nothing is written here: the caller saves the returned RawEntry with `record_progress`.
The form checks the entry in place with the domain's own rules (the service checks
again), and posts an autosave message every few seconds while it differs from the
saved state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, RadioButton, RadioSet, Static, TextArea

from cchc_tui.domain.plan import Indicator, Task
from cchc_tui.domain.progress import (
    DONE,
    STATUS_LABELS,
    STATUSES,
    EntryError,
    RawEntry,
    validate_entry,
)
from cchc_tui.screens.typed_entry import same_entry
from cchc_tui.services.progress import Slot
from cchc_tui.widgets.evidence_row import EvidenceRow
from cchc_tui.widgets.field_error import FieldError
from cchc_tui.widgets.indicator_inputs import IndicatorInputs

AUTOSAVE_SECONDS = 3.0
TEXT_FIELDS = (
    ("result", "Kết quả thực hiện"),
    ("difficulties", "Khó khăn, vướng mắc"),
    ("proposals", "Đề xuất, kiến nghị"),
)


@dataclass(frozen=True)
class FormContext:
    """What the form reports on: the slot, its task, the period's name, its indicators."""

    slot: Slot
    task: Task
    period_label: str
    indicators: tuple[Indicator, ...]


class ProgressForm(ModalScreen[RawEntry | None]):
    """Status, progress, result, evidence, difficulties, proposals, indicator values."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lưu", id="form.save", priority=True),
        Binding("escape", "cancel", "Đóng", id="form.cancel", priority=True),
        Binding("ctrl+n", "add_evidence", "Thêm văn bản", id="form.add_evidence", priority=True),
    ]

    class DraftChanged(Message):
        """What is typed differs from the last autosave: the app writes it as a draft."""

        def __init__(self, token: int, slot: Slot, entry: RawEntry) -> None:
            super().__init__()
            self.token = token
            self.slot = slot
            self.entry = entry

    def __init__(
        self,
        context: FormContext,
        initial: RawEntry,
        baseline: RawEntry,
        *,
        note: str = "",
        errors: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.initial = initial
        self.baseline = baseline
        self.note = note
        self.pending_errors = errors or {}
        self.last_autosaved = initial

    def compose(self) -> ComposeResult:
        ctx, raw = self.context, self.initial
        with Vertical(id="form-dialog"):
            yield Static(
                f"Ghi tiến độ {ctx.task.code} — {ctx.period_label}", id="form-title", markup=False
            )
            with VerticalScroll(id="form-body"):
                yield Static(ctx.task.content, classes="form-task", markup=False)
                if self.note:
                    yield Static(self.note, classes="form-note", markup=False)
                yield Label("Trạng thái", classes="form-label")
                with RadioSet(id="status"):
                    for status in STATUSES:
                        yield RadioButton(STATUS_LABELS[status], value=status == raw.status)
                yield FieldError(id="err-status")
                yield Label("Tiến độ (%, từ 0 đến 100)", classes="form-label")
                yield Input(
                    raw.progress,
                    placeholder="0–100",
                    restrict=r"[0-9]*",
                    max_length=4,
                    compact=True,
                    id="progress",
                )
                yield FieldError(id="err-progress")
                for name, label in TEXT_FIELDS[:1]:
                    yield from self._text_field(name, label, getattr(raw, name))
                yield Label(
                    "Văn bản chứng minh: số hiệu, ngày ban hành (dd/mm/yyyy), trích yếu",
                    classes="form-label",
                )
                with Vertical(id="evidence"):
                    for number, day, summary in raw.evidence or [("", "", "")]:
                        yield EvidenceRow(number, day, summary)
                yield Button("+ Thêm văn bản (Ctrl+N)", compact=True, id="add-evidence")
                for name, label in TEXT_FIELDS[1:]:
                    yield from self._text_field(name, label, getattr(raw, name))
                if ctx.indicators:
                    yield Label("Số liệu chỉ tiêu của kế hoạch", classes="form-label")
                for ind in ctx.indicators:
                    yield IndicatorInputs(ind, *raw.indicators.get(ind.id, ("", "")))
                with Vertical(id="form-buttons"):
                    yield Button("Lưu (Ctrl+S)", variant="primary", compact=True, id="save")
            yield Footer(compact=True)

    def _text_field(self, name: str, label: str, value: str) -> ComposeResult:
        yield Label(label, classes="form-label")
        yield TextArea(value, id=name, classes="form-text", soft_wrap=True)
        yield FieldError(id=f"err-{name}")

    def on_mount(self) -> None:
        status = self.query_one(RadioSet)
        for _ in range(max(status.pressed_index, 0)):
            status.action_next_button()  # the cursor starts on the saved status
        status.focus()
        self.set_interval(AUTOSAVE_SECONDS, self.autosave)
        if self.pending_errors:
            self.show_errors(self.pending_errors)

    # -- reading what is typed ----------------------------------------------------------------

    def collect(self) -> RawEntry:
        """Everything typed, as untrusted text."""
        index = self.query_one(RadioSet).pressed_index
        return RawEntry(
            status=STATUSES[index] if index >= 0 else "",
            progress=self.query_one("#progress", Input).value,
            result=self.query_one("#result", TextArea).text,
            difficulties=self.query_one("#difficulties", TextArea).text,
            proposals=self.query_one("#proposals", TextArea).text,
            evidence=[row.values for row in self.query(EvidenceRow)],
            indicators={w.indicator.id: w.values for w in self.query(IndicatorInputs)},
        )

    @property
    def dirty(self) -> bool:
        """True when what is typed differs from the saved state."""
        return not same_entry(self.collect(), self.baseline)

    def autosave(self) -> None:
        """Post the current content as a draft when it changed since the last autosave."""
        message = self.take_draft()
        if message is not None:
            self.post_message(message)

    def take_draft(self) -> DraftChanged | None:
        """The draft to write now, or None when nothing changed since the last one."""
        raw = self.collect()
        if same_entry(raw, self.last_autosaved) or same_entry(raw, self.baseline):
            return None
        self.last_autosaved = raw
        return self.DraftChanged(id(self), self.context.slot, raw)

    # -- validation in place ---------------------------------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each reason under its field and put the cursor on the first one."""
        for name in ("progress", *(n for n, _ in TEXT_FIELDS)):
            self.query_one(f"#{name}").set_class(name in errors, "-invalid")
        for key in ("status", "progress", *(n for n, _ in TEXT_FIELDS)):
            self.query_one(f"#err-{key}", FieldError).show(errors.get(key, ""))
        rows = list(self.query(EvidenceRow))
        for pos, row in enumerate(rows, start=1):
            row.show_errors(
                errors.get(f"evidence.{pos}.number", ""), errors.get(f"evidence.{pos}.date", "")
            )
        for widget in self.query(IndicatorInputs):
            key = f"indicator.{widget.indicator.id}"
            widget.show_errors(
                errors.get(f"{key}.numerator", ""), errors.get(f"{key}.denominator", "")
            )
        self._focus_first_error(errors)

    def _focus_first_error(self, errors: dict[str, str]) -> None:
        if "status" in errors:
            self.query_one(RadioSet).focus()
            return
        for name in ("progress", "result"):
            if name in errors:
                self.query_one(f"#{name}").focus()
                return
        for widget in (*self.query(EvidenceRow), *self.query(IndicatorInputs)):
            invalid = widget.first_invalid()
            if invalid is not None:
                invalid.focus()
                return
        for name in ("difficulties", "proposals"):
            if name in errors:
                self.query_one(f"#{name}").focus()
                return

    # -- actions ----------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check what is typed; return it to the caller when valid, else show why not."""
        raw = self.collect()
        try:
            validate_entry(raw, tuple(i.id for i in self.context.indicators))
        except EntryError as exc:
            errors = dict(exc.errors)
            if not raw.status:
                errors["status"] = "Chưa chọn trạng thái: chọn một trong bốn trạng thái ở trên."
            self.show_errors(errors)
            self.notify(
                f"Chưa lưu: {len(errors)} chỗ cần sửa (ghi màu đỏ dưới từng ô).",
                severity="error",
                timeout=6,
            )
            self._offer_to_remove_controls()
            return
        if self.saved_before and not self.dirty:
            self.notify("Không có gì thay đổi so với lần lưu trước: không tạo lần lưu mới.")
            self.dismiss(None)
            return
        self.dismiss(raw)

    def _offer_to_remove_controls(self) -> None:
        """Text pasted with invisible control characters (Word's Shift+Enter, say): name
        them and offer to remove them; Word's line breaks become ordinary ones."""
        from cchc_tui.domain.safe_text import (
            control_characters,
            describe_character,
            without_controls,
        )
        from cchc_tui.screens.dialogs import ConfirmDialog

        areas = [self.query_one(f"#{name}", TextArea) for name, _label in TEXT_FIELDS]
        inputs = [i for row in self.query(EvidenceRow) for i in row.query(Input)]
        texts = [a.text for a in areas] + [i.value for i in inputs]
        found = dict.fromkeys(c for t in texts for c in control_characters(t))
        if not found:
            return

        def answered(remove: bool | None) -> None:
            if not remove:
                return
            for area in areas:
                area.text = without_controls(area.text)
            for field in inputs:
                field.value = without_controls(field.value)
            try:
                validate_entry(self.collect(), tuple(i.id for i in self.context.indicators))
            except EntryError as exc:
                self.show_errors(exc.errors)
            else:
                self.show_errors({})
            self.notify("Đã xóa các ký tự điều khiển: xem lại nội dung rồi lưu (Ctrl+S).")

        names = ", ".join(describe_character(c) for c in found)
        self.app.push_screen(
            ConfirmDialog(
                f"Nội dung có ký tự điều khiển không nhìn thấy được: {names} — thường do dán"
                " từ Word. Xóa các ký tự này? (Dấu xuống dòng của Word thành xuống dòng thường.)",
                yes="Xóa ký tự",
                no="Để tôi tự sửa",
            ),
            answered,
        )

    @property
    def saved_before(self) -> bool:
        """True when the slot already has a saved revision (the baseline)."""
        return not same_entry(self.baseline, RawEntry())

    def action_cancel(self) -> None:
        """Close; ask first when there are edits that would be lost."""
        if not self.dirty:
            self.dismiss(None)
            return
        from cchc_tui.screens.dialogs import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                "Bỏ các thay đổi chưa lưu của mẫu này?",
                yes="Bỏ thay đổi",
                no="Tiếp tục sửa",
            ),
            answered,
        )

    @on(Button.Pressed, "#add-evidence")
    def action_add_evidence(self) -> None:
        row = EvidenceRow()
        self.query_one("#evidence").mount(row)
        self.call_after_refresh(row.focus_first)

    @on(EvidenceRow.Remove)
    def _remove_row(self, event: EvidenceRow.Remove) -> None:
        event.row.remove()
        self.query_one("#add-evidence").focus()

    @on(RadioSet.Changed, "#status")
    def _status_changed(self, event: RadioSet.Changed) -> None:
        progress = self.query_one("#progress", Input)
        if STATUSES[event.index] == DONE and progress.value.strip() in ("", "0"):
            progress.value = "100"
