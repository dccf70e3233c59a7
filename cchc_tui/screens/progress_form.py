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
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from cchc_tui.domain.plan import Indicator, Task
from cchc_tui.domain.progress import (
    DONE,
    STATUS_LABELS,
    STATUSES,
    EntryError,
    ProgressEntry,
    RawEntry,
    validate_entry,
)
from cchc_tui.screens.typed_entry import same_entry
from cchc_tui.services.progress import Slot
from cchc_tui.widgets.evidence_row import EvidenceRow
from cchc_tui.widgets.field_error import FieldError
from cchc_tui.widgets.indicator_inputs import IndicatorInputs
from cchc_tui.widgets.key_footer import KeyFooter
from cchc_tui.widgets.toggles import GridRadioSet, MarkedRadioButton

AUTOSAVE_SECONDS = 1.0
"""How often a changed form is written as a draft (at most this much typing is at risk)."""
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

    def validate(self, raw: RawEntry) -> ProgressEntry:
        """The clean entry for this slot (EntryError): its indicators, counts among them."""
        counts = frozenset(i.id for i in self.indicators if i.is_count)
        return validate_entry(raw, tuple(i.id for i in self.indicators), counts=counts)


class ProgressForm(ModalScreen[RawEntry | None]):
    """Status, progress, result, evidence, difficulties, proposals, indicator values."""

    HELP_TOPIC = "form"
    """The keys F1 shows first (a section of the help screen)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Lưu", id="form.save", priority=True),
        Binding("escape", "cancel", "Đóng", id="form.cancel", priority=True),
        Binding("ctrl+n", "add_evidence", "Thêm văn bản", id="form.add_evidence", priority=True),
        Binding("ctrl+z", "undo_remove", "Lấy lại văn bản", id="form.undo_remove"),
        Binding("f1", "app.help", "Trợ giúp", id="form.help"),  # app keys stop at a modal
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
        self.changed = False
        """Something was typed since the last autosave check."""
        self.shown_errors: dict[str, str] = {}
        """The reasons under the fields now; each goes as soon as its field is fixed."""
        self.removed: list[tuple[int, tuple[str, str, str]]] = []
        """Evidence rows removed in this form (position, values), the last one first to undo."""

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
                with GridRadioSet(id="status"):
                    for status in STATUSES:
                        yield MarkedRadioButton(STATUS_LABELS[status], value=status == raw.status)
                yield FieldError(id="err-status")
                yield Label("Tiến độ (%, từ 0 đến 100)", classes="form-label")
                yield Input(
                    raw.progress,
                    placeholder="0–100",
                    restrict=r"[0-9]*",
                    max_length=4,
                    compact=True,
                    select_on_focus=False,
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
                yield Button("↶ Lấy lại văn bản vừa bỏ (Ctrl+Z)", compact=True, id="undo-remove")
                yield Button("+ Thêm văn bản (Ctrl+N)", compact=True, id="add-evidence")
                for name, label in TEXT_FIELDS[1:]:
                    yield from self._text_field(name, label, getattr(raw, name))
                if ctx.indicators:
                    yield Label("Số liệu chỉ tiêu của kế hoạch", classes="form-label")
                for ind in ctx.indicators:
                    yield IndicatorInputs(ind, *raw.indicators.get(ind.id, ("", "")))
                with Vertical(id="form-buttons"):
                    yield Button("Lưu (Ctrl+S)", variant="primary", compact=True, id="save")
            yield KeyFooter()

    def _text_field(self, name: str, label: str, value: str) -> ComposeResult:
        yield Label(label, classes="form-label")
        yield TextArea(value, id=name, classes="form-text", soft_wrap=True)
        yield FieldError(id=f"err-{name}")

    def on_mount(self) -> None:
        status = self.query_one(GridRadioSet)
        status.select_index(max(status.pressed_index, 0))  # the cursor starts on the saved status
        status.focus()
        self.query_one("#undo-remove").display = False
        self.set_interval(AUTOSAVE_SECONDS, self._autosave_if_changed)
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

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(RadioSet.Changed)
    def _typed(self) -> None:
        self.changed = True
        if self.shown_errors:
            self.call_after_refresh(self._recheck)

    def _recheck(self) -> None:
        """Take away the reasons of the fields fixed since (no new ones while typing)."""
        try:
            self.context.validate(self.collect())
            now: dict[str, str] = {}
        except EntryError as exc:
            now = exc.errors
        if "status" in self.shown_errors and self.query_one(RadioSet).pressed_index < 0:
            now = {**now, "status": self.shown_errors["status"]}
        kept = {k: v for k, v in now.items() if k in self.shown_errors}
        if kept != self.shown_errors:
            self.show_errors(kept, focus=False)

    def _autosave_if_changed(self) -> None:
        if self.changed:
            self.changed = False
            self.autosave()

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

    def draft_now(self) -> tuple[Slot, RawEntry] | None:
        """What to keep as the draft when the program must stop now: everything typed,
        unless it is the saved state."""
        raw = self.collect()
        return None if same_entry(raw, self.baseline) else (self.context.slot, raw)

    # -- validation in place ---------------------------------------------------------------

    def show_errors(self, errors: dict[str, str], *, focus: bool = True) -> None:
        """Show each reason under its field and put the cursor on the first one."""
        self.shown_errors = dict(errors)
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
        if focus:
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
            self.context.validate(raw)
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
        self._confirm_warnings(raw)

    def _confirm_warnings(self, raw: RawEntry) -> None:
        """An empty result, a document dated in the future or after the period's cut-off:
        say so and let the officer save anyway or go back and fix it."""
        from cchc_tui.screens.dialogs import ConfirmDialog
        from cchc_tui.services.progress import progress_warnings

        warnings = progress_warnings(self.app.ws, self.context.slot, raw)  # type: ignore[attr-defined]
        if not warnings:
            self.dismiss(raw)
            return

        def answered(save: bool | None) -> None:
            if save:
                self.dismiss(raw)

        lines = "\n".join(f"• {w}" for w in warnings)
        self.app.push_screen(
            ConfirmDialog(
                f"Lưu ý trước khi lưu:\n{lines}\n\nVẫn lưu?", yes="Vẫn lưu", no="Sửa lại"
            ),
            answered,
        )

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
                self.context.validate(self.collect())
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
    async def action_add_evidence(self) -> None:
        """Put the cursor in a new evidence row, once it is on screen (or in the last row,
        while that one is still empty)."""
        rows = list(self.query(EvidenceRow))
        if rows and not rows[-1].filled:
            rows[-1].focus_first()
            return
        row = EvidenceRow()
        await self.query_one("#evidence").mount(row)
        self.changed = True
        row.focus_first()

    @on(EvidenceRow.Remove)
    def _remove_row(self, event: EvidenceRow.Remove) -> None:
        """An empty row goes at once; a filled one after a question, and can be taken back."""
        row = event.row
        if not row.filled:
            row.remove()
            self.query_one("#add-evidence").focus()
            self.changed = True
            return
        from cchc_tui.screens.dialogs import ConfirmDialog

        number = row.values[0].strip() or "chưa ghi số hiệu"

        def answered(yes: bool | None) -> None:
            if yes and row.is_attached:
                self._take_out(row)

        self.app.push_screen(
            ConfirmDialog(
                f"Bỏ văn bản “{number}” khỏi mẫu?\nLấy lại được bằng Ctrl+Z cho tới khi đóng mẫu.",
                yes="Bỏ văn bản",
                no="Giữ lại",
            ),
            answered,
        )

    def _take_out(self, row: EvidenceRow) -> None:
        rows = list(self.query_one("#evidence").children)
        self.removed.append((rows.index(row), row.values))
        row.remove()
        self.changed = True
        undo = self.query_one("#undo-remove", Button)
        undo.display = True
        undo.focus()
        self.refresh_bindings()

    async def action_undo_remove(self) -> None:
        """Put back the evidence row removed last, where it was."""
        if not self.removed:
            return
        position, values = self.removed.pop()
        box = self.query_one("#evidence")
        row = EvidenceRow(*values)
        rows = list(box.children)
        await box.mount(row, before=rows[position] if position < len(rows) else None)
        self.changed = True
        self.query_one("#undo-remove").display = bool(self.removed)
        self.refresh_bindings()
        row.focus_first()

    @on(Button.Pressed, "#undo-remove")
    async def _undo_pressed(self) -> None:
        await self.action_undo_remove()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+Z shows in the footer only while there is a removed document to take back."""
        if action == "undo_remove":
            return bool(self.removed)
        return True

    @on(GridRadioSet.TypedAway, "#status")
    def _typed_on_status(self, event: GridRadioSet.TypedAway) -> None:
        """Keys typed on the status group go to the field they belong in, not nowhere:
        digits to the progress, other text to the result."""
        if event.character.isdigit():
            field = self.query_one("#progress", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)
        else:
            area = self.query_one("#result", TextArea)
            area.focus()
            area.insert(event.character)

    @on(RadioSet.Changed, "#status")
    def _status_changed(self, event: RadioSet.Changed) -> None:
        progress = self.query_one("#progress", Input)
        if STATUSES[event.index] == DONE:  # hoàn thành is 100 %: no need to type it
            progress.value = "100"
