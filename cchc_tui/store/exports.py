"""Bundles the agency exported. Reads are plain functions over a sqlite3 connection
(keyword-only `conn`); the next seq is read and its bundle recorded in one SQLModel
write session (`export_chain`), inside which the caller signs.

A bundle is committed (seq and bytes) before its file is written, together with a
marker `export.unwritten.<agency>` naming its seq; the marker goes once the file is
written and checked (`mark_written`). Only the chain's head can carry it: the next
export writes that file first (`unwritten_export`), before it signs anything new.

The one column that changes after the commit is `sent_on`, the day the officer marked
the bundle sent (`mark_sent`); the signed bytes never do (a trigger, db/0007)."""

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
    sent_on: str | None = None
    """The day (ISO) the officer marked it sent, or None."""


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
        "SELECT seq, created_at, file_name, state_sha256, key_id, sent_on FROM export"
        " WHERE agency_id = ? AND period_id = ? ORDER BY seq DESC LIMIT 1",
        (agency_id, period_id),
    ).fetchone()
    return ExportSummary(*row) if row else None


@dataclass(frozen=True)
class ExportedBundle:
    """One bundle of the agency's chain, by seq, as the sent mark needs it."""

    seq: int
    period_id: str
    created_at: str
    file_name: str
    sent_on: str | None


def exported_by_seq(agency_id: str, seq: int, *, conn: sqlite3.Connection) -> ExportedBundle | None:
    """The agency's bundle number `seq`, or None when it never exported one."""
    row = conn.execute(
        "SELECT seq, period_id, created_at, file_name, sent_on FROM export"
        " WHERE agency_id = ? AND seq = ?",
        (agency_id, seq),
    ).fetchone()
    return ExportedBundle(*row) if row else None


def mark_sent(db: Database, agency_id: str, seq: int, sent_on: str | None) -> bool:
    """Set (an ISO day) or clear (None) the sent mark of bundle `seq`; False when the agency
    has no such bundle. Only `sent_on` is written: the signed bundle stays as it was."""
    with db.write_sql() as conn:
        cursor = conn.execute(
            "UPDATE export SET sent_on = ? WHERE agency_id = ? AND seq = ?",
            (sent_on, agency_id, seq),
        )
        return cursor.rowcount == 1


def latest_export(
    agency_id: str, period_id: str, *, conn: sqlite3.Connection
) -> StoredExport | None:
    """The agency's latest export of a period, with its bytes; None also when a restore
    adopted a chain head past it (the office may hold a later bundle of the period: the
    next export signs a new seq rather than replay this one)."""
    from cchc_tui.store.db_facts import anchor_key, parse_anchor

    row = conn.execute(
        "SELECT seq, period_id, state_sha256, key_id, body_sha256, envelope FROM export"
        " WHERE agency_id = ? AND period_id = ? ORDER BY seq DESC LIMIT 1",
        (agency_id, period_id),
    ).fetchone()
    if row is None:
        return None
    anchor = conn.execute("SELECT value FROM setting WHERE key = ?", (anchor_key(agency_id),))
    found = anchor.fetchone()
    if found and (parse_anchor(found[0]) or (0, ""))[0] > row[0]:
        return None
    return StoredExport(*tuple(row)[:5], envelope=bytes(row[5]))


@dataclass(frozen=True)
class UnwrittenExport:
    """A committed bundle whose file was never written and checked."""

    seq: int
    file_name: str
    envelope: bytes


def unwritten_key(agency_id: str) -> str:
    """The setting that names the agency's committed but unwritten bundle."""
    return f"export.unwritten.{agency_id}"


def unwritten_export(agency_id: str, *, conn: sqlite3.Connection) -> UnwrittenExport | None:
    """The agency's bundle committed but never written to a file, or None."""
    row = conn.execute(
        "SELECT e.seq, e.file_name, e.envelope FROM setting s"
        " JOIN export e ON e.agency_id = ? AND CAST(s.value AS INTEGER) = e.seq"
        " WHERE s.key = ?",
        (agency_id, unwritten_key(agency_id)),
    ).fetchone()
    return UnwrittenExport(row[0], row[1], bytes(row[2])) if row else None


def mark_written(db: Database, agency_id: str, seq: int) -> None:
    """The file of bundle `seq` is written and checked: drop the marker if it names it."""
    with db.write_sql() as conn:
        conn.execute(
            "DELETE FROM setting WHERE key = ? AND value = ?",
            (unwritten_key(agency_id), str(seq)),
        )


class ExportChain:
    """The head of an agency's export chain, read in the write session that extends it."""

    def __init__(self, session: Session, head: StoredExport | None) -> None:
        self._session = session
        self.head = head

    def append(self, new: NewExport) -> None:
        """Record a signed bundle, marked unwritten; both are committed with the session."""
        from cchc_tui.store.models import ExportRow, Setting

        self._session.add(ExportRow(**asdict(new)))
        self._session.merge(Setting(key=unwritten_key(new.agency_id), value=str(new.seq)))


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
        head = _anchored(session, agency_id, head)
        yield ExportChain(session, head)


def _anchored(session: Session, agency_id: str, head: StoredExport | None) -> StoredExport | None:
    """The chain head a restore adopted (store/care.py), when it is past the stored one:
    the next seq follows the last bundle the office may hold, not an older backup's."""
    from cchc_tui.store.db_facts import anchor_key, parse_anchor
    from cchc_tui.store.models import Setting

    row = session.get(Setting, anchor_key(agency_id))
    anchor = parse_anchor(row.value) if row else None
    if anchor is None or (head is not None and head.seq >= anchor[0]):
        return head
    return StoredExport(anchor[0], "", "", "", anchor[1], b"")
