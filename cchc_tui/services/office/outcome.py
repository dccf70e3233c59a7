"""The verdict on one imported file, as the CLI, the Import screen and `--json` show it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

VERDICT_LABELS = {
    "accepted": "nhận",
    "duplicate": "đã có",
    "gap": "nhận, thiếu gói trước",
    "fork": "rẽ nhánh, chờ xử lý",
    "replay": "gói cũ gửi lại, không nhận",
    "rejected": "không nhận",
}
STORED = frozenset({"accepted", "gap", "fork"})
"""Verdicts of a file the office now holds (the consolidated views change)."""
REFUSED = frozenset({"replay", "rejected"})
"""Verdicts of a file that was not taken (`cchc import` exits with 1)."""
HEADERS = ("Tệp", "Cơ quan", "Kỳ", "Số", "Kết quả", "Lý do")
"""Column headers of `ImportOutcome.cells`."""


@dataclass(frozen=True)
class ImportOutcome:
    """The verdict on one file."""

    file: str
    agency_id: str | None
    period: str | None
    seq: int | None
    verdict: str
    reason: str

    def cells(self) -> tuple[str, str, str, str, str, str]:
        """One table row under `HEADERS`; '?' where the file did not say."""
        return (
            Path(self.file).name,
            self.agency_id or "?",
            self.period or "?",
            str(self.seq) if self.seq is not None else "?",
            VERDICT_LABELS[self.verdict],
            self.reason,
        )

    def to_dict(self) -> dict:
        """JSON form of `cchc import --json`."""
        return {
            "file": self.file,
            "agency_id": self.agency_id,
            "period": self.period,
            "seq": self.seq,
            "verdict": self.verdict,
            "reason": self.reason,
        }


def summary(outcomes: Iterable[ImportOutcome]) -> str:
    """`3 tệp — nhận: 2, không nhận: 1` (verdicts in the order first met)."""
    counts = Counter(o.verdict for o in outcomes)
    text = ", ".join(f"{VERDICT_LABELS[v]}: {n}" for v, n in counts.items())
    return f"{counts.total()} tệp — {text or 'không có tệp nào'}"
