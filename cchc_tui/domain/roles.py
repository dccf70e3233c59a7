"""Which role an agency holds on a task: lead (chủ trì), partner (phối hợp), related."""

from __future__ import annotations

from collections.abc import Iterable

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.plan import Task

LEAD = "lead"
PARTNER = "partner"
RELATED = "related"
ROLE_ORDER = (LEAD, PARTNER, RELATED)
ROLE_LABELS = {LEAD: "Chủ trì", PARTNER: "Phối hợp", RELATED: "Liên quan"}

# Collective references in the plan's wording and the agency kind each one names.
COLLECTIVE_KINDS = {
    "@departments": "department",  # "Các sở, ban, ngành"
    "@districts": "district",  # "UBND cấp huyện"
    "@communes": "commune",  # "UBND cấp xã"
}
RELATED_REF = "@related"  # "Các cơ quan liên quan": names nobody


def _named(agency: Agency, refs: Iterable[str]) -> bool:
    """True when `refs` name the agency itself or a collective that includes it."""
    return any(ref == agency.id or COLLECTIVE_KINDS.get(ref) == agency.kind for ref in refs)


def resolve_roles(agency: Agency, task: Task) -> set[str]:
    """The set of roles `agency` holds on `task`.

    Lead and partner may both hold. An agency linked only through "các cơ quan
    liên quan" gets `related` (which it may choose to follow), never `partner`.
    """
    lead_refs, partner_refs = task.lead.refs, task.partners.refs
    roles: set[str] = set()
    if _named(agency, lead_refs):
        roles.add(LEAD)
    if _named(agency, partner_refs):
        roles.add(PARTNER)
    if not roles and RELATED_REF in (*lead_refs, *partner_refs):
        roles.add(RELATED)
    return roles


def ordered(roles: Iterable[str]) -> list[str]:
    """Roles in their display order: lead, partner, related."""
    present = set(roles)
    return [r for r in ROLE_ORDER if r in present]


def role_label(roles: Iterable[str]) -> str:
    """Vietnamese label: "Chủ trì", "Phối hợp", "Chủ trì, Phối hợp" …"""
    return ", ".join(ROLE_LABELS[r] for r in ordered(roles))
