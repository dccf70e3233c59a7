"""Progress reports: statuses, the entry an officer types, and its validation."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from cchc_tui.domain.safe_text import control_characters, describe_character
from cchc_tui.domain.text import nfc

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
NOT_APPLICABLE = "not_applicable"
STATUS_LABELS = {
    NOT_STARTED: "chưa triển khai",
    IN_PROGRESS: "đang triển khai",
    DONE: "hoàn thành",
    NOT_APPLICABLE: "không phát sinh",
}
STATUSES = tuple(STATUS_LABELS)
NOT_REPORTED_LABEL = "chưa báo cáo"
MAX_TEXT = 20_000
TEXT_LABELS = {"result": "Kết quả", "difficulties": "Khó khăn", "proposals": "Đề xuất"}

_DOC_NUMBER = re.compile(r"^\d+(/\d{4})?[/-][0-9A-ZĐ][0-9A-ZĐ&.\-/]*$")
_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


class EntryError(ValueError):
    """Invalid input; `errors` maps each field to its Vietnamese reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


@dataclass(frozen=True)
class Evidence:
    """A document that proves the work: number, date issued, what it is."""

    number: str
    issued_on: dt.date
    summary: str = ""


@dataclass(frozen=True)
class IndicatorValue:
    """A plan indicator's reported value as integers: numerator/denominator for a %
    indicator; for a count ("150 hồ sơ") the count as numerator over a denominator of 1,
    the bundle's one shape for every indicator value."""

    indicator_id: str
    numerator: int
    denominator: int


@dataclass(frozen=True)
class ProgressEntry:
    """What an officer records for one task in one period."""

    status: str
    progress: int
    result: str = ""
    difficulties: str = ""
    proposals: str = ""
    evidence: tuple[Evidence, ...] = ()
    indicators: tuple[IndicatorValue, ...] = ()

    def evidence_json(self) -> list[dict]:
        """Evidence as JSON objects (`number`, ISO `date`, `summary`)."""
        return [
            {"number": d.number, "date": d.issued_on.isoformat(), "summary": d.summary}
            for d in self.evidence
        ]

    def indicators_json(self) -> list[dict]:
        """Indicator values as JSON objects (`id`, `numerator`, `denominator`)."""
        return [
            {"id": v.indicator_id, "numerator": v.numerator, "denominator": v.denominator}
            for v in self.indicators
        ]


@dataclass(frozen=True)
class Revision:
    """One saved state of a slot; the slot's current state is its latest revision."""

    number: int
    created_at: str
    author: str
    entry: ProgressEntry
    restored_from: int | None = None
    warnings: tuple[str, ...] = ()
    """What the officer should check in what was just saved (not stored)."""


@dataclass
class RawEntry:
    """Untrusted text as typed in a form or on the command line."""

    status: str = ""
    progress: str = ""
    result: str = ""
    difficulties: str = ""
    proposals: str = ""
    evidence: list[tuple[str, str, str]] = field(default_factory=list)
    indicators: dict[str, tuple[str, str]] = field(default_factory=dict)


def status_from_text(text: str) -> str | None:
    """Accept a status id or its Vietnamese label, with or without diacritics."""
    from cchc_tui.domain.text import fold

    wanted = fold(text).replace("_", " ")
    for status, label in STATUS_LABELS.items():
        if wanted in (status.replace("_", " "), fold(label)):
            return status
    return None


def parse_day_vn(text: str) -> dt.date:
    """Parse dd/mm/yyyy; ValueError with a Vietnamese reason otherwise."""
    m = _DAY.match(text.strip())
    if not m:
        raise ValueError(f"Ngày '{text}' không đúng dạng ngày/tháng/năm, ví dụ 05/03/2025.")
    day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(
            f"Ngày {text.strip()} không tồn tại: kiểm tra lại ngày và tháng."
        ) from None


def format_day(day: dt.date) -> str:
    """dd/mm/yyyy, as on every screen."""
    return day.strftime("%d/%m/%Y")


def format_percent(bp: int | None) -> str:
    """Basis points as a Vietnamese percentage: 8050 → `80,5%`, 9000 → `90%`; None → `—`."""
    if bp is None:
        return "—"
    whole, rest = divmod(bp, 100)
    if rest == 0:
        return f"{whole}%"
    return f"{whole},{rest:02d}".rstrip("0") + "%"


def format_moment(iso: str) -> str:
    """`2025-03-10T09:05:00+07:00` -> `09:05 10/03/2025` (as stored, the officer's local time)."""
    if len(iso) < 16:
        return iso
    return f"{iso[11:16]} {iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def normalise_doc_number(text: str) -> str:
    """NFC, trimmed, upper case ("56/kh-ubnd" → "56/KH-UBND")."""
    return nfc(text).strip().replace(" ", "").upper()


def _parse_int(text: str, name: str, errors: dict[str, str], low: int, high: int | None) -> int:
    text = text.strip().rstrip("%").strip()
    if not text.lstrip("-").isdigit():
        errors[name] = f"Giá trị '{text}' không phải số nguyên."
        return 0
    value = int(text)
    if value < low or (high is not None and value > high):
        span = f"từ {low} đến {high}" if high is not None else f"từ {low} trở lên"
        errors[name] = f"Giá trị {value} không hợp lệ: nhập số {span}."
    return value


def control_error(label: str, text: str) -> str | None:
    """Why `text` cannot be saved as typed: the invisible control characters it holds
    (pasted from Word, say), each named, with the way out; None when it has none."""
    found = control_characters(text)
    if not found:
        return None
    names = ", ".join(describe_character(c) for c in found)
    return (
        f"{label} có ký tự điều khiển không nhìn thấy được: {names}. "
        "Xóa ký tự này (thường có khi dán từ Word) rồi lưu lại."
    )


def _check_status_progress(status: str, progress: int, errors: dict[str, str]) -> None:
    if status == DONE and progress != 100:
        errors["progress"] = f"Trạng thái 'hoàn thành' cần tiến độ 100%, không phải {progress}%."
    elif status == NOT_STARTED and progress != 0:
        errors["progress"] = "Trạng thái 'chưa triển khai' cần tiến độ 0%."
    elif status == IN_PROGRESS and progress == 100:
        errors["progress"] = "Tiến độ 100%: chọn trạng thái 'hoàn thành'."
    elif status == NOT_APPLICABLE and progress != 0:
        errors["progress"] = "Trạng thái 'không phát sinh' không có tiến độ: để 0%."


def format_amount(value: int | None, unit: str) -> str:
    """An indicator's value in its unit: `80,5%` (basis points, unit `percent`), or a count
    with its unit, thousands grouped Vietnamese-style: `1.250 hồ sơ`; None → `—`."""
    if unit == "percent":
        return format_percent(value)
    if value is None:
        return "—"
    return f"{value:,}".replace(",", ".") + f" {unit}"


def _indicator_value(
    ind_id: str, texts: tuple[str, str], count: bool, errors: dict[str, str]
) -> IndicatorValue:
    """One indicator's typed value: numerator/denominator, or a count (denominator 1)."""
    num_text, den_text = texts
    num_key, den_key = f"indicator.{ind_id}.numerator", f"indicator.{ind_id}.denominator"
    if count:
        if not num_text.strip():
            errors[num_key] = f"Chỉ tiêu {ind_id}: chưa nhập số liệu."
            return IndicatorValue(ind_id, 0, 1)
        if den_text.strip() not in ("", "1"):
            errors[den_key] = f"Chỉ tiêu {ind_id} là một số đếm: không có mẫu số."
        return IndicatorValue(ind_id, _parse_int(num_text, num_key, errors, 0, None), 1)
    num = den = 0
    if num_text.strip():
        num = _parse_int(num_text, num_key, errors, 0, None)
    else:
        errors[num_key] = f"Chỉ tiêu {ind_id}: chưa nhập tử số."
    if den_text.strip():
        den = _parse_int(den_text, den_key, errors, 1, None)
    else:
        errors[den_key] = f"Chỉ tiêu {ind_id}: chưa nhập mẫu số."
    if num > den and den_key not in errors and num_key not in errors:
        errors[num_key] = f"Tử số ({num}) lớn hơn mẫu số ({den})."
    return IndicatorValue(ind_id, num, den)


def validate_entry(
    raw: RawEntry, indicator_ids: tuple[str, ...] = (), *, counts: frozenset[str] = frozenset()
) -> ProgressEntry:
    """Check every field; raise EntryError listing each problem, else the clean entry.

    `counts`: the ids among `indicator_ids` whose value is a count, not a ratio."""
    errors: dict[str, str] = {}
    status = status_from_text(raw.status) if raw.status.strip() else None
    if status is None:
        errors["status"] = (
            f"Trạng thái '{raw.status}' không hợp lệ: chọn một trong "
            + ", ".join(f"{k} ({v})" for k, v in STATUS_LABELS.items())
            + "."
        )
    progress_text = raw.progress.strip() or ("100" if status == DONE else "0")
    progress = _parse_int(progress_text, "progress", errors, 0, 100)
    if status and "progress" not in errors:
        _check_status_progress(status, progress, errors)
    texts = {}
    for name in ("result", "difficulties", "proposals"):
        value = nfc(getattr(raw, name)).strip()
        if len(value) > MAX_TEXT:
            errors[name] = f"Nội dung quá dài ({len(value)} ký tự): tối đa {MAX_TEXT} ký tự."
        elif reason := control_error(TEXT_LABELS[name], value):
            errors[name] = reason
        texts[name] = value
    evidence = []
    for pos, (number, day, summary) in enumerate(raw.evidence, start=1):
        if not (number.strip() or day.strip() or summary.strip()):
            continue
        doc = normalise_doc_number(number)
        number_error = control_error(f"Văn bản {pos}: số hiệu", number.strip())
        if number_error is None and not _DOC_NUMBER.match(doc):
            number_error = (
                f"Văn bản {pos}: số hiệu '{number.strip()}' không đúng dạng, ví dụ 56/KH-UBND."
            )
        if number_error:
            errors[f"evidence.{pos}.number"] = number_error
        if reason := control_error(f"Văn bản {pos}: trích yếu", summary.strip()):
            errors[f"evidence.{pos}.summary"] = reason
        try:
            issued = parse_day_vn(day)
        except ValueError as exc:
            errors[f"evidence.{pos}.date"] = f"Văn bản {pos}: {exc}"
            issued = dt.date.min
        evidence.append(Evidence(doc, issued, nfc(summary).strip()))
    values = []
    for ind_id, (num_text, den_text) in raw.indicators.items():
        if not (num_text.strip() or den_text.strip()):
            continue
        if ind_id not in indicator_ids:
            errors[f"indicator.{ind_id}"] = f"Chỉ tiêu '{ind_id}' không thuộc nhiệm vụ này."
            continue
        values.append(_indicator_value(ind_id, (num_text, den_text), ind_id in counts, errors))
    if errors:
        raise EntryError(errors)
    return ProgressEntry(
        status=status or NOT_STARTED,
        progress=progress,
        evidence=tuple(evidence),
        indicators=tuple(values),
        **texts,
    )


def entry_warnings(entry: ProgressEntry, *, today: dt.date, cutoff: dt.date) -> list[str]:
    """What an officer should confirm before saving: a report that says nothing, or a
    document dated in the future or after the period's cut-off (`cutoff`, its last day)."""
    out = []
    if entry.status in (IN_PROGRESS, DONE) and not entry.result:
        label = STATUS_LABELS[entry.status]
        out.append(f"Trạng thái '{label}' nhưng chưa ghi kết quả: nên ghi việc đã làm được.")
    for pos, doc in enumerate(entry.evidence, start=1):
        if doc.issued_on > today:
            out.append(
                f"Văn bản {pos} ({doc.number}) ghi ngày {format_day(doc.issued_on)}, "
                f"sau hôm nay ({format_day(today)}): kiểm tra lại ngày ban hành."
            )
        elif doc.issued_on > cutoff:
            out.append(
                f"Văn bản {pos} ({doc.number}) ghi ngày {format_day(doc.issued_on)}, "
                f"sau ngày chốt số liệu của kỳ ({format_day(cutoff)}): thuộc kỳ sau?"
            )
    return out


def describe_changes(before: ProgressEntry | None, after: ProgressEntry) -> list[str]:
    """What changed between two states, in Vietnamese, for the history view."""
    if before is None:
        before = replace(ProgressEntry(NOT_STARTED, 0), status="")
    out = []
    if before.status != after.status:
        old = STATUS_LABELS.get(before.status, NOT_REPORTED_LABEL)
        out.append(f"trạng thái: {old} → {STATUS_LABELS[after.status]}")
    if before.progress != after.progress:
        out.append(f"tiến độ: {before.progress}% → {after.progress}%")
    for name, label in (
        ("result", "kết quả"),
        ("difficulties", "khó khăn"),
        ("proposals", "đề xuất"),
    ):
        if getattr(before, name) != getattr(after, name):
            out.append(f"{label} đã sửa")
    if before.evidence != after.evidence:
        out.append(f"văn bản: {len(before.evidence)} → {len(after.evidence)}")
    if before.indicators != after.indicators:
        out.append("số liệu chỉ tiêu đã sửa")
    return out or ["không thay đổi nội dung"]
