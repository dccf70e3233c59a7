"""Every SQLModel table, in one module so that importing any model makes every table it
references known. The schema itself comes from the migrations in `db/`; a test holds
these classes to the migrated schema. Table names are data (kept from earlier releases:
the office's keyring is `receiver_key`)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class Setting(SQLModel, table=True):
    """A key/value setting (profile, deadline day, seed stamps …)."""

    key: str = Field(primary_key=True)
    value: str


class AgencyRow(SQLModel, table=True):
    """An agency of the registry (seeded, or a commune added by a user)."""

    __tablename__ = "agency"
    id: str = Field(primary_key=True)
    name: str
    short_name: str
    kind: str
    parent_id: str | None = Field(default=None, foreign_key="agency.id")
    valid_from: str
    valid_to: str | None = None
    successor_id: str | None = None
    aliases: str = "[]"
    note: str | None = None
    source: str = "seed"
    position: int
    successors: str = "[]"
    former_province: str | None = None


class PlanRow(SQLModel, table=True):
    """A loaded plan document and its version hash."""

    __tablename__ = "plan"
    id: str = Field(primary_key=True)
    version: str
    document: str
    loaded_at: str


class RevisionRow(SQLModel, table=True):
    """One append-only save of a task slot."""

    __tablename__ = "revision"
    id: int | None = Field(default=None, primary_key=True)
    agency_id: str = Field(foreign_key="agency.id")
    plan_id: str = Field(foreign_key="plan.id")
    task_code: str
    period_id: str
    number: int
    created_at: str
    author: str
    status: str
    progress: int
    result: str = ""
    difficulties: str = ""
    proposals: str = ""
    restored_from: int | None = None


class EvidenceRow(SQLModel, table=True):
    """An evidence document of a revision."""

    __tablename__ = "evidence"
    revision_id: int = Field(foreign_key="revision.id", primary_key=True)
    position: int = Field(primary_key=True)
    number: str
    issued_on: str
    summary: str = ""


class IndicatorValueRow(SQLModel, table=True):
    """An indicator value of a revision."""

    __tablename__ = "indicator_value"
    revision_id: int = Field(foreign_key="revision.id", primary_key=True)
    indicator_id: str = Field(primary_key=True)
    numerator: int
    denominator: int


class DraftRow(SQLModel, table=True):
    """The autosaved content of an open progress form."""

    __tablename__ = "draft"
    agency_id: str = Field(foreign_key="agency.id", primary_key=True)
    plan_id: str = Field(foreign_key="plan.id", primary_key=True)
    task_code: str = Field(primary_key=True)
    period_id: str = Field(primary_key=True)
    saved_at: str
    payload: str


class FollowedTask(SQLModel, table=True):
    """A related task an agency chose to follow."""

    __tablename__ = "followed_task"
    agency_id: str = Field(foreign_key="agency.id", primary_key=True)
    plan_id: str = Field(foreign_key="plan.id", primary_key=True)
    task_code: str = Field(primary_key=True)
    since: str


class SigningKeyRow(SQLModel, table=True):
    """A signing key of the agency (the private part lives encrypted in a file)."""

    __tablename__ = "signing_key"
    key_id: str = Field(primary_key=True)
    agency_id: str = Field(foreign_key="agency.id")
    public_key: str
    file_name: str
    created_at: str
    retired_at: str | None = None
    rotation: str | None = None


class ExportRow(SQLModel, table=True):
    """A signed bundle as exported: committed before its file is written."""

    __tablename__ = "export"
    agency_id: str = Field(foreign_key="agency.id", primary_key=True)
    seq: int = Field(primary_key=True)
    key_id: str = Field(foreign_key="signing_key.key_id")
    period_id: str
    plan_id: str = Field(foreign_key="plan.id")
    state_sha256: str
    body_sha256: str
    prev_sha256: str
    envelope: bytes
    created_at: str
    file_name: str
    sent_on: str | None = None
    """The day the officer marked the bundle sent (ISO date), or None: db/0007."""


class OfficeKeyRow(SQLModel, table=True):
    """The receiving office's keyring: a public key registered from an enrolment
    document or a rotation statement."""

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
