"""Writes of the receiving office's bundles and refused files: plain SQL on the caller's
connection (keyword-only `conn`), so that a check and its write share one transaction
(`Database.write_sql`)."""

from __future__ import annotations

import sqlite3

from cchc_tui.store.office import ACCEPTED, SET_ASIDE, BundleMeta, RejectedFile


def keep_rejection(rejected: RejectedFile, *, conn: sqlite3.Connection) -> None:
    """Record a refused file once per file content (a second refusal changes nothing)."""
    conn.execute(
        "INSERT OR IGNORE INTO rejected_file (file_sha256, file_name, received_at,"
        " agency_id, period_id, seq, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            rejected.file_sha256,
            rejected.file_name,
            rejected.received_at,
            rejected.agency_id,
            rejected.period_id,
            rejected.seq,
            rejected.code,
            rejected.reason,
        ),
    )


def forget_rejection(file_sha256: str, *, conn: sqlite3.Connection) -> None:
    """Drop the refusal of a file that has now been accepted."""
    conn.execute("DELETE FROM rejected_file WHERE file_sha256 = ?", (file_sha256,))


def held_state(body_sha256: str, *, conn: sqlite3.Connection) -> str | None:
    """The state of a stored bundle (accepted, fork, set aside), or None if not held."""
    row = conn.execute(
        "SELECT state FROM received_bundle WHERE body_sha256 = ?", (body_sha256,)
    ).fetchone()
    return row[0] if row else None


def last_accepted(agency_id: str, *, conn: sqlite3.Connection) -> tuple[int, str] | None:
    """Seq and body SHA-256 of the agency's latest accepted bundle, or None."""
    row = conn.execute(
        "SELECT seq, body_sha256 FROM received_bundle WHERE agency_id = ?"
        " AND state = 'accepted' ORDER BY seq DESC LIMIT 1",
        (agency_id,),
    ).fetchone()
    return (row[0], row[1]) if row else None


def accepted_at(agency_id: str, seq: int, *, conn: sqlite3.Connection) -> str | None:
    """Body SHA-256 of the agency's accepted bundle with this seq, or None."""
    row = conn.execute(
        "SELECT body_sha256 FROM received_bundle WHERE agency_id = ? AND seq = ?"
        " AND state = 'accepted'",
        (agency_id, seq),
    ).fetchone()
    return row[0] if row else None


def insert_bundle(
    meta: BundleMeta, *, plan_id: str, envelope: bytes, body: str, conn: sqlite3.Connection
) -> None:
    """Store a verified bundle: its header, the file's bytes and the decoded body."""
    conn.execute(
        "INSERT INTO received_bundle (body_sha256, agency_id, period_id, seq, prev_sha256,"
        " key_id, plan_id, created_at, received_at, file_name, state, gap_after, envelope,"
        " body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            meta.body_sha256,
            meta.agency_id,
            meta.period_id,
            meta.seq,
            meta.prev_sha256,
            meta.key_id,
            plan_id,
            meta.created_at,
            meta.received_at,
            meta.file_name,
            meta.state,
            meta.gap_after,
            envelope,
            body,
        ),
    )


def set_aside_accepted(
    agency_id: str, seq: int, *, at: str, note: str, conn: sqlite3.Connection
) -> None:
    """Set aside the agency's accepted bundle of `seq` (a fork is used in its place)."""
    conn.execute(
        "UPDATE received_bundle SET state = 'set_aside', decided_at = ?, decision_note = ?"
        " WHERE agency_id = ? AND seq = ? AND state = 'accepted'",
        (at, note, agency_id, seq),
    )


def settle_fork(
    body_sha256: str, *, use: bool, at: str, note: str, conn: sqlite3.Connection
) -> None:
    """Accept a fork (`use`) or set it aside; a bundle no longer a fork is left alone."""
    conn.execute(
        "UPDATE received_bundle SET state = ?, decided_at = ?, decision_note = ?"
        " WHERE body_sha256 = ? AND state = 'fork'",
        (ACCEPTED if use else SET_ASIDE, at, note, body_sha256),
    )
