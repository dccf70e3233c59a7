"""Read queries over the receiving office's tables: plain functions, keyword-only `conn`."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from cchc_tui.domain.office.rules import KeyStanding

ACCEPTED = "accepted"
FORK = "fork"
SET_ASIDE = "set_aside"


@dataclass(frozen=True)
class BundleMeta:
    """A stored bundle without its bytes: enough for grids and drill-down headers."""

    body_sha256: str
    agency_id: str
    period_id: str
    seq: int
    prev_sha256: str
    key_id: str
    created_at: str
    received_at: str
    file_name: str
    state: str
    gap_after: int | None


_META = (
    "body_sha256, agency_id, period_id, seq, prev_sha256, key_id, created_at, received_at,"
    " file_name, state, gap_after"
)


@dataclass(frozen=True)
class OfficeKey:
    """A key of the office's keyring, without its source document (base64 public key)."""

    key_id: str
    agency_id: str
    public_key: str
    fingerprint: str
    officer: str
    source: str
    rotated_from: str | None
    signed_at: str
    added_at: str
    retired_at: str | None
    revoked_on: str | None
    revoked_reason: str | None


@dataclass(frozen=True)
class RejectedFile:
    """A refused file, kept once per file content, with what it claimed to be."""

    file_sha256: str
    file_name: str
    received_at: str
    agency_id: str | None
    period_id: str | None
    seq: int | None
    code: str
    reason: str


_KEY = (
    "key_id, agency_id, public_key, fingerprint, officer, source, rotated_from, signed_at,"
    " added_at, retired_at, revoked_on, revoked_reason"
)

_REJECTED = "file_sha256, file_name, received_at, agency_id, period_id, seq, code, reason"


def _meta(row: sqlite3.Row) -> BundleMeta:
    return BundleMeta(*tuple(row))


def registered_keys(*, conn: sqlite3.Connection) -> list[OfficeKey]:
    """Every registered key, by agency then time added."""
    rows = conn.execute(f"SELECT {_KEY} FROM receiver_key ORDER BY agency_id, added_at, key_id")
    return [OfficeKey(*r) for r in rows]


def registered_key(key_id: str, *, conn: sqlite3.Connection) -> OfficeKey | None:
    """One registered key, or None."""
    row = conn.execute(f"SELECT {_KEY} FROM receiver_key WHERE key_id = ?", (key_id,)).fetchone()
    return OfficeKey(*row) if row else None


def standing_of(key: OfficeKey) -> KeyStanding:
    """The policy view of a registered key."""
    revoked = key.revoked_on
    return KeyStanding(
        key_id=key.key_id,
        agency_id=key.agency_id,
        fingerprint=key.fingerprint,
        retired_at=key.retired_at,
        revoked_on=dt.date.fromisoformat(revoked) if revoked else None,
        revoked_reason=key.revoked_reason or "",
    )


def bundles(
    *,
    conn: sqlite3.Connection,
    period_ids: list[str] | None = None,
    plan_id: str | None = None,
) -> list[BundleMeta]:
    """Stored bundles (all states), optionally of some periods and of one plan (the plan id
    its body names: two plans may share a period id), by agency and seq."""
    sql = f"SELECT {_META} FROM received_bundle WHERE (? IS NULL OR plan_id = ?)"
    args: list[str | None] = [plan_id, plan_id]
    if period_ids is not None:
        sql += f" AND period_id IN ({','.join('?' * len(period_ids))})"
        args += list(period_ids)
    return [_meta(r) for r in conn.execute(sql + " ORDER BY agency_id, seq", args)]


def bundle_meta(body_sha256: str, *, conn: sqlite3.Connection) -> BundleMeta | None:
    """One stored bundle's header, or None."""
    row = conn.execute(
        f"SELECT {_META} FROM received_bundle WHERE body_sha256 = ?", (body_sha256,)
    ).fetchone()
    return _meta(row) if row else None


def bundle_ids_starting(prefix: str, *, conn: sqlite3.Connection) -> list[str]:
    """Identities (body SHA-256) of stored bundles that begin with `prefix`, taken literally."""
    rows = conn.execute(
        "SELECT body_sha256 FROM received_bundle WHERE substr(body_sha256, 1, ?) = ?",
        (len(prefix), prefix),
    )
    return [r[0] for r in rows]


def held_bodies(*, conn: sqlite3.Connection) -> set[str]:
    """Identities (body SHA-256) of every stored bundle, whatever its state."""
    return {r[0] for r in conn.execute("SELECT body_sha256 FROM received_bundle")}


def bundle_body(body_sha256: str, *, conn: sqlite3.Connection) -> str | None:
    """The decoded body text of a stored bundle."""
    row = conn.execute(
        "SELECT body FROM received_bundle WHERE body_sha256 = ?", (body_sha256,)
    ).fetchone()
    return row[0] if row else None


def latest_bodies(
    period_id: str, *, conn: sqlite3.Connection, plan_id: str | None = None
) -> dict[str, tuple[str, str]]:
    """Body hash and text of the latest accepted bundle of each agency in a period (of one
    plan's bundles when `plan_id` is given: two plans may share a period)."""
    rows = conn.execute(
        "SELECT agency_id, body_sha256, body FROM received_bundle b"
        " WHERE period_id = ? AND state = 'accepted' AND (? IS NULL OR plan_id = ?) AND seq = ("
        "  SELECT MAX(seq) FROM received_bundle x WHERE x.agency_id = b.agency_id"
        "  AND x.period_id = b.period_id AND x.state = 'accepted' AND x.plan_id = b.plan_id)",
        (period_id, plan_id, plan_id),
    )
    return {r[0]: (r[1], r[2]) for r in rows}


def rejections(
    *, conn: sqlite3.Connection, period_ids: list[str] | None = None
) -> list[RejectedFile]:
    """Rejected files (optionally only those claiming some periods), newest first."""
    sql = f"SELECT {_REJECTED} FROM rejected_file"
    args: list[str] = []
    if period_ids is not None:
        sql += f" WHERE period_id IN ({','.join('?' * len(period_ids))})"
        args = list(period_ids)
    rows = conn.execute(sql + " ORDER BY received_at DESC, file_name", args)
    return [RejectedFile(*r) for r in rows]
