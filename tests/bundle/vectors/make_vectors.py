"""Fixed test vectors of the bundle format: one bundle and its public key.

Run once (`python tests/bundle/vectors/make_vectors.py`) and commit the output; the
tests rebuild the same bytes from the same seed and inputs (Ed25519 is deterministic),
so any drift of the format shows as a failing test. Also the source of the sample
records the other bundle tests use.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from nacl.signing import SigningKey

from cchc_tui.domain.bundle.body import build_body, sign_bundle
from cchc_tui.domain.bundle.keys import key_id

HERE = Path(__file__).resolve().parent
SEED = hashlib.sha256(b"cchc-tui bundle test vector v1").digest()
OTHER_SEED = hashlib.sha256(b"cchc-tui bundle test vector v1: another agency").digest()
AGENCY_ID = "so-noi-vu"
CREATED_AT = "2025-03-12T09:15:00+07:00"

_NARRATIVE = (
    "Sở đã ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2025, tổ chức hội nghị "
    "tập huấn nghiệp vụ cho đội ngũ cán bộ, công chức làm công tác cải cách hành chính "
    "tại các sở, ban, ngành và Ủy ban nhân dân cấp huyện; đồng thời đăng tải tin, bài "
    "trên Cổng Thông tin điện tử tỉnh và chuyên mục “Cải cách hành chính” của Sở."
)


def sample_records(count: int = 4, evidence: int = 2) -> list[dict]:
    """Realistic records: long Vietnamese texts (NFC), evidence documents, indicators."""
    tasks = ["I.1", "I.3", "II.2", "III.4", "IV.1", "V.2", "VI.6"]
    records = []
    for n in range(count):
        task = tasks[n % len(tasks)] if n < len(tasks) else f"VI.{n}"
        records.append(
            {
                "task": task,
                "roles": ["lead"] if n % 2 == 0 else ["partner", "related"],
                "status": ("in_progress", "done", "not_started")[n % 3],
                "progress_bp": (4250, 10000, 0)[n % 3],
                "result": _NARRATIVE,
                "difficulties": "Kinh phí còn hạn chế; cán bộ làm công tác cải cách hành chính "
                "chủ yếu kiêm nhiệm, thay đổi vị trí công tác thường xuyên.",
                "proposals": "Đề nghị Ủy ban nhân dân tỉnh bố trí kinh phí tập huấn năm 2025.",
                "evidence": [
                    {
                        "number": f"{12 + k}/KH-SNV",
                        "date": f"2025-0{1 + k % 3}-{10 + k:02d}",
                        "summary": "Kế hoạch tuyên truyền cải cách hành chính năm 2025 "
                        "của Sở Nội vụ tỉnh, kèm danh sách đơn vị phối hợp.",
                    }
                    for k in range(evidence)
                ],
                "indicators": [{"id": f"CT-{n + 1}", "numerator": 17, "denominator": 20}],
                "revision": {
                    "number": 3,
                    "at": "2025-03-11T16:42:05+07:00",
                    "by": "Trần Thị Ngọc Ánh",
                },
            }
        )
    return records


def body_inputs(public_key: bytes, **overrides) -> dict:
    """Keyword arguments of `build_body` for the vector (and for tests, with overrides)."""
    inputs = {
        "plan_id": "56/KH-UBND",
        "plan_version": hashlib.sha256(b"plan 56/KH-UBND").hexdigest(),
        "agency_id": AGENCY_ID,
        "period": "2025-Q1",
        "seq": 1,
        "prev_sha256": "0" * 64,
        "key_id": key_id(public_key),
        "created_at": CREATED_AT,
        "app_version": "0.1.0",
        "signer": {"officer": "Trần Thị Ngọc Ánh", "title": "Chuyên viên Phòng CCHC"},
        "records": sample_records(),
    }
    inputs.update(overrides)
    return inputs


def build() -> tuple[bytes, bytes]:
    """The vector: (bundle file bytes, raw public key), from SEED and the fixed inputs."""
    signing_key = SigningKey(SEED)
    public = bytes(signing_key.verify_key)
    return sign_bundle(build_body(**body_inputs(public)), signing_key), public


def main() -> None:
    """Write bundle-v1.json and bundle-v1.pub next to this script."""
    bundle, public = build()
    (HERE / "bundle-v1.json").write_bytes(bundle)
    (HERE / "bundle-v1.pub").write_bytes(base64.b64encode(public) + b"\n")


if __name__ == "__main__":
    main()
