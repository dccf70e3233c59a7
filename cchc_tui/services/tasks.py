"""My tasks: the agency's tasks with roles, timelines, deadlines and this period's state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc_tui.domain.agencies import Agency, AgencyRegistry
from cchc_tui.domain.periods import ReportingPeriod
from cchc_tui.domain.plan import Plan, Task
from cchc_tui.domain.roles import LEAD, PARTNER, RELATED, ordered
from cchc_tui.domain.succession import Predecessor, inherited_text, task_roles
from cchc_tui.services.catalog import find_agency, find_task, load_plan, load_registry
from cchc_tui.services.reorganisation import (
    agency_period,
    agency_predecessors,
    default_period,
    roles_in,
)
from cchc_tui.services.settings import deadline_day
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries
from cchc_tui.store.queries import SlotState


@dataclass(frozen=True)
class TaskRow:
    """One line of the task list (plain data for widgets and JSON)."""

    code: str
    group: str
    title: str
    content: str
    roles: tuple[str, ...]
    start_kind: str
    end_kind: str
    timeline: str
    due: dt.date | None
    active: bool
    followed: bool
    status: str | None
    progress: int | None
    inherited: tuple[tuple[str, str], ...] = ()
    """(role, from) of each role held only by inheritance; from is an id, or `@districts`."""
    inherited_note: str = ""
    """ "kế thừa từ Sở TT&TT" when a role was inherited (the 2025 reorganisation)."""


def _visible(roles: set[str], followed: bool, include_related: bool) -> bool:
    return bool(roles & {LEAD, PARTNER}) or (RELATED in roles and (followed or include_related))


def task_rows(
    plan: Plan,
    agency: Agency,
    period: ReportingPeriod,
    states: dict[str, SlotState],
    followed: set[str],
    day: int,
    *,
    include_related: bool = False,
    preds: list[Predecessor] | None = None,
    registry: AgencyRegistry | None = None,
) -> list[TaskRow]:
    """Build the list from already-loaded data (pure; the TUI re-filters without queries).

    `preds` are the agency's predecessors on the period's cut-off day (inherited roles);
    `registry` names where they came from.
    """
    rows = []
    for task in plan.tasks:
        held = task_roles(agency, task, preds or ())
        roles = set(held.roles)
        is_followed = task.code in followed
        if not _visible(roles, is_followed, include_related):
            continue
        state = states.get(task.code)
        rows.append(
            TaskRow(
                code=task.code,
                group=task.group,
                title=task.title,
                content=task.content,
                roles=tuple(ordered(roles)),
                start_kind=task.start.kind,
                end_kind=task.end.kind,
                timeline=_timeline_label(task),
                due=plan.due_date(task, period, day),
                active=plan.is_active(task, period),
                followed=is_followed,
                status=state.status if state else None,
                progress=state.progress if state else None,
                inherited=held.inherited,
                inherited_note=inherited_text(held, registry) if registry else "",
            )
        )
    return rows


def _timeline_label(task: Task) -> str:
    start, end = task.start.label, task.end.label
    return start if start == end else f"{start} → {end}"


def agency_tasks(
    ws: Workspace,
    agency_query: str,
    period_id: str | None = None,
    *,
    include_related: bool = False,
) -> tuple[Agency, ReportingPeriod, list[TaskRow]]:
    """The agency's tasks (lead, partner, followed related) for a period.

    Without `period_id`, the agency's default period (a body that ended: its last one).
    """
    plan = load_plan(ws)
    agency = find_agency(ws, agency_query)
    period = agency_period(ws, agency, period_id)
    with ws.db.read() as conn:
        states = queries.latest_states(agency.id, plan.id, period.id, conn=conn)
        followed = queries.followed_tasks(agency.id, plan.id, conn=conn)
    rows = task_rows(
        plan,
        agency,
        period,
        states,
        followed,
        deadline_day(ws),
        include_related=include_related,
        preds=agency_predecessors(ws, agency, period),
        registry=load_registry(ws),
    )
    return agency, period, rows


@dataclass(frozen=True)
class PeriodSlot:
    """A task's report slot in one period, with the latest state if reported."""

    period: ReportingPeriod
    due: dt.date | None
    state: SlotState | None


@dataclass(frozen=True)
class TaskDetail:
    """Everything the detail screen shows about one task for one agency."""

    task: Task
    roles: tuple[str, ...]
    lead_agencies: tuple[Agency, ...]
    partner_agencies: tuple[Agency, ...]
    slots: tuple[PeriodSlot, ...]
    followed: bool
    inherited_note: str = ""
    """ "kế thừa từ Sở TT&TT" when the agency's role on the task was inherited."""


def _named_agencies(ws: Workspace, refs: tuple[str, ...]) -> tuple[Agency, ...]:
    registry = load_registry(ws)
    return tuple(a for ref in refs if (a := registry.get(ref)) is not None)


def task_detail(ws: Workspace, agency_query: str, code: str) -> TaskDetail:
    """A task with its agencies, its period slots and their latest state for the agency.

    Roles are those of the agency's default period; slots are the periods in which the
    agency exists and holds such a role (an inherited lead only after the succession:
    Sở KH&CN's VI.1 starts at 2025-Q1, where it was only "related" before).
    """
    plan = load_plan(ws)
    agency = find_agency(ws, agency_query)
    task = find_task(ws, code)
    day = deadline_day(ws)
    with ws.db.read() as conn:
        states = queries.slot_states_all_periods(agency.id, plan.id, task.code, conn=conn)
        followed = task.code in queries.followed_tasks(agency.id, plan.id, conn=conn)
    held = roles_in(ws, agency, task, default_period(ws, agency))
    wanted = {LEAD, PARTNER} if held.roles & {LEAD, PARTNER} else {LEAD, PARTNER, RELATED}
    slots = tuple(
        PeriodSlot(p, plan.due_date(task, p, day), states.get(p.id))
        for p in plan.task_periods(task)
        if p.id in states
        or (agency.exists_on(p.end) and roles_in(ws, agency, task, p).roles & wanted)
    )
    return TaskDetail(
        task=task,
        roles=tuple(ordered(held.roles)),
        inherited_note=inherited_text(held, load_registry(ws)),
        lead_agencies=_named_agencies(ws, task.lead.refs),
        partner_agencies=_named_agencies(ws, task.partners.refs),
        slots=slots,
        followed=followed,
    )
