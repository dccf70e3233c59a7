"""The office's receipt: which bundle of an agency it holds for a period, the day it
received it and whether it counted as on time (docs/office-envelopes.md, "Receipt")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from nacl.signing import SigningKey

from cchc_tui.domain.bundle.envelope import PAYLOAD_RECEIPT
from cchc_tui.domain.bundle.letters import Letter, bad_body, open_letter, seal_letter

RECEIPT_KIND = "receipt"
ON_TIME, LATE = "on_time", "late"
_FIELDS = {"agency_id", "period", "seq", "body_sha256", "received_on", "deadline"} | {
    "verdict",
    "days_late",
}
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Receipt:
    """What a receipt states about one agency's period."""

    agency_id: str
    period: str
    seq: int
    body_sha256: str
    received_on: dt.date
    deadline: dt.date
    verdict: str
    days_late: int
    issued_at: str

    def to_fields(self) -> dict:
        """The receipt's own body fields (without the letter's common ones)."""
        return {
            "agency_id": self.agency_id,
            "period": self.period,
            "seq": self.seq,
            "body_sha256": self.body_sha256,
            "received_on": self.received_on.isoformat(),
            "deadline": self.deadline.isoformat(),
            "verdict": self.verdict,
            "days_late": self.days_late,
        }


def make_receipt(receipt: Receipt, signing_key: SigningKey) -> bytes:
    """The signed receipt file bytes."""
    return seal_letter(
        PAYLOAD_RECEIPT, RECEIPT_KIND, receipt.to_fields(), signing_key, issued_at=receipt.issued_at
    )


def _day(value: object, field: str) -> dt.date:
    try:
        if isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise bad_body(field)


def read_receipt(raw: bytes, office_keys: dict[str, bytes]) -> tuple[Receipt, Letter]:
    """Verify a receipt against the pinned office keys and check its fields."""
    letter = open_letter(
        raw,
        payload_type=PAYLOAD_RECEIPT,
        kind=RECEIPT_KIND,
        fields=_FIELDS,
        office_keys=office_keys,
    )
    b = letter.body
    if not (isinstance(b["agency_id"], str) and b["agency_id"] and isinstance(b["period"], str)):
        raise bad_body("cơ quan, kỳ")
    if type(b["seq"]) is not int or b["seq"] < 1:
        raise bad_body("seq")
    if not isinstance(b["body_sha256"], str) or not _HEX64.fullmatch(b["body_sha256"]):
        raise bad_body("body_sha256")
    if b["verdict"] not in (ON_TIME, LATE) or type(b["days_late"]) is not int:
        raise bad_body("verdict")
    if (b["verdict"] == LATE) != (b["days_late"] > 0) or b["days_late"] < 0:
        raise bad_body("days_late")
    receipt = Receipt(
        b["agency_id"],
        b["period"],
        b["seq"],
        b["body_sha256"],
        _day(b["received_on"], "received_on"),
        _day(b["deadline"], "deadline"),
        b["verdict"],
        b["days_late"],
        letter.issued_at,
    )
    return receipt, letter
