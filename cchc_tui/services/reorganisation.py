"""The 2025 reorganisation seen from one agency: its periods, its notice, inherited roles.

One rule everywhere (docs/reorganisation.md): an agency reports a period when it exists
on the period's cut-off day. A body that ended reports up to its last period and hands
its roles to its successors for the periods after it.
"""

from __future__ import annotations

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.periods import ReportingPeriod, current_period
from cchc_tui.domain.plan import Task
from cchc_tui.domain.progress import format_day
from cchc_tui.domain.succession import (
    Predecessor,
    TaskRoles,
    first_period,
    last_period,
    predecessors,
    successor_names,
    task_roles,
)
from cchc_tui.services.catalog import find_period, load_plan, load_registry
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.settings import deadline_day
from cchc_tui.services.workspace import Workspace


def agency_predecessors(
    ws: Workspace, agency: Agency, period: ReportingPeriod
) -> list[Predecessor]:
    """The ended bodies whose roles `agency` holds in `period` (cached per workspace)."""
    key = f"predecessors:{agency.id}:{period.id}"
    if key not in ws.cache:
        ws.cache[key] = predecessors(agency, load_registry(ws), period.end)
    return ws.cache[key]


def roles_in(ws: Workspace, agency: Agency, task: Task, period: ReportingPeriod) -> TaskRoles:
    """The agency's roles on `task` in `period`, inherited ones told apart."""
    return task_roles(agency, task, agency_predecessors(ws, agency, period))


def default_period(ws: Workspace, agency: Agency) -> ReportingPeriod:
    """The period an agency's screens and commands open on.

    The current one, except for a body that ended (its last period) or one that began
    after it (its first period).
    """
    plan = load_plan(ws)
    current = current_period(plan.periods, ws.clock.today(), deadline_day(ws))
    last = last_period(plan, agency)
    if agency.valid_to is not None and current.end > agency.valid_to and last is not None:
        return last
    first = first_period(plan, agency)
    if first is not None and current < first:
        return first
    return current


def agency_period(ws: Workspace, agency: Agency, period_id: str | None) -> ReportingPeriod:
    """A period by id, or the agency's default period when `period_id` is None."""
    return default_period(ws, agency) if period_id is None else find_period(ws, period_id)


def successor_text(ws: Workspace, agency: Agency) -> str:
    """ "Sở Khoa học và Công nghệ tiếp nhận nhiệm vụ từ 01/03/2025" (empty without successor)."""
    names = successor_names(agency, load_registry(ws))
    if not names:
        return ""
    start = min(s.starts for s in agency.successors)
    return f"{' và '.join(names)} tiếp nhận nhiệm vụ từ {format_day(start)}"


def ended_notice(ws: Workspace, agency: Agency) -> str | None:
    """What an officer of this agency must know first: it ended, or the plan does not cover it."""
    if agency.outside_plan is not None:
        return f"{agency.name}: {agency.outside_plan}"
    if agency.valid_to is None:
        return None
    ended = "đã kết thúc" if agency.valid_to < ws.clock.today() else "kết thúc"
    text = f"{agency.name} {ended} hoạt động ngày {format_day(agency.valid_to)}"
    takeover = successor_text(ws, agency)
    if takeover:
        text += f"; {takeover}"
    last = last_period(load_plan(ws), agency)
    if last is not None:
        text += f". Kỳ cuối cùng cơ quan báo cáo: {last.label} ({last.id})"
    return text + "."


def check_reporting(ws: Workspace, agency: Agency, period: ReportingPeriod) -> None:
    """Refuse (ServiceError) a period the agency is not expected to report.

    Expected means: the agency exists on the period's cut-off day, and the plan covers it.
    """
    if agency.outside_plan is not None:
        raise ServiceError(f"{agency.name} không báo cáo kế hoạch này: {agency.outside_plan}")
    if agency.valid_to is not None and period.end > agency.valid_to:
        last = last_period(load_plan(ws), agency)
        takeover = successor_text(ws, agency)
        raise ServiceError(
            f"{agency.name} đã kết thúc hoạt động ngày {format_day(agency.valid_to)}: không ghi,"
            f" không xuất được kỳ {period.label} (chốt số liệu {format_day(period.end)})"
            + (f"; kỳ cuối cùng của cơ quan là {last.label} ({last.id})" if last else "")
            + (f"; {takeover}" if takeover else "")
            + "."
        )
    if period.end < agency.valid_from:
        raise ServiceError(
            f"{agency.name} bắt đầu hoạt động từ {format_day(agency.valid_from)}: kỳ {period.label}"
            f" (chốt số liệu {format_day(period.end)}) không thuộc thời gian cơ quan tồn tại."
        )
