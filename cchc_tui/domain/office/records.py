"""A verified bundle body read as typed records (the bundle package validated its shape)."""

from __future__ import annotations

from dataclasses import dataclass

NOT_REPORTED = "not_reported"


class RecordError(ValueError):
    """A body whose records cannot be read (never one that passed `verify_bundle`)."""


@dataclass(frozen=True)
class EvidenceDoc:
    """A document cited as evidence: number, date issued, what it is."""

    number: str
    date: str
    summary: str


@dataclass(frozen=True)
class IndicatorReport:
    """An indicator value as reported: integers only."""

    indicator_id: str
    numerator: int
    denominator: int


@dataclass(frozen=True)
class TaskRecord:
    """One (task, period) record of a bundle."""

    task: str
    roles: tuple[str, ...]
    status: str
    progress_bp: int
    result: str
    difficulties: str
    proposals: str
    evidence: tuple[EvidenceDoc, ...]
    indicators: tuple[IndicatorReport, ...]
    revision_number: int
    revision_at: str
    revision_by: str

    @property
    def reported(self) -> bool:
        """False for a slot the agency sent without any report."""
        return self.status != NOT_REPORTED


def _record(raw: dict) -> TaskRecord:
    revision = raw["revision"]
    return TaskRecord(
        task=raw["task"],
        roles=tuple(raw["roles"]),
        status=raw["status"],
        progress_bp=raw["progress_bp"],
        result=raw["result"],
        difficulties=raw["difficulties"],
        proposals=raw["proposals"],
        evidence=tuple(EvidenceDoc(d["number"], d["date"], d["summary"]) for d in raw["evidence"]),
        indicators=tuple(
            IndicatorReport(v["id"], v["numerator"], v["denominator"]) for v in raw["indicators"]
        ),
        revision_number=revision["number"],
        revision_at=revision["at"],
        revision_by=revision["by"],
    )


def records_of(body: dict) -> list[TaskRecord]:
    """The records of a body that `bundle.verify_bundle` accepted (RecordError otherwise)."""
    try:
        return [_record(r) for r in body["records"]]
    except (KeyError, TypeError, AttributeError) as exc:
        raise RecordError(
            f"Nội dung gói không đúng cấu trúc ({exc!r}): đề nghị cơ quan xuất lại."
        ) from None
