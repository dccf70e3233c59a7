"""Read queries: plain functions over a sqlite3 connection (keyword-only `conn`)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from cchc_tui.domain.agencies import Agency, Succession
from cchc_tui.domain.progress import Evidence, IndicatorValue, ProgressEntry, Revision


@dataclass(frozen=True)
class SlotState:
    """The latest status of one task slot, for lists and counts."""

    task_code: str
    status: str
    progress: int
    number: int
    created_at: str


def get_setting(key: str, *, conn: sqlite3.Connection) -> str | None:
    """One setting's value, or None."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def settings_with_prefix(prefix: str, *, conn: sqlite3.Connection) -> dict[str, str]:
    """Settings whose key starts with `prefix`."""
    rows = conn.execute("SELECT key, value FROM setting WHERE key LIKE ? || '%'", (prefix,))
    return {r[0]: r[1] for r in rows}


def plan_document(plan_id: str, *, conn: sqlite3.Connection) -> dict | None:
    """The stored plan data file, parsed."""
    row = conn.execute("SELECT document FROM plan WHERE id = ?", (plan_id,)).fetchone()
    return json.loads(row[0]) if row else None


def agencies(*, conn: sqlite3.Connection) -> list[Agency]:
    """Every agency, seed order first, then those added by users."""
    rows = conn.execute(
        "SELECT id, name, short_name, kind, parent_id, valid_from, valid_to, successors,"
        " aliases, note, former_province FROM agency ORDER BY position, name"
    )
    return [
        Agency(
            id=r["id"],
            name=r["name"],
            short_name=r["short_name"],
            kind=r["kind"],
            parent=r["parent_id"],
            valid_from=dt.date.fromisoformat(r["valid_from"]),
            valid_to=dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
            successors=tuple(
                Succession(s["to"], dt.date.fromisoformat(s["from"]))
                for s in json.loads(r["successors"])
            ),
            aliases=tuple(json.loads(r["aliases"])),
            note=r["note"],
            former_province=r["former_province"],
        )
        for r in rows
    ]


_IS_LATEST = (
    "r.number = (SELECT MAX(number) FROM revision x WHERE x.agency_id = r.agency_id"
    " AND x.plan_id = r.plan_id AND x.period_id = r.period_id AND x.task_code = r.task_code)"
)
"""SQL condition: revision `r` is the latest of its slot (agency, plan, period, task)."""


def latest_states(
    agency_id: str, plan_id: str, period_id: str, *, conn: sqlite3.Connection
) -> dict[str, SlotState]:
    """The latest revision of each reported slot of an agency in a period."""
    rows = conn.execute(
        "SELECT task_code, status, progress, number, created_at FROM revision r"
        f" WHERE agency_id = ? AND plan_id = ? AND period_id = ? AND {_IS_LATEST}",
        (agency_id, plan_id, period_id),
    )
    return {r[0]: SlotState(*r) for r in rows}


def slot_states_all_periods(
    agency_id: str, plan_id: str, task_code: str, *, conn: sqlite3.Connection
) -> dict[str, SlotState]:
    """Latest state of one task in every period the agency reported it, by period id."""
    rows = conn.execute(
        "SELECT period_id, task_code, status, progress, number, created_at FROM revision r"
        f" WHERE agency_id = ? AND plan_id = ? AND task_code = ? AND {_IS_LATEST}",
        (agency_id, plan_id, task_code),
    )
    return {r[0]: SlotState(*tuple(r)[1:]) for r in rows}


def slot_history(
    agency_id: str, plan_id: str, task_code: str, period_id: str, *, conn: sqlite3.Connection
) -> list[Revision]:
    """Every revision of a slot, oldest first, with evidence and indicator values."""
    rows = conn.execute(
        f"SELECT {_REVISION_COLUMNS} FROM revision WHERE agency_id = ? AND plan_id = ?"
        " AND task_code = ? AND period_id = ? ORDER BY number",
        (agency_id, plan_id, task_code, period_id),
    ).fetchall()
    return _revisions(rows, conn)


def latest_revisions(
    agency_id: str, plan_id: str, period_id: str, *, conn: sqlite3.Connection
) -> dict[str, Revision]:
    """The latest full revision of each reported slot of an agency in a period."""
    rows = conn.execute(
        f"SELECT {_REVISION_COLUMNS} FROM revision r WHERE agency_id = ? AND plan_id = ?"
        f" AND period_id = ? AND {_IS_LATEST}",
        (agency_id, plan_id, period_id),
    ).fetchall()
    return {row["task_code"]: rev for row, rev in zip(rows, _revisions(rows, conn), strict=True)}


def latest_indicator_values(
    agency_id: str, plan_id: str, *, conn: sqlite3.Connection
) -> dict[str, tuple[IndicatorValue, str]]:
    """The newest value of each indicator among the agency's latest slot revisions,
    with the period id it was reported in."""
    rows = conn.execute(
        "SELECT iv.indicator_id, iv.numerator, iv.denominator, r.period_id"
        " FROM indicator_value iv JOIN revision r ON r.id = iv.revision_id"
        f" WHERE r.agency_id = ? AND r.plan_id = ? AND {_IS_LATEST}"
        " ORDER BY r.created_at DESC, r.id DESC",
        (agency_id, plan_id),
    )
    found: dict[str, tuple[IndicatorValue, str]] = {}
    for ind_id, num, den, period_id in rows:
        found.setdefault(ind_id, (IndicatorValue(ind_id, num, den), period_id))
    return found


_REVISION_COLUMNS = (
    "id, task_code, number, created_at, author, status, progress, result, difficulties,"
    " proposals, restored_from"
)


def _revisions(rows: list[sqlite3.Row], conn: sqlite3.Connection) -> list[Revision]:
    """Revisions for `rows`, with their evidence and indicator values attached."""
    ids = [r["id"] for r in rows]
    evidence: dict[int, list[Evidence]] = {i: [] for i in ids}
    values: dict[int, list[IndicatorValue]] = {i: [] for i in ids}
    if ids:
        marks = ",".join("?" * len(ids))
        for e in conn.execute(
            f"SELECT revision_id, number, issued_on, summary FROM evidence"
            f" WHERE revision_id IN ({marks}) ORDER BY revision_id, position",
            ids,
        ):
            evidence[e[0]].append(Evidence(e[1], dt.date.fromisoformat(e[2]), e[3]))
        for v in conn.execute(
            f"SELECT revision_id, indicator_id, numerator, denominator FROM indicator_value"
            f" WHERE revision_id IN ({marks}) ORDER BY revision_id, indicator_id",
            ids,
        ):
            values[v[0]].append(IndicatorValue(v[1], v[2], v[3]))
    return [
        Revision(
            number=r["number"],
            created_at=r["created_at"],
            author=r["author"],
            entry=ProgressEntry(
                status=r["status"],
                progress=r["progress"],
                result=r["result"],
                difficulties=r["difficulties"],
                proposals=r["proposals"],
                evidence=tuple(evidence[r["id"]]),
                indicators=tuple(values[r["id"]]),
            ),
            restored_from=r["restored_from"],
        )
        for r in rows
    ]


def followed_tasks(agency_id: str, plan_id: str, *, conn: sqlite3.Connection) -> set[str]:
    """Related tasks the agency chose to follow."""
    rows = conn.execute(
        "SELECT task_code FROM followed_task WHERE agency_id = ? AND plan_id = ?",
        (agency_id, plan_id),
    )
    return {r[0] for r in rows}


@dataclass(frozen=True)
class StoredDraft:
    """An autosaved form draft: its slot in the plan and period, and the JSON payload."""

    task_code: str
    period_id: str
    saved_at: str
    payload: str


def drafts(agency_id: str, plan_id: str, *, conn: sqlite3.Connection) -> list[StoredDraft]:
    """Autosaved form drafts of an agency, newest first."""
    rows = conn.execute(
        "SELECT task_code, period_id, saved_at, payload FROM draft"
        " WHERE agency_id = ? AND plan_id = ? ORDER BY saved_at DESC",
        (agency_id, plan_id),
    )
    return [StoredDraft(*r) for r in rows]
