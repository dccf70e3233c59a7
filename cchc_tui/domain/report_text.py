"""Sentences of the Word report, as pure functions of recorded values (no document code)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from cchc_tui.domain.progress import (
    DONE,
    IN_PROGRESS,
    NOT_APPLICABLE,
    NOT_REPORTED_LABEL,
    NOT_STARTED,
    STATUS_LABELS,
)
from cchc_tui.domain.text import fold

NOT_REPORTED = "not_reported"
NO_DATA = "chưa có số liệu trên máy này"


def percent_vn(bp: int) -> str:
    """Basis points with one decimal, Vietnamese comma: 8333 → `83,3%`, 10000 → `100%`."""
    tenths = (bp + 5) // 10
    whole, rest = divmod(tenths, 10)
    return f"{whole}%" if rest == 0 else f"{whole},{rest}%"


def value_bp(numerator: int, denominator: int) -> int | None:
    """numerator/denominator in basis points (rounded half up); None when the denominator is 0."""
    if denominator <= 0:
        return None
    return (numerator * 10_000 * 2 + denominator) // (denominator * 2)


def _value(numerator: int, denominator: int, unit: str) -> int | None:
    """A ratio in basis points, or a count (numerator over 1, or summed over agencies)."""
    if unit == "percent":
        return value_bp(numerator, denominator)
    return numerator if denominator > 0 else None


def amount_vn(value: int, unit: str) -> str:
    """`83,3%` (basis points) or a count with its unit: `1.250 hồ sơ`."""
    return percent_vn(value) if unit == "percent" else f"{value:,}".replace(",", ".") + f" {unit}"


def indicator_sentence(
    numerator: int, denominator: int, target_bp: int | None, unit: str = "percent"
) -> str:
    """ "đạt 45/50 = 90% (chỉ tiêu ≥ 80%)", for a count "đạt 150 hồ sơ (chỉ tiêu ≥ 120 hồ sơ)";
    "(kế hoạch không đặt chỉ tiêu cho năm này)"; "chưa có số liệu (…)" for 0/0."""
    value = _value(numerator, denominator, unit)
    target = (
        f"chỉ tiêu ≥ {amount_vn(target_bp, unit)}"
        if target_bp is not None
        else "kế hoạch không đặt chỉ tiêu cho năm này"
    )
    if value is None:
        return f"chưa có số liệu ({target})"
    if unit != "percent":
        return f"đạt {amount_vn(value, unit)} ({target})"
    return f"đạt {numerator}/{denominator} = {percent_vn(value)} ({target})"


def met_word(numerator: int, denominator: int, target_bp: int | None, unit: str = "percent") -> str:
    """ "Đạt" (the value reaches the target, for a count as for a %), "Chưa đạt", or "—"
    when there is no target or no value."""
    value = _value(numerator, denominator, unit)
    if value is None or target_bp is None:
        return "—"
    return "Đạt" if value >= target_bp else "Chưa đạt"


def status_word(status: str) -> str:
    """The status in words; "chưa báo cáo" for a slot with no record."""
    return STATUS_LABELS.get(status, NOT_REPORTED_LABEL)


def status_counts(statuses: Iterable[str]) -> str:
    """ "12 nhiệm vụ: 5 hoàn thành, 4 đang triển khai, 3 chưa báo cáo" (zero counts left out)."""
    counts = Counter(statuses)
    total = sum(counts.values())
    parts = [
        f"{counts[s]} {status_word(s)}"
        for s in (DONE, IN_PROGRESS, NOT_STARTED, NOT_APPLICABLE, NOT_REPORTED)
        if counts.get(s)
    ]
    return f"{total} nhiệm vụ" + (": " + ", ".join(parts) if parts else "")


def evidence_text(number: str, issued: str, summary: str) -> str:
    """ "(số 12/KH-STP ngày 05/03/2025: Kế hoạch CCHC năm 2025)"; `issued` is ISO."""
    try:
        day = dt.date.fromisoformat(issued).strftime("%d/%m/%Y")
    except ValueError:
        day = issued
    tail = f": {summary}" if summary else ""
    return f"(số {number} ngày {day}{tail})"


def number_prefix(short_name: str) -> str:
    """A default number prefix from an agency's short name: "Sở Tư pháp" → "BC-STP",
    "Sở VH-TT&DL" → "BC-SVHTTDL" (acronyms kept whole, other words by their initial)."""
    letters = ""
    for word in re.split(r"[\s&\-/]+", short_name):
        if not word:
            continue
        acronym = sum(c.isupper() for c in word) >= 2
        letters += fold(word if acronym else word[0]).replace(" ", "").upper()
    letters = "".join(c for c in letters if c.isalnum())
    return f"BC-{letters or 'CQ'}"
