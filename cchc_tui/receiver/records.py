"""A verified bundle body read as typed records; malformed content is refused in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NOT_REPORTED = "not_reported"
STATUSES = ("not_started", "in_progress", "done", "not_applicable", NOT_REPORTED)
ROLES = ("lead", "partner", "related")


class RecordError(ValueError):
    """A signed body whose records do not have the shape a bundle must have."""


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


def _need(cond: bool, what: str) -> None:
    if not cond:
        raise RecordError(f"Nội dung gói không đúng cấu trúc ({what}): đề nghị cơ quan xuất lại.")


def _text(raw: dict, key: str, where: str) -> str:
    value = raw.get(key, "")
    _need(isinstance(value, str), f"{where}: '{key}' phải là chuỗi")
    return value


def _int(raw: dict, key: str, where: str, low: int = 0) -> int:
    value = raw.get(key)
    _need(
        isinstance(value, int) and not isinstance(value, bool) and value >= low,
        f"{where}: '{key}' phải là số nguyên ≥ {low}",
    )
    return value


def _record(raw: object) -> TaskRecord:
    _need(isinstance(raw, dict), "mỗi bản ghi phải là một đối tượng")
    task = _text(raw, "task", "bản ghi")
    where = f"nhiệm vụ {task}"
    roles = raw.get("roles", [])
    _need(isinstance(roles, list) and all(r in ROLES for r in roles), f"{where}: vai trò")
    status = raw.get("status")
    _need(status in STATUSES, f"{where}: trạng thái '{status}'")
    progress = _int(raw, "progress_bp", where)
    _need(progress <= 10_000, f"{where}: tiến độ vượt 100%")
    evidence = raw.get("evidence", [])
    _need(isinstance(evidence, list), f"{where}: văn bản kết quả")
    docs = []
    for doc in evidence:
        _need(isinstance(doc, dict), f"{where}: văn bản kết quả")
        docs.append(
            EvidenceDoc(
                _text(doc, "number", where), _text(doc, "date", where), _text(doc, "summary", where)
            )
        )
    values = raw.get("indicators", [])
    _need(isinstance(values, list), f"{where}: chỉ tiêu")
    reports = []
    for value in values:
        _need(isinstance(value, dict), f"{where}: chỉ tiêu")
        report = IndicatorReport(
            _text(value, "id", where),
            _int(value, "numerator", where),
            _int(value, "denominator", where, 1),
        )
        _need(report.numerator <= report.denominator, f"{where}: tử số lớn hơn mẫu số")
        reports.append(report)
    revision = raw.get("revision", {})
    _need(isinstance(revision, dict), f"{where}: lần lưu")
    return TaskRecord(
        task=task,
        roles=tuple(roles),
        status=status,
        progress_bp=progress,
        result=_text(raw, "result", where),
        difficulties=_text(raw, "difficulties", where),
        proposals=_text(raw, "proposals", where),
        evidence=tuple(docs),
        indicators=tuple(reports),
        revision_number=_int(revision, "number", where),
        revision_at=_text(revision, "at", where),
        revision_by=_text(revision, "by", where),
    )


def records_of(body: dict) -> list[TaskRecord]:
    """The body's records; RecordError (Vietnamese) when their shape is wrong."""
    raw = body.get("records")
    _need(isinstance(raw, list), "thiếu danh sách bản ghi")
    records = [_record(r) for r in raw]
    tasks = [r.task for r in records]
    _need(len(tasks) == len(set(tasks)), "một nhiệm vụ xuất hiện hai lần")
    return records


def parse_moment(text: str) -> dt.datetime | None:
    """An ISO 8601 time with offset, or None when empty or unreadable."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None
