"""The agency's state for one period, as a bundle's records: one per task slot."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from cchc_tui.domain.progress import Revision
from cchc_tui.domain.roles import LEAD, PARTNER, RELATED, ordered
from cchc_tui.services.catalog import find_agency, find_period, load_plan
from cchc_tui.services.reorganisation import roles_in
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries

NOT_REPORTED = "not_reported"


@dataclass(frozen=True)
class Snapshot:
    """Records of every slot the agency reports in a period, and a hash of that state."""

    agency_id: str
    period_id: str
    plan_id: str
    plan_version: str
    records: list[dict]
    unreported: list[str]

    @cached_property
    def state_sha256(self) -> str:
        """Identity of the reported state (what changes when anything is re-saved)."""
        data = json.dumps(
            [self.plan_version, self.records], ensure_ascii=False, sort_keys=True
        ).encode("utf-8")
        return hashlib.sha256(data).hexdigest()


def record_of(code: str, roles: list[str], revision: Revision | None) -> dict:
    """One bundle record; integers only (progress in basis points)."""
    if revision is None:
        return {
            "task": code,
            "roles": roles,
            "status": NOT_REPORTED,
            "progress_bp": 0,
            "result": "",
            "difficulties": "",
            "proposals": "",
            "evidence": [],
            "indicators": [],
            "revision": {"number": 0, "at": "", "by": ""},
        }
    e = revision.entry
    return {
        "task": code,
        "roles": roles,
        "status": e.status,
        "progress_bp": e.progress * 100,
        "result": e.result,
        "difficulties": e.difficulties,
        "proposals": e.proposals,
        "evidence": e.evidence_json(),
        "indicators": e.indicators_json(),
        "revision": {"number": revision.number, "at": revision.created_at, "by": revision.author},
    }


def period_snapshot(ws: Workspace, agency_id: str, period_id: str) -> Snapshot:
    """Latest revision of each active lead/partner slot (and of related ones reported).

    Inherited roles (the 2025 reorganisation) count as the agency's own: a record's
    `roles` keep their words, `lead` or `partner`; the bundle never says "inherited".
    """
    plan = load_plan(ws)
    agency = find_agency(ws, agency_id)
    period = find_period(ws, period_id)
    with ws.db.read() as conn:
        latest = queries.latest_revisions(agency.id, plan.id, period.id, conn=conn)
        followed = queries.followed_tasks(agency.id, plan.id, conn=conn)
    records, unreported = [], []
    for task in plan.tasks:
        roles = set(roles_in(ws, agency, task, period).roles)
        assigned = bool(roles & {LEAD, PARTNER})
        chosen = RELATED in roles and (task.code in followed or task.code in latest)
        if not plan.is_active(task, period) or not (assigned or chosen):
            continue
        revision = latest.get(task.code)
        if revision is None and assigned:
            unreported.append(task.code)
        records.append(record_of(task.code, ordered(roles), revision))
    return Snapshot(agency.id, period.id, plan.id, plan.version, records, unreported)
