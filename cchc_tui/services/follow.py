"""Following a related task: an agency named only as "các cơ quan liên quan" may watch it."""

from __future__ import annotations

from cchc_tui.domain.roles import RELATED, resolve_roles
from cchc_tui.services.catalog import find_agency, find_task, load_plan
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries, writes


def is_followed(ws: Workspace, agency_id: str, code: str) -> bool:
    """True when the agency follows the task."""
    plan = load_plan(ws)
    with ws.db.read() as conn:
        return code in queries.followed_tasks(agency_id, plan.id, conn=conn)


def follow_task(ws: Workspace, agency_query: str, code: str) -> bool:
    """Follow a related task; returns True when it is now followed (False if it already was)."""
    plan = load_plan(ws)
    agency = find_agency(ws, agency_query)
    task = find_task(ws, code)
    roles = resolve_roles(agency, task)
    if RELATED not in roles:
        if roles:
            raise ServiceError(
                f"{agency.name} đã được giao nhiệm vụ {task.code}: nhiệm vụ luôn có trong danh sách,"
                " không cần theo dõi."
            )
        raise ServiceError(f"Nhiệm vụ {task.code} không liên quan đến {agency.name}.")
    return writes.follow_task(ws.db, agency.id, plan.id, task.code, since=ws.clock.now_iso())


def unfollow_task(ws: Workspace, agency_query: str, code: str) -> bool:
    """Stop following a task; returns True when something changed."""
    plan = load_plan(ws)
    agency = find_agency(ws, agency_query)
    task = find_task(ws, code)
    return writes.unfollow_task(ws.db, agency.id, plan.id, task.code)
