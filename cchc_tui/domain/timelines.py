"""Timelines as the plan writes them ("2020", "Hằng năm", …) and their normalised kind."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cchc_tui.domain import deadlines as dl
from cchc_tui.domain.text import fold, squash

YEAR = "year"
RANGE = "range"
ANNUAL = "annual"
ONGOING = "ongoing"
REGULATION = "regulation"
UNKNOWN = "unknown"
DATED = (dl.DATE, dl.BEFORE, dl.MONTH, dl.QUARTER, dl.HALF)
"""Kinds that name one day, month, quarter or half of a year (domain/deadlines.py)."""

KIND_LABELS = {
    YEAR: "Năm",
    RANGE: "Giai đoạn",
    ANNUAL: "Hằng năm",
    ONGOING: "Thường xuyên",
    REGULATION: "Theo quy định",
    UNKNOWN: "Khác",
    dl.DATE: "Ngày",
    dl.BEFORE: "Trước ngày",
    dl.MONTH: "Tháng",
    dl.QUARTER: "Quý",
    dl.HALF: "6 tháng",
}

_YEAR = re.compile(r"^(?:nam\s+)?(\d{4})$")
_RANGE = re.compile(r"^(?:giai doan\s+)?(\d{4})\s*[-–]\s*(\d{4})$")


@dataclass(frozen=True)
class Timeline:
    """A start or completion timeline: the raw text kept, its kind and years if any."""

    raw: str
    kind: str
    first_year: int | None = None
    last_year: int | None = None
    parts: tuple[int, ...] = ()
    """Month/day, quarter or half of a dated kind (domain/deadlines.py)."""

    @property
    def due(self) -> dt.date | None:
        """The last day this timeline allows: a date, the end of a month, quarter, half or
        year, or of a range's last year; None for "Hằng năm", "Thường xuyên", "Theo quy định"."""
        if self.kind in DATED and self.last_year is not None:
            return dl.due_for(self.kind, self.last_year, self.parts)
        if self.kind in (YEAR, RANGE) and self.last_year is not None:
            return dt.date(self.last_year, 12, 31)
        return None

    def to_dict(self) -> dict:
        """JSON form used by the CLI: `{raw, kind}` plus years when known."""
        out: dict = {"raw": self.raw, "kind": self.kind}
        if self.first_year is not None:
            out["first_year"] = self.first_year
            out["last_year"] = self.last_year
        return out

    @property
    def label(self) -> str:
        """Short Vietnamese label for tables."""
        if self.kind in (YEAR, RANGE):
            return (
                str(self.first_year) if self.kind == YEAR else f"{self.first_year}-{self.last_year}"
            )
        if self.kind in DATED and self.last_year is not None:
            return dl.label_for(self.kind, self.last_year, self.parts)
        return KIND_LABELS[self.kind]


def parse_timeline(raw: str) -> Timeline:
    """Normalise a timeline cell; anything unrecognised keeps its text with kind `unknown`."""
    text = squash(raw)
    folded = fold(text)
    if m := _YEAR.match(folded):
        year = int(m.group(1))
        return Timeline(text, YEAR, year, year) if year >= 1 else Timeline(text, UNKNOWN)
    if m := _RANGE.match(folded):
        first, last = int(m.group(1)), int(m.group(2))
        if 1 <= first <= last:
            return Timeline(text, RANGE, first, last)
    if dated := dl.parse_dated(text):
        kind, year, parts = dated
        return Timeline(text, kind, year, year, parts)
    if folded.startswith(("hang nam", "hangnam")):
        return Timeline(text, ANNUAL)
    if folded.startswith("thuong xuyen"):
        return Timeline(text, ONGOING)
    if folded.startswith(("theo quy dinh", "theo huong dan")):
        return Timeline(text, REGULATION)
    return Timeline(text, UNKNOWN)
