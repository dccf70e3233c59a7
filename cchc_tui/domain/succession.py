"""The 2025 reorganisation: whose roles an agency holds once a body has ended.

The rule (docs/reorganisation.md): a body's roles pass to its successors, as listed in
`seed/agencies.json`, for every period whose cut-off day falls after the body's last
day and on or after the day the succession starts. Successions chain (a successor that
ends passes on what it inherited). An inherited role keeps its word, `lead` or
`partner`; where it came from is told apart, never written into the role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from cchc_tui.domain.agencies import KIND_LABELS, Agency, AgencyRegistry
from cchc_tui.domain.periods import ReportingPeriod
from cchc_tui.domain.plan import Plan, Task
from cchc_tui.domain.roles import (
    COLLECTIVE_KINDS,
    LEAD,
    PARTNER,
    RELATED,
    resolve_roles,
    role_label,
)

COLLECTIVE_OF_KIND = {kind: ref for ref, kind in COLLECTIVE_KINDS.items()}
"""`district` → `@districts`: the plan's word for a whole level of agencies."""


@dataclass(frozen=True)
class Predecessor:
    """An ended body whose roles an agency holds, and how to name where they came from.

    `via` is the body's id, or its level's collective reference (`@districts`) when its
    roles passed to a whole level rather than to one agency.
    """

    agency: Agency
    via: str


@dataclass(frozen=True)
class TaskRoles:
    """An agency's roles on a task in a period: its own and those it inherited."""

    roles: frozenset[str]
    inherited: tuple[tuple[str, str], ...] = ()
    """(role, via) for each role held only by inheritance, e.g. ("lead", "so-thong-tin-truyen-thong")."""

    @property
    def inherited_from(self) -> tuple[str, ...]:
        """The `via` of every inherited role, each once, in order."""
        return tuple(dict.fromkeys(via for _role, via in self.inherited))


NO_ROLES = TaskRoles(frozenset())


def takes_over(to: str, agency: Agency) -> bool:
    """True when a succession to `to` (an id or `@communes`) names `agency`."""
    return to == agency.id or COLLECTIVE_KINDS.get(to) == agency.kind


def _passing(registry: Iterable[Agency], day: dt.date) -> dict[str, list[Predecessor]]:
    """Successor (an id or `@communes`) → the ended bodies whose roles pass to it on `day`."""
    out: dict[str, list[Predecessor]] = {}
    for body in registry:
        if body.valid_to is None or body.valid_to >= day:
            continue
        for s in body.successors:
            if s.starts <= day:
                via = COLLECTIVE_OF_KIND.get(body.kind, body.id) if s.collective else body.id
                out.setdefault(s.to, []).append(Predecessor(body, via))
    return out


def _chain(agency: Agency, passing: dict[str, list[Predecessor]]) -> list[Predecessor]:
    found: dict[str, Predecessor] = {}
    frontier = [agency]
    while frontier:
        current = frontier.pop()
        for key in (current.id, COLLECTIVE_OF_KIND.get(current.kind, "")):
            for pred in passing.get(key, ()):
                if pred.agency.id != agency.id and pred.agency.id not in found:
                    found[pred.agency.id] = pred
                    frontier.append(pred.agency)
    return list(found.values())


def predecessors(agency: Agency, registry: Iterable[Agency], day: dt.date) -> list[Predecessor]:
    """The ended bodies whose roles `agency` holds on `day` (a period's cut-off), chained.

    A body counts when it no longer exists on `day` and one of its successions names
    `agency` (or a body `agency` already took over) from a day on or before `day`.
    """
    return _chain(agency, _passing(registry, day))


def task_roles(agency: Agency, task: Task, preds: Iterable[Predecessor]) -> TaskRoles:
    """The agency's roles on `task`, given its predecessors on the period's cut-off day.

    An agency outside the plan (`outside_plan`) holds none. A lead or partner role of a
    predecessor is inherited when the agency does not hold that role itself. Bodies that
    passed to a whole level and are not named in the task hold the same roles: one of
    each level is asked (the communes' predecessors are many districts and old communes).
    """
    if agency.outside_plan is not None:
        return NO_ROLES
    own = resolve_roles(agency, task)
    named = {*task.lead.refs, *task.partners.refs}
    asked: set[str] = set()
    inherited: dict[tuple[str, str], None] = {}
    for pred in preds:
        if pred.via in COLLECTIVE_KINDS and pred.agency.id not in named:
            if pred.via in asked:
                continue
            asked.add(pred.via)
        held = resolve_roles(pred.agency, task)
        for role in (LEAD, PARTNER):
            if role not in own and role in held:
                inherited[(role, pred.via)] = None
    if not inherited:
        return TaskRoles(frozenset(own))
    roles = (own - {RELATED}) | {role for role, _via in inherited}  # assigned now, not related
    return TaskRoles(frozenset(roles), tuple(inherited))


def via_label(via: str, registry: AgencyRegistry) -> str:
    """The short name of where an inherited role came from: "Sở TT&TT", "UBND cấp huyện"."""
    if via in COLLECTIVE_KINDS:
        return KIND_LABELS[COLLECTIVE_KINDS[via]]
    agency = registry.get(via)
    return agency.short_name if agency else via


def inherited_text(roles: TaskRoles, registry: AgencyRegistry, role: str | None = None) -> str:
    """ "kế thừa từ Sở TT&TT" (empty when nothing is inherited); only `role`'s when given.

    When the agency also holds a role of its own, the inherited one is named:
    "phối hợp kế thừa từ Sở TT&TT".
    """
    vias = [v for r, v in roles.inherited if role in (None, r)]
    if not vias:
        return ""
    text = "kế thừa từ " + ", ".join(via_label(v, registry) for v in dict.fromkeys(vias))
    passed = {r for r, _v in roles.inherited}
    if role is None and passed != set(roles.roles):
        text = f"{role_label(passed).lower()} {text}"
    return text


def successor_names(agency: Agency, registry: AgencyRegistry) -> list[str]:
    """Who took over `agency`, by name: "Sở Khoa học và Công nghệ", "UBND cấp xã"."""
    names = []
    for s in agency.successors:
        if s.collective:
            names.append(KIND_LABELS.get(COLLECTIVE_KINDS.get(s.to, ""), s.to))
        else:
            other = registry.get(s.to)
            names.append(other.name if other else s.to)
    return names


def last_period(plan: Plan, agency: Agency) -> ReportingPeriod | None:
    """The body's last period: the last one whose cut-off falls on or before its last day.

    None for an agency that has not ended (or ended before the plan's first period).
    """
    if agency.valid_to is None:
        return None
    ended = [p for p in plan.periods if p.end <= agency.valid_to]
    return ended[-1] if ended else None


def first_period(plan: Plan, agency: Agency) -> ReportingPeriod | None:
    """The first period whose cut-off falls on or after the agency's first day."""
    return next((p for p in plan.periods if p.end >= agency.valid_from), None)


def predecessor_map(registry: AgencyRegistry, day: dt.date) -> dict[str, list[Predecessor]]:
    """Every agency existing on `day` → its predecessors on that day (computed once).

    Agencies no succession names by id share their level's list (all communes alike).
    """
    passing = _passing(registry, day)
    by_kind: dict[str, list[Predecessor]] = {}
    out = {}
    for a in registry:
        if not a.exists_on(day):
            continue
        if a.id in passing:
            out[a.id] = _chain(a, passing)
        else:
            if a.kind not in by_kind:
                by_kind[a.kind] = _chain(a, passing)
            out[a.id] = by_kind[a.kind]
    return out


def leads_of(
    task: Task,
    period: ReportingPeriod,
    registry: AgencyRegistry,
    preds: dict[str, list[Predecessor]] | None = None,
) -> list[tuple[Agency, TaskRoles]]:
    """Agencies expected in `period` (existing on its cut-off day) that lead `task` then.

    Pass `preds` (from `predecessor_map` for the period's cut-off) to reuse it across tasks.
    """
    preds = predecessor_map(registry, period.end) if preds is None else preds
    out = []
    for agency in registry:
        if agency.id not in preds or agency.outside_plan is not None:
            continue
        roles = task_roles(agency, task, preds[agency.id])
        if LEAD in roles.roles:
            out.append((agency, roles))
    return out
