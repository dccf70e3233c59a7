"""Timelines as the plan writes them ("2020", "Hằng năm", …) and their normalised kind."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_tui.domain.text import fold, squash

YEAR = "year"
RANGE = "range"
ANNUAL = "annual"
ONGOING = "ongoing"
REGULATION = "regulation"
UNKNOWN = "unknown"

KIND_LABELS = {
    YEAR: "Năm",
    RANGE: "Giai đoạn",
    ANNUAL: "Hằng năm",
    ONGOING: "Thường xuyên",
    REGULATION: "Theo quy định",
    UNKNOWN: "Khác",
}

_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


@dataclass(frozen=True)
class Timeline:
    """A start or completion timeline: the raw text kept, its kind and years if any."""

    raw: str
    kind: str
    first_year: int | None = None
    last_year: int | None = None

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
            return self.raw if self.kind == YEAR else f"{self.first_year}-{self.last_year}"
        return KIND_LABELS[self.kind]


def parse_timeline(raw: str) -> Timeline:
    """Normalise a timeline cell; anything unrecognised keeps its text with kind `unknown`."""
    text = squash(raw)
    if m := _YEAR.match(text):
        year = int(m.group(1))
        return Timeline(text, YEAR, year, year)
    if m := _RANGE.match(text):
        first, last = int(m.group(1)), int(m.group(2))
        if first <= last:
            return Timeline(text, RANGE, first, last)
    folded = fold(text)
    if folded.startswith(("hang nam", "hangnam")):
        return Timeline(text, ANNUAL)
    if folded.startswith("thuong xuyen"):
        return Timeline(text, ONGOING)
    if folded.startswith(("theo quy dinh", "theo huong dan")):
        return Timeline(text, REGULATION)
    return Timeline(text, UNKNOWN)
