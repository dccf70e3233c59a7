"""Choose the plan the app works on (when the install holds more than one)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from cchc_tui.screens.dialogs import Dialog
from cchc_tui.store.plans import PlanSummary


def plan_line(plan: PlanSummary, *, current: bool) -> str:
    """`138/KH-UBND · 01/01/2026–31/12/2026 · 3 nhiệm vụ` (and which one is open)."""
    span = f"{plan.start[8:10]}/{plan.start[5:7]}/{plan.start[:4]}–{plan.end[8:10]}/{plan.end[5:7]}/{plan.end[:4]}"
    mark = "  ← đang xem" if current else ""
    return f"{plan.number} · {span} · {plan.tasks} nhiệm vụ{mark}"


class PlanPicker(Dialog):
    """The plans held; Enter returns the chosen plan's id."""

    def __init__(self, plans: list[PlanSummary], shown: str) -> None:
        super().__init__()
        self.plans, self.shown = plans, shown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Chọn kế hoạch (Enter: chọn, Esc: thôi)")
            options = [
                Option(plan_line(p, current=p.id == self.shown), id=p.id) for p in self.plans
            ]
            yield OptionList(*options, id="plans")

    def on_mount(self) -> None:
        plans = self.query_one(OptionList)
        ids = [p.id for p in self.plans]
        plans.highlighted = ids.index(self.shown) if self.shown in ids else 0
        plans.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
