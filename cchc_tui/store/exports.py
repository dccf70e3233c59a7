"""Bundles the agency exported. Reads are plain functions over a sqlite3 connection
(keyword-only `conn`); the next seq is read and its bundle recorded in one SQLModel
write session (`export_chain`), inside which the caller signs."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from cchc_tui.store.database import Database


@dataclass(frozen=True)
class ExportSummary:
    """The latest export of a period, without its bytes."""

    seq: int
    created_at: str
    file_name: str
    state_sha256: str
    key_id: str


@dataclass(frozen=True)
class StoredExport:
    """An exported bundle with what a replay or the next seq needs."""

    seq: int
    period_id: str
    state_sha256: str
    key_id: str
    body_sha256: str
    envelope: bytes


@dataclass(frozen=True)
class NewExport:
    """A signed bundle to record before its file is written."""

    agency_id: str
    seq: int
    key_id: str
    period_id: str
    plan_id: str
    state_sha256: str
    body_sha256: str
    prev_sha256: str
    envelope: bytes
    created_at: str
    file_name: str


def latest_submission(
    agency_id: str, period_id: str, *, conn: sqlite3.Connection
) -> ExportSummary | None:
    """The agency's latest export of a period, or None."""
    row = conn.execute(
        "SELECT seq, created_at, file_name, state_sha256, key_id FROM export"
        " WHERE agency_id = ? AND period_id = ? ORDER BY seq DESC LIMIT 1",
        (agency_id, period_id),
    ).fetchone()
    return ExportSummary(*row) if row else None


def latest_export(
    agency_id: str, period_id: str, *, conn: sqlite3.Connection
) -> StoredExport | None:
    """The agency's latest export of a period, with its bytes."""
    row = conn.execute(
        "SELECT seq, period_id, state_sha256, key_id, body_sha256, envelope FROM export"
        " WHERE agency_id = ? AND period_id = ? ORDER BY seq DESC LIMIT 1",
        (agency_id, period_id),
    ).fetchone()
    if row is None:
        return None
    return StoredExport(*tuple(row)[:5], envelope=bytes(row[5]))


class ExportChain:
    """The head of an agency's export chain, read in the write session that extends it."""

    def __init__(self, session: Session, head: StoredExport | None) -> None:
        self._session = session
        self.head = head

    def append(self, new: NewExport) -> None:
        """Record a signed bundle; it is committed with the session."""
        from cchc_tui.store.models import ExportRow

        self._session.add(ExportRow(**asdict(new)))


@contextmanager
def export_chain(db: Database, agency_id: str) -> Iterator[ExportChain]:
    """One write session (BEGIN IMMEDIATE): the agency's latest export, then whatever the
    caller appends after it; committed when the block ends, rolled back if it raises."""
    from sqlmodel import select

    from cchc_tui.store.models import ExportRow

    with db.session() as session:
        last = session.exec(
            select(ExportRow)
            .where(ExportRow.agency_id == agency_id)
            .order_by(ExportRow.seq.desc())
            .limit(1)
        ).first()
        head = None
        if last is not None:
            head = StoredExport(
                last.seq,
                last.period_id,
                last.state_sha256,
                last.key_id,
                last.body_sha256,
                bytes(last.envelope),
            )
        yield ExportChain(session, head)
