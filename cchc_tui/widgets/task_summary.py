"""What a task is: code and group, my role, its content, timelines, and who leads and partners."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from cchc_tui.domain.agencies import Agency, AgencyRegistry
from cchc_tui.domain.roles import COLLECTIVE_KINDS, RELATED_REF, role_label
from cchc_tui.domain.safe_text import visible
from cchc_tui.domain.timelines import KIND_LABELS, Timeline
from cchc_tui.services.tasks import TaskDetail

COLLECTIVE_LABELS = {
    "@departments": "Các sở, ban, ngành",
    "@districts": "UBND cấp huyện",
    "@communes": "UBND cấp xã",
    RELATED_REF: "các cơ quan liên quan",
}


class TaskSummary(Static):
    """The task as the plan writes it, with my agency highlighted among those assigned;
    control characters in the plan's text shown as marks (Content would drop them).

    The notes made when the plan was typed in (numbering and spelling of the source,
    how a cell was resolved) stay in the seed for reviewers; officers don't see them.
    """

    def show(self, d: TaskDetail, me: Agency, group_title: str, registry: AgencyRegistry) -> None:
        """Render `d` for agency `me`."""
        task = d.task
        lines = [
            Content.styled(visible(f"{task.code} · Nhóm {task.group}: {group_title}"), "bold"),
            Content.styled(
                f"Vai trò của tôi: {role_label(d.roles) or 'không được giao'}"
                + (f" ({d.inherited_note}, theo đợt sắp xếp năm 2025)" if d.inherited_note else ""),
                "bold $text-accent",
            ),
            Content(visible(task.content)),
            Content.assemble(
                "Thời gian: bắt đầu ", timeline(task.start), " · hoàn thành ", timeline(task.end)
            ),
        ]
        if d.followed:
            lines.append(
                Content.styled("Đang theo dõi nhiệm vụ này (f: bỏ theo dõi).", "$text-muted")
            )
        for label, assignment in (("Chủ trì", task.lead), ("Phối hợp", task.partners)):
            names = [self.agency_name(ref, me, registry) for ref in assignment.refs]
            lines.append(Content.assemble(Content.styled(f"{label}: ", "bold"), *joined(names)))
            lines.append(
                Content.styled(f"  (văn bản ghi: {visible(assignment.text)})", "$text-muted")
            )
        self.update(Content("\n").join(lines))

    @staticmethod
    def agency_name(ref: str, me: Agency, registry: AgencyRegistry) -> Content:
        """An assigned agency or collective by name, highlighted when it is (or includes) me."""
        agency = registry.get(ref)
        name = agency.short_name if agency else COLLECTIVE_LABELS.get(ref, ref)
        if ref == me.id or COLLECTIVE_KINDS.get(ref) == me.kind:
            return Content.styled(f"▶ {visible(name)}", "bold reverse $text-accent")
        return Content(visible(name))


def timeline(t: Timeline) -> Content:
    """`“Hằng năm” (Hằng năm)`, `“2021-2025” (Giai đoạn 2021–2025)`: as written, then normalised."""
    kind = KIND_LABELS[t.kind]
    if t.first_year is not None:
        years = (
            str(t.first_year) if t.first_year == t.last_year else f"{t.first_year}–{t.last_year}"
        )
        kind = f"{kind} {years}"
    return Content.assemble(Content.styled(f"“{visible(t.raw)}”", "bold"), f" ({kind})")


def joined(items: list[Content]) -> list[Content | str]:
    """Items separated by commas, for Content.assemble."""
    out: list[Content | str] = []
    for i, item in enumerate(items):
        if i:
            out.append(", ")
        out.append(item)
    return out
