"""SQLModel table of the receiving office's keyring (schema in `db/0004_receiver.sql`).

Bundles and rejected files are written and read with plain SQL (chain.py, store.py).
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class ReceiverKeyRow(SQLModel, table=True):
    """A public key registered from an enrolment document or a rotation statement."""

    __tablename__ = "receiver_key"
    key_id: str = Field(primary_key=True)
    agency_id: str = Field(foreign_key="agency.id")
    public_key: str
    fingerprint: str
    officer: str = ""
    source: str
    document: bytes
    rotated_from: str | None = Field(default=None, foreign_key="receiver_key.key_id")
    signed_at: str
    added_at: str
    retired_at: str | None = None
    revoked_on: str | None = None
    revoked_reason: str | None = None
    revoked_at: str | None = None
