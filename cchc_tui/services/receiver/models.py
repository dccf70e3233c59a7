"""SQLModel tables of the receiving office (schema in `db/0004_receiver.sql`)."""

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


class ReceivedBundleRow(SQLModel, table=True):
    """A verified bundle as received: raw envelope, decoded body and its place in the chain."""

    __tablename__ = "received_bundle"
    body_sha256: str = Field(primary_key=True)
    agency_id: str = Field(foreign_key="agency.id")
    period_id: str
    seq: int
    prev_sha256: str
    key_id: str = Field(foreign_key="receiver_key.key_id")
    plan_id: str
    created_at: str
    received_at: str
    file_name: str
    state: str
    gap_after: int | None = None
    decided_at: str | None = None
    decision_note: str | None = None
    envelope: bytes
    body: str


class RejectedFileRow(SQLModel, table=True):
    """A file that failed a check (once per file content)."""

    __tablename__ = "rejected_file"
    file_sha256: str = Field(primary_key=True)
    file_name: str
    received_at: str
    agency_id: str | None = None
    period_id: str | None = None
    seq: int | None = None
    code: str
    reason: str
