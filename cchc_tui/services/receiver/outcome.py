"""The verdict on one imported file, as the CLI, the Import screen and `--json` show it."""

from __future__ import annotations

from dataclasses import dataclass

VERDICTS = ("accepted", "duplicate", "gap", "fork", "replay", "rejected")
VERDICT_LABELS = {
    "accepted": "nhận",
    "duplicate": "đã có",
    "gap": "nhận, thiếu gói trước",
    "fork": "rẽ nhánh, chờ xử lý",
    "replay": "gói cũ gửi lại, không nhận",
    "rejected": "không nhận",
}


@dataclass(frozen=True)
class ImportOutcome:
    """The verdict on one file."""

    file: str
    agency_id: str | None
    period: str | None
    seq: int | None
    verdict: str
    reason: str

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
