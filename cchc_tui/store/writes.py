"""Writes of the agency side: settings, communes, drafts, followed tasks, revisions.

Each function is one SQLModel write session (BEGIN IMMEDIATE, commit on success, roll
back on error) on the `Database`; a check and the write it guards share that session.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc_tui.domain.progress import ProgressEntry
    from cchc_tui.store.database import Database


def put_settings(db: Database, values: dict[str, str]) -> None:
    """Write (insert or replace) settings in one transaction."""
    from cchc_tui.store.models import Setting

    with db.session() as session:
        for key, value in values.items():
            session.merge(Setting(key=key, value=value))


@dataclass(frozen=True)
class NewAgency:
    """An agency a user adds to the registry (dates as ISO text, successors as JSON)."""

    agency_id: str
    name: str
    short_name: str
    kind: str
    parent_id: str | None
    valid_from: str
    valid_to: str | None
    source: str
    position: int
    successors: str = "[]"
    former_province: str | None = None
    note: str | None = None


def add_agencies(db: Database, agencies: list[NewAgency]) -> list[str]:
    """Insert, in one transaction, the agencies whose id is not yet in the registry.

    Returns the ids inserted (an id another copy of the program added meanwhile is skipped).
    """
    from sqlmodel import select

    from cchc_tui.store.models import AgencyRow

    with db.session() as session:
        ids = [a.agency_id for a in agencies]
        present = set(session.exec(select(AgencyRow.id).where(AgencyRow.id.in_(ids))).all())
        added = []
        for a in agencies:
            if a.agency_id in present:
                continue
            first = json.loads(a.successors)
            session.add(
                AgencyRow(
                    id=a.agency_id,
                    name=a.name,
                    short_name=a.short_name,
                    kind=a.kind,
                    parent_id=a.parent_id,
                    valid_from=a.valid_from,
                    valid_to=a.valid_to,
                    successor_id=first[0]["to"] if first else None,
                    successors=a.successors,
                    former_province=a.former_province,
                    note=a.note,
                    source=a.source,
                    position=a.position,
                )
            )
            present.add(a.agency_id)
            added.append(a.agency_id)
    return added


def save_draft(
    db: Database,
    agency_id: str,
    plan_id: str,
    task_code: str,
    period_id: str,
    *,
    saved_at: str,
    payload: str,
) -> None:
    """Write (or replace) the draft of a slot."""
    from cchc_tui.store.models import DraftRow

    row = DraftRow(
        agency_id=agency_id,
        plan_id=plan_id,
        task_code=task_code,
        period_id=period_id,
        saved_at=saved_at,
        payload=payload,
    )
    with db.session() as session:
        session.merge(row)


def delete_draft(
    db: Database, agency_id: str, plan_id: str, task_code: str, period_id: str
) -> None:
    """Remove the draft of a slot, if there is one."""
    from cchc_tui.store.models import DraftRow

    with db.session() as session:
        row = session.get(DraftRow, (agency_id, plan_id, task_code, period_id))
        if row is not None:
            session.delete(row)


def follow_task(db: Database, agency_id: str, plan_id: str, task_code: str, *, since: str) -> bool:
    """Follow a task; False when it already was (checked in the same transaction)."""
    from cchc_tui.store.models import FollowedTask

    with db.session() as session:
        if session.get(FollowedTask, (agency_id, plan_id, task_code)) is not None:
            return False
        session.add(
            FollowedTask(agency_id=agency_id, plan_id=plan_id, task_code=task_code, since=since)
        )
    return True


def unfollow_task(db: Database, agency_id: str, plan_id: str, task_code: str) -> bool:
    """Stop following a task; False when it was not followed."""
    from cchc_tui.store.models import FollowedTask

    with db.session() as session:
        row = session.get(FollowedTask, (agency_id, plan_id, task_code))
        if row is None:
            return False
        session.delete(row)
    return True


def append_revision(
    db: Database,
    agency_id: str,
    plan_id: str,
    task_code: str,
    period_id: str,
    *,
    entry: ProgressEntry,
    created_at: str,
    author: str,
    restored_from: int | None,
) -> int:
    """Save `entry` as the slot's next revision and drop the slot's draft, in one
    transaction; returns the new revision's number."""
    from sqlmodel import func, select

    from cchc_tui.store.models import DraftRow, EvidenceRow, IndicatorValueRow, RevisionRow

    with db.session() as session:
        last = session.exec(
            select(func.max(RevisionRow.number)).where(
                RevisionRow.agency_id == agency_id,
                RevisionRow.plan_id == plan_id,
                RevisionRow.task_code == task_code,
                RevisionRow.period_id == period_id,
            )
        ).one()
        row = RevisionRow(
            agency_id=agency_id,
            plan_id=plan_id,
            task_code=task_code,
            period_id=period_id,
            number=(last or 0) + 1,
            created_at=created_at,
            author=author,
            status=entry.status,
            progress=entry.progress,
            result=entry.result,
            difficulties=entry.difficulties,
            proposals=entry.proposals,
            restored_from=restored_from,
        )
        session.add(row)
        session.flush()
        for pos, doc in enumerate(entry.evidence, start=1):
            session.add(
                EvidenceRow(
                    revision_id=row.id,
                    position=pos,
                    number=doc.number,
                    issued_on=doc.issued_on.isoformat(),
                    summary=doc.summary,
                )
            )
        for value in entry.indicators:
            session.add(
                IndicatorValueRow(
                    revision_id=row.id,
                    indicator_id=value.indicator_id,
                    numerator=value.numerator,
                    denominator=value.denominator,
                )
            )
        draft = session.get(DraftRow, (agency_id, plan_id, task_code, period_id))
        if draft is not None:
            session.delete(draft)
        number = row.number
    return number
