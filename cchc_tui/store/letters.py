"""The office's own key (office install) and what an agency pinned and received from the
office (agency install): plain SQL on a connection (keyword-only `conn`); writes through
`Database.write_sql`, one transaction each."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING

from cchc_tui.domain.agencies import Agency

if TYPE_CHECKING:
    from cchc_tui.store.database import Database


@dataclass(frozen=True)
class OwnOfficeKey:
    """The office's signing key: public half, key file name, its self-signed document."""

    key_id: str
    public_key: str
    file_name: str
    document: bytes
    created_at: str


@dataclass(frozen=True)
class PinnedOfficeKey:
    """An office key an agency pinned."""

    key_id: str
    public_key: str
    fingerprint: str
    office_name: str
    source: str
    document: bytes
    signed_at: str
    pinned_at: str
    retired_at: str | None = None


@dataclass(frozen=True)
class StoredLetter:
    """A verified letter from the office."""

    body_sha256: str
    kind: str
    key_id: str
    issued_at: str
    added_at: str
    file_name: str
    agency_id: str | None
    period_id: str | None
    summary: str
    envelope: bytes
    body: str


def own_office_key(*, conn: sqlite3.Connection) -> OwnOfficeKey | None:
    """The office's current (not retired) key, or None."""
    row = conn.execute(
        "SELECT key_id, public_key, file_name, document, created_at FROM office_own_key"
        " WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1"
    ).fetchone()
    return OwnOfficeKey(*row) if row else None


def add_own_office_key(db: Database, key: OwnOfficeKey, *, rotation: bytes | None = None) -> None:
    """Retire the current office key (as of the new one's creation) and store the new one."""
    with db.write_sql() as conn:
        conn.execute(
            "UPDATE office_own_key SET retired_at = ? WHERE retired_at IS NULL", (key.created_at,)
        )
        conn.execute(
            "INSERT INTO office_own_key (key_id, public_key, file_name, document, created_at,"
            " rotation) VALUES (?, ?, ?, ?, ?, ?)",
            (*astuple(key), rotation),
        )


def pinned_office_keys(*, conn: sqlite3.Connection) -> list[PinnedOfficeKey]:
    """Every office key pinned here, oldest first (the last not retired is current)."""
    rows = conn.execute(
        "SELECT key_id, public_key, fingerprint, office_name, source, document, signed_at,"
        " pinned_at, retired_at FROM pinned_office_key ORDER BY pinned_at, rowid"
    )
    return [PinnedOfficeKey(*r) for r in rows]


def pin_office_key(db: Database, key: PinnedOfficeKey) -> None:
    """Pin a key; the key it replaces (if any) is retired as of the new one's signing."""
    with db.write_sql() as conn:
        conn.execute(
            "UPDATE pinned_office_key SET retired_at = ? WHERE retired_at IS NULL",
            (key.signed_at,),
        )
        conn.execute(
            "INSERT INTO pinned_office_key (key_id, public_key, fingerprint, office_name,"
            " source, document, signed_at, pinned_at, retired_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            astuple(key)[:8],
        )


def exported_bundle(
    agency_id: str, seq: int, body_sha256: str, *, conn: sqlite3.Connection
) -> bool:
    """True when this install exported (signed) the agency's bundle `seq` with that body."""
    row = conn.execute(
        "SELECT 1 FROM export WHERE agency_id = ? AND seq = ? AND body_sha256 = ?",
        (agency_id, seq, body_sha256),
    ).fetchone()
    return row is not None


def add_letter(db: Database, letter: StoredLetter) -> bool:
    """Store a letter once per body; False when it was already here."""
    with db.write_sql() as conn:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO office_letter (body_sha256, kind, key_id, issued_at,"
            " added_at, file_name, agency_id, period_id, summary, envelope, body)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            astuple(letter),
        )
        return cursor.rowcount == 1


_LETTER_COLUMNS = (
    "body_sha256, kind, key_id, issued_at, added_at, file_name, agency_id, period_id,"
    " summary, envelope, body"
)


def letters(*, conn: sqlite3.Connection) -> list[StoredLetter]:
    """Every letter received, newest signed first."""
    rows = conn.execute(
        f"SELECT {_LETTER_COLUMNS} FROM office_letter ORDER BY issued_at DESC, added_at DESC"
    )
    return [StoredLetter(*r) for r in rows]


def latest_receipt(
    agency_id: str, period_id: str, *, conn: sqlite3.Connection
) -> StoredLetter | None:
    """The agency's newest-signed receipt for the period, or None."""
    row = conn.execute(
        f"SELECT {_LETTER_COLUMNS} FROM office_letter WHERE kind = 'receipt'"
        " AND agency_id = ? AND period_id = ? ORDER BY issued_at DESC LIMIT 1",
        (agency_id, period_id),
    ).fetchone()
    return StoredLetter(*row) if row else None


def _agency_values(agency: Agency) -> tuple:
    successors = [{"to": s.to, "from": s.starts.isoformat()} for s in agency.successors]
    return (
        agency.name,
        agency.short_name,
        agency.kind,
        agency.parent,
        agency.valid_from.isoformat(),
        agency.valid_to.isoformat() if agency.valid_to else None,
        successors[0]["to"] if successors else None,
        json.dumps(successors, ensure_ascii=False),
        json.dumps(list(agency.aliases), ensure_ascii=False),
        agency.note,
        agency.former_province,
    )


_AGENCY_SET = (
    "name = ?, short_name = ?, kind = ?, parent_id = ?, valid_from = ?, valid_to = ?,"
    " successor_id = ?, successors = ?, aliases = ?, note = ?, former_province = ?"
)


def apply_registry(
    db: Database, added: list[Agency], changed: list[Agency], letter: StoredLetter | None
) -> None:
    """Insert the new agencies (parents first), update the changed ones, and keep the
    letter they came from, in one transaction."""
    with db.write_sql() as conn:
        write_registry(added, changed, letter, conn=conn)


def write_registry(
    added: list[Agency],
    changed: list[Agency],
    letter: StoredLetter | None,
    *,
    conn: sqlite3.Connection,
) -> None:
    """`apply_registry` inside the caller's transaction."""
    position = conn.execute("SELECT COALESCE(MAX(position), 0) FROM agency").fetchone()[0]
    present = {r[0] for r in conn.execute("SELECT id FROM agency")}
    pending = list(added)
    while pending:
        ready = [a for a in pending if a.parent is None or a.parent in present]
        ready = ready or pending  # a parent outside the list: let the database say so
        for agency in ready:
            position += 1
            conn.execute(
                "INSERT INTO agency (id, name, short_name, kind, parent_id, valid_from,"
                " valid_to, successor_id, successors, aliases, note, former_province,"
                " source, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'office', ?)",
                (agency.id, *_agency_values(agency), position),
            )
            present.add(agency.id)
        pending = [a for a in pending if a not in ready]
    for agency in changed:
        conn.execute(
            f"UPDATE agency SET {_AGENCY_SET} WHERE id = ?",
            (*_agency_values(agency), agency.id),
        )
    if letter is not None:
        insert_letter(letter, conn=conn)


def latest_letter(kind: str, *, conn: sqlite3.Connection) -> StoredLetter | None:
    """The newest-signed letter of a kind, or None."""
    row = conn.execute(
        f"SELECT {_LETTER_COLUMNS} FROM office_letter WHERE kind = ?"
        " ORDER BY issued_at DESC LIMIT 1",
        (kind,),
    ).fetchone()
    return StoredLetter(*row) if row else None


def plan_letters(*, conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(plan id, issued_at, body_sha256) of every plan letter kept here."""
    rows = conn.execute(
        "SELECT json_extract(body, '$.plan.plan.id'), issued_at, body_sha256 FROM office_letter"
        " WHERE kind = 'plan'"
    )
    return [(r[0], r[1], r[2]) for r in rows]


def insert_letter(letter: StoredLetter, *, conn: sqlite3.Connection) -> None:
    """Keep a letter inside the caller's transaction (once per body)."""
    conn.execute(
        "INSERT OR IGNORE INTO office_letter (body_sha256, kind, key_id, issued_at,"
        " added_at, file_name, agency_id, period_id, summary, envelope, body)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        astuple(letter),
    )
