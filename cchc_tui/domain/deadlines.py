"""The deadline vocabulary of reform plans beyond years: a date, "Trước <ngày>", a month,
a quarter ("Quý II/2026"), a half-year ("6 tháng đầu năm 2026").

`parse_dated` recognises these forms (timelines.py handles years, ranges, "Hằng năm",
"Thường xuyên", "Theo quy định"); `due_of` gives the last day a timeline allows, with
pendulum's calendar arithmetic imported only when a due date is asked for.
"""

from __future__ import annotations

import datetime as dt
import re

from cchc_tui.domain.text import fold

DATE = "date"
BEFORE = "before"
MONTH = "month"
QUARTER = "quarter"
HALF = "half"

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ROMAN_OF = {v: k.upper() for k, v in ROMAN.items()}

_DAY = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DATE = re.compile(rf"^(?:ngay\s+)?{_DAY}$")
_BEFORE = re.compile(rf"^truoc(?:\s+ngay)?\s+{_DAY}$")
_MONTH = re.compile(r"^(?:thang\s+)?(\d{1,2})\s*(?:/|\s+nam\s+)\s*(\d{4})$")
_QUARTER = re.compile(r"^quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|\s+nam\s+)\s*(\d{4})$")
_HALF = re.compile(r"^(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})$")


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_dated(text: str) -> tuple[str, int, tuple[int, ...]] | None:
    """(kind, year, parts) for a dated form, or None. `parts`: (month, day) for a date or
    "before", (month,) for a month, (quarter,) and (half,) for those."""
    folded = fold(text).rstrip(".")
    for kind, pattern in ((DATE, _DATE), (BEFORE, _BEFORE)):
        if m := pattern.match(folded):
            day = _date(*m.groups())
            return (kind, day.year, (day.month, day.day)) if day else None
    if m := _MONTH.match(folded):
        month, year = int(m.group(1)), int(m.group(2))
        return (MONTH, year, (month,)) if 1 <= month <= 12 and year >= 1 else None
    if m := _QUARTER.match(folded):
        q = m.group(1)
        quarter, year = (int(q) if q.isdigit() else ROMAN[q]), int(m.group(2))
        return (QUARTER, year, (quarter,)) if year >= 1 else None
    if m := _HALF.match(folded):
        year = int(m.group(2))
        return (HALF, year, (1 if m.group(1) == "dau" else 2,)) if year >= 1 else None
    return None


def _end_of_month(year: int, month: int) -> dt.date:
    import pendulum

    end = pendulum.date(year, month, 1).end_of("month")
    return dt.date(end.year, end.month, end.day)


def due_for(kind: str, year: int, parts: tuple[int, ...]) -> dt.date:
    """The last day allowed by a dated form."""
    if kind in (DATE, BEFORE):
        return dt.date(year, parts[0], parts[1])
    if kind == MONTH:
        return _end_of_month(year, parts[0])
    if kind == QUARTER:
        return _end_of_month(year, 3 * parts[0])
    if kind == HALF:
        return _end_of_month(year, 6 * parts[0])
    raise ValueError(kind)


def label_for(kind: str, year: int, parts: tuple[int, ...]) -> str:
    """The form written the usual way: "Quý II/2026", "Tháng 6/2026", "Trước 30/06/2026"."""
    if kind == DATE:
        return f"{parts[1]:02d}/{parts[0]:02d}/{year}"
    if kind == BEFORE:
        return f"Trước {parts[1]:02d}/{parts[0]:02d}/{year}"
    if kind == MONTH:
        return f"Tháng {parts[0]}/{year}"
    if kind == QUARTER:
        return f"Quý {ROMAN_OF[parts[0]]}/{year}"
    return f"6 tháng {'đầu' if parts[0] == 1 else 'cuối'} năm {year}"
