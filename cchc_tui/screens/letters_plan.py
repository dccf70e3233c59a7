"""The question asked before a plan from Sở Nội vụ is loaded: its tasks, the registry
entries it brings, and, for a correction of a plan held, every change it makes (tasks
added, removed, changed, the plan's details) in a list that scrolls."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from cchc_tui.domain.plan_diff import change_lines
from cchc_tui.domain.progress import format_moment
from cchc_tui.domain.safe_text import one_line
from cchc_tui.screens.dialogs import ConfirmDialog
from cchc_tui.services.plan_letters import PlanPreview, plan_number


def plan_lines(preview: PlanPreview) -> tuple[str, list[str]]:
    """The dialog's heading and the lines of its list (file text made visible)."""
    plan, found = preview.plan, preview.replacement
    head = f"Kế hoạch {plan_number(plan)}: {len(plan['tasks'])} nhiệm vụ."
    head += f" Sở Nội vụ ký lúc {format_moment(preview.issued_at)}."
    lines = [f"+ cơ quan {a.name}" for a in preview.letter.added]
    lines += [f"~ cơ quan {a.name}: {what}" for a, what in preview.letter.changed]
    if found is not None:
        held = (
            f"bản Sở ký lúc {format_moment(found.held_signed_at)}"
            if found.held_signed_at
            else "bản cài sẵn hoặc nạp từ Excel"
        )
        head += f"\nBản sửa đổi, thay {held}. Tiến độ đã ghi được giữ nguyên."
        lines += change_lines(found.changes, found.kept_reports, width=64)
    elif preview.same:
        head += "\nMáy đã có đúng bản này."
    heading = "\n".join(one_line(part) for part in head.split("\n"))
    return heading, [one_line(line) for line in lines]


class PlanChangesDialog(ConfirmDialog):
    """Load this plan? Returns True for yes; the changes scroll when they are many."""

    def __init__(self, preview: PlanPreview) -> None:
        super().__init__("", yes="Nạp", no="Thôi")
        self.heading, self.lines = plan_lines(preview)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="plan-changes-dialog"):
            yield Static(Text(self.heading), id="plan-changes-head")
            with VerticalScroll(id="plan-changes"):
                yield Static(Text("\n".join(self.lines) or "Không có thay đổi nào."))
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, variant="error", id="yes")
                yield Button(self.no, id="no")
