"""Bundles the agency exported: plain functions over a sqlite3 connection (keyword-only
`conn`). The seq of the next bundle is read and written in the caller's one write
transaction (`Database.write_sql`)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


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


_STORED = "seq, period_id, state_sha256, key_id, body_sha256, envelope"


def latest_export(
    agency_id: str, *, conn: sqlite3.Connection, period_id: str | None = None
) -> StoredExport | None:
    """The agency's latest export (of one period, or of any: the head of its chain)."""
    sql = f"SELECT {_STORED} FROM export WHERE agency_id = ?"
    args = [agency_id]
    if period_id is not None:
        sql += " AND period_id = ?"
        args.append(period_id)
    row = conn.execute(sql + " ORDER BY seq DESC LIMIT 1", args).fetchone()
    if row is None:
        return None
    return StoredExport(*tuple(row)[:5], envelope=bytes(row[5]))


def insert_export(new: NewExport, *, conn: sqlite3.Connection) -> None:
    """Record a signed bundle (in the transaction that read the chain's head)."""
    conn.execute(
        "INSERT INTO export (agency_id, seq, key_id, period_id, plan_id, state_sha256,"
        " body_sha256, prev_sha256, envelope, created_at, file_name)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new.agency_id,
            new.seq,
            new.key_id,
            new.period_id,
            new.plan_id,
            new.state_sha256,
            new.body_sha256,
            new.prev_sha256,
            new.envelope,
            new.created_at,
            new.file_name,
        ),
    )
