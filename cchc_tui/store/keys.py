"""The agency's own signing keys (public halves; the private part lives in a file)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc_tui.store.database import Database


@dataclass(frozen=True)
class SigningKeyRecord:
    """A stored signing key: its id, base64 public key, key file name and creation time."""

    key_id: str
    public_key: str
    file_name: str
    created_at: str


def active_signing_key(agency_id: str, *, conn: sqlite3.Connection) -> SigningKeyRecord | None:
    """The agency's newest key not retired, or None."""
    row = conn.execute(
        "SELECT key_id, public_key, file_name, created_at FROM signing_key"
        " WHERE agency_id = ? AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1",
        (agency_id,),
    ).fetchone()
    return SigningKeyRecord(*row) if row else None


def local_public_keys(*, conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(agency id, base64 public key) of this installation's own keys and of the receiving
    office's keyring (keys not revoked)."""
    rows = conn.execute(
        "SELECT agency_id, public_key FROM signing_key"
        " UNION SELECT agency_id, public_key FROM receiver_key WHERE revoked_on IS NULL"
    )
    return [(r[0], r[1]) for r in rows]


def add_signing_key(
    db: Database,
    *,
    key_id: str,
    agency_id: str,
    public_key: str,
    file_name: str,
    now: str,
    rotation: str | None = None,
) -> None:
    """Retire the agency's current keys (as of `now`) and store the new one, in one
    transaction."""
    from sqlmodel import select

    from cchc_tui.store.models import SigningKeyRow

    with db.session() as session:
        current = select(SigningKeyRow).where(
            SigningKeyRow.agency_id == agency_id, SigningKeyRow.retired_at.is_(None)
        )
        for old in session.exec(current):
            old.retired_at = now
            session.add(old)
        session.add(
            SigningKeyRow(
                key_id=key_id,
                agency_id=agency_id,
                public_key=public_key,
                file_name=file_name,
                created_at=now,
                rotation=rotation,
            )
        )
