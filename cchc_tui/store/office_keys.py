"""Writes of the receiving office's keyring (`receiver_key`): one SQLModel write session
per change."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc_tui.store.database import Database


@dataclass(frozen=True)
class NewOfficeKey:
    """A key to register, with the document (enrolment or rotation) it came from."""

    key_id: str
    agency_id: str
    public_key: str
    fingerprint: str
    officer: str
    source: str
    document: bytes
    signed_at: str
    added_at: str
    rotated_from: str | None = None


def add_office_key(db: Database, new: NewOfficeKey) -> None:
    """Register a key."""
    from cchc_tui.store.models import OfficeKeyRow

    with db.session() as session:
        session.add(OfficeKeyRow(**asdict(new)))


def revoke_office_keys(db: Database, key_ids: set[str], *, on: str, reason: str, at: str) -> None:
    """Revoke keys from day `on` (ISO date), with the reason and when it was recorded."""
    from cchc_tui.store.models import OfficeKeyRow

    with db.session() as session:
        for key_id in key_ids:
            row = session.get(OfficeKeyRow, key_id)
            row.revoked_on = on
            row.revoked_reason = reason
            row.revoked_at = at
            session.add(row)


def rotate_office_key(db: Database, old_key_id: str, new: NewOfficeKey) -> None:
    """Retire the old key as of the new one's signing time (unless already retired) and
    register the new key, in one transaction."""
    from cchc_tui.store.models import OfficeKeyRow

    with db.session() as session:
        retired = session.get(OfficeKeyRow, old_key_id)
        retired.retired_at = retired.retired_at or new.signed_at
        session.add(retired)
        session.add(OfficeKeyRow(**asdict(new)))
