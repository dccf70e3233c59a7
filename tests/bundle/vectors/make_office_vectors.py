"""Fixed test vectors of the office's documents (docs/office-envelopes.md): its key
document, a rotation statement, a receipt, and the office's public key.

Run once (`python tests/bundle/vectors/make_office_vectors.py`) and commit the output;
tests rebuild the same bytes (Ed25519 is deterministic), so drift shows as a failure.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path

from nacl.signing import SigningKey

from cchc_tui.domain.agencies import Agency, Succession
from cchc_tui.domain.bundle.enrolment import make_rotation
from cchc_tui.domain.bundle.envelope import PAYLOAD_OFFICE_ROTATION
from cchc_tui.domain.bundle.letters import make_office_key
from cchc_tui.domain.bundle.plan_letter import make_plan_letter
from cchc_tui.domain.bundle.receipt import Receipt, make_receipt
from cchc_tui.domain.bundle.registry import make_registry_update

HERE = Path(__file__).resolve().parent
OFFICE_SEED = hashlib.sha256(b"cchc-tui office test vector v1").digest()
NEXT_SEED = hashlib.sha256(b"cchc-tui office test vector v1: next key").digest()
BUNDLE_SHA256 = hashlib.sha256(b"cchc-tui office test vector v1: a bundle body").hexdigest()


def office_key() -> SigningKey:
    """The vectors' office key."""
    return SigningKey(OFFICE_SEED)


def build() -> dict[str, bytes]:
    """File name → bytes of every vector."""
    key, nxt = office_key(), SigningKey(NEXT_SEED)
    receipt = Receipt(
        agency_id="so-tu-phap",
        period="2025-Q1",
        seq=3,
        body_sha256=BUNDLE_SHA256,
        received_on=dt.date(2025, 3, 17),
        deadline=dt.date(2025, 3, 15),
        verdict="late",
        days_late=2,
        issued_at="2025-03-18T08:30:00+07:00",
    )
    district = Agency(
        "huyen-son-duong",
        "Ủy ban nhân dân huyện Sơn Dương",
        "UBND huyện Sơn Dương",
        "district",
        valid_to=dt.date(2025, 6, 30),
        successors=(Succession("@communes", dt.date(2025, 7, 1)),),
    )
    commune = Agency(
        "xa-tan-trao",
        "Ủy ban nhân dân xã Tân Trào",
        "UBND xã Tân Trào",
        "commune",
        valid_from=dt.date(2025, 7, 1),
        former_province="Tuyên Quang",
    )
    plan = {
        "plan": {"id": "1-2026", "number": "1/KH-UBND", "title": "Kế hoạch thử"},
        "tasks": [{"code": "I.1", "lead": {"refs": ["xa-tan-trao"]}, "partners": {"refs": []}}],
    }
    issued = "2025-07-02T08:00:00+07:00"
    return {
        "registry-v1.json": make_registry_update([district, commune], key, issued_at=issued),
        "plan-v1.json": make_plan_letter(plan, [commune], key, issued_at=issued),
        "office-v1.pub": base64.b64encode(bytes(key.verify_key)) + b"\n",
        "office-key-v1.json": make_office_key(
            key,
            office_id="so-noi-vu",
            office_name="Sở Nội vụ tỉnh Tuyên Quang",
            officer="Nguyễn Thị Lan",
            created_at="2025-01-06T08:00:00+07:00",
        ),
        "office-rotation-v1.json": make_rotation(
            key,
            nxt,
            agency_id="so-noi-vu",
            created_at="2025-06-02T08:00:00+07:00",
            reason="Đổi khóa định kỳ",
            payload_type=PAYLOAD_OFFICE_ROTATION,
        ),
        "receipt-v1.json": make_receipt(receipt, key),
    }


if __name__ == "__main__":
    for name, data in build().items():
        (HERE / name).write_bytes(data)
        print(HERE / name)
