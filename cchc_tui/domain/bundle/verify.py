"""Verifying a received bundle in the contract's order, and the chain rule that places it.

Steps 1-3 of the contract (`verify_bundle`): cap and strict parse, signature by the
registered key, strict canonical body tied to that key and its agency. Step 4
(`chain_verdict`) is a pure decision over what the receiver already holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cchc_tui.domain.bundle.body import ZERO_SHA256, validate_body
from cchc_tui.domain.bundle.canonical import CanonicalError, canonical_bytes, sha256_hex
from cchc_tui.domain.bundle.envelope import PAYLOAD_BUNDLE, check_signature, open_envelope
from cchc_tui.domain.bundle.errors import BodyError, BundleError
from cchc_tui.domain.bundle.keys import fingerprint, fingerprint_of_id, key_id
from cchc_tui.domain.bundle.strictjson import MAX_BYTES, loads_strict

ACCEPTED = "accepted"
DUPLICATE = "duplicate"
FORK = "fork"
GAP = "gap"
REPLAY = "replay"


@dataclass(frozen=True)
class RegisteredKey:
    """A public key the receiver holds, and the agency it was enrolled for."""

    agency_id: str
    public_key: bytes
    key_id: str


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle that passed steps 1-3; its identity is `body_sha256`."""

    agency_id: str
    period: str
    seq: int
    prev_sha256: str
    body_sha256: str
    key_id: str
    fingerprint: str
    body: dict[str, Any]
    body_bytes: bytes


def verify_bundle(
    raw: bytes,
    lookup_key: Callable[[str], RegisteredKey | None],
    *,
    max_bytes: int = MAX_BYTES,
) -> VerifiedBundle:
    """Check a bundle file strictly, in the contract's order; BundleError names the reason."""
    # 1. Size cap, strict parse, exact envelope shape, canonical base64.
    envelope = open_envelope(raw, expected_type=PAYLOAD_BUNDLE, max_bytes=max_bytes)
    signature = envelope.signatures[0]
    # 2. The registered key named by keyid; Ed25519 over PAE (PyNaCl).
    key = lookup_key(signature.keyid)
    if key is None or key.key_id != signature.keyid or key_id(key.public_key) != key.key_id:
        raise BundleError(
            "unknown_key",
            f"Gói được ký bằng khóa {fingerprint_of_id(signature.keyid)} chưa đăng ký với Sở. "
            "Đề nghị cơ quan gửi tệp đăng ký khóa (cchc keys enrol) qua đường công văn, "
            "rồi gửi lại gói.",
        )
    check_signature(envelope, signature, key.public_key)
    # 3. Strict body, JCS(body) == body bytes, key_id == keyid, registered agency == agency_id.
    body = loads_strict(envelope.body, max_bytes=max_bytes)
    try:
        canonical = canonical_bytes(body)
    except CanonicalError:
        raise BundleError("not_canonical") from None
    if canonical != envelope.body:
        raise BundleError("not_canonical")
    if not isinstance(body, dict):
        raise BundleError("bad_body")
    if body.get("key_id") != signature.keyid:
        raise BundleError("key_mismatch")
    if body.get("agency_id") != key.agency_id:
        raise BundleError(
            "agency_mismatch",
            f"Gói ghi là của cơ quan '{str(body.get('agency_id'))[:60]}' nhưng được ký bằng khóa "
            f"đã đăng ký cho '{key.agency_id}'. Không nhận; liên hệ cơ quan gửi để kiểm tra.",
        )
    try:
        validate_body(body)
    except BodyError as exc:
        raise BundleError(
            "bad_body",
            f"Nội dung gói không đúng cấu trúc phiên bản 1 ({str(exc)[:120]}). "
            "Đề nghị cơ quan cập nhật phần mềm và xuất lại.",
        ) from None
    return VerifiedBundle(
        agency_id=body["agency_id"],
        period=body["period"],
        seq=body["seq"],
        prev_sha256=body["prev_sha256"],
        body_sha256=sha256_hex(envelope.body),
        key_id=signature.keyid,
        fingerprint=fingerprint(key.public_key),
        body=body,
        body_bytes=envelope.body,
    )


def chain_verdict(
    *,
    last_seq: int | None,
    last_sha256: str | None,
    seq: int,
    prev_sha256: str,
    body_sha256: str,
    same_seq_sha256: str | None = None,
) -> str:
    """Where a verified bundle stands in its agency's chain (step 4; docs/bundle.md).

    `last_seq`/`last_sha256`: the newest accepted bundle (None or 0 when none yet);
    `same_seq_sha256`: body hash of a bundle already held with this `seq`, if any.
    First match wins:
    "duplicate" the same body is already held at this seq (no-op);
    "replay"    seq < last_seq (an older bundle sent again with other content): reject;
    "fork"      seq == last_seq with another body, or another body already held at this
                seq, or seq == last_seq + 1 but prev_sha256 is not the last hash;
    "accepted"  seq == last_seq + 1 and prev_sha256 == last hash (64 zeros for seq 1);
    "gap"       seq > last_seq + 1: accept, and report the missing seqs.
    """
    if seq < 1:
        raise ValueError("seq starts at 1")
    last = last_seq or 0
    last_hash = last_sha256 if last else ZERO_SHA256
    if body_sha256 == same_seq_sha256 or (seq == last and body_sha256 == last_hash):
        return DUPLICATE
    if seq < last:
        return REPLAY
    if seq == last or same_seq_sha256 is not None:
        return FORK
    if seq == last + 1:
        return ACCEPTED if prev_sha256 == last_hash else FORK
    return GAP
