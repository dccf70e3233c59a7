"""Plans held in the `plan` table: their summaries, and storing an imported one."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from cchc_tui.domain.plan import plan_version


@dataclass(frozen=True)
class PlanSummary:
    """What lists show of a held plan (read from its document without parsing it whole)."""

    id: str
    number: str
    date: str
    title: str
    start: str
    end: str
    tasks: int
    version: str


def plan_summaries(*, conn: sqlite3.Connection) -> list[PlanSummary]:
    """Every held plan, earliest start first."""
    rows = conn.execute(
        "SELECT id, version, json_extract(document, '$.plan.number'),"
        " json_extract(document, '$.plan.date'), json_extract(document, '$.plan.title'),"
        " json_extract(document, '$.plan.start'), json_extract(document, '$.plan.end'),"
        " json_array_length(document, '$.tasks') FROM plan"
    )
    found = [PlanSummary(r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[1]) for r in rows]
    return sorted(found, key=lambda s: (s.start, s.id))


def store_plan(document: dict, *, loaded_at: str, conn: sqlite3.Connection) -> bool:
    """Insert a plan document under its id; False (nothing written) if the id is taken."""
    cur = conn.execute(
        "INSERT INTO plan (id, version, document, loaded_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (id) DO NOTHING",
        (
            document["plan"]["id"],
            plan_version(document),
            json.dumps(document, ensure_ascii=False),
            loaded_at,
        ),
    )
    return cur.rowcount == 1


def replace_plan(document: dict, *, plan_id: str, loaded_at: str, conn: sqlite3.Connection) -> None:
    """Put a newer version of a held plan in place of the older one, under the same id.

    Progress rows refer to the plan's id and a task's code, never to a version: every
    revision stays, and a task the newer version keeps still has its history."""
    conn.execute(
        "UPDATE plan SET version = ?, document = ?, loaded_at = ? WHERE id = ?",
        (plan_version(document), json.dumps(document, ensure_ascii=False), loaded_at, plan_id),
    )


def reported_slots(plan_id: str, codes: list[str], *, conn: sqlite3.Connection) -> int:
    """How many (agency, task, period) slots of these tasks hold at least one revision."""
    if not codes:
        return 0
    marks = ", ".join("?" * len(codes))
    row = conn.execute(
        "SELECT COUNT(*) FROM (SELECT DISTINCT agency_id, task_code, period_id FROM revision"
        f" WHERE plan_id = ? AND task_code IN ({marks}))",
        (plan_id, *codes),
    ).fetchone()
    return row[0]
