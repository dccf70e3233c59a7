"""The DSSE envelope of the contract: PAE, sealing with Ed25519, strict opening.

The file is compact JSON, keys in the contract's order, ASCII only, no trailing
newline, so that cutting the file anywhere breaks it (docs/bundle.md). Opening
accepts any strict JSON with exactly those keys: a bundle's identity is its body,
never the file bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from cchc_tui.domain.bundle.canonical import b64decode_canonical, b64encode_canonical
from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.keys import key_id
from cchc_tui.domain.bundle.strictjson import MAX_BYTES, loads_strict

__all__ = [
    "PAYLOAD_BUNDLE",
    "PAYLOAD_ENROLMENT",
    "PAYLOAD_ROTATION",
    "Envelope",
    "Signature",
    "b64decode_canonical",
    "b64encode_canonical",
    "check_signature",
    "open_envelope",
    "pae",
    "seal",
]

PAYLOAD_BUNDLE = "application/vnd.cchc.progress-bundle+json; version=1"
PAYLOAD_ENROLMENT = "application/vnd.cchc.key-enrolment+json; version=1"
PAYLOAD_ROTATION = "application/vnd.cchc.key-rotation+json; version=1"
# Documents the office sends back (docs/office-envelopes.md).
PAYLOAD_OFFICE_KEY = "application/vnd.cchc.office-key+json; version=1"
PAYLOAD_OFFICE_ROTATION = "application/vnd.cchc.office-key-rotation+json; version=1"
PAYLOAD_RECEIPT = "application/vnd.cchc.receipt+json; version=1"
PAYLOAD_REGISTRY = "application/vnd.cchc.registry+json; version=1"
PAYLOAD_PLAN = "application/vnd.cchc.plan+json; version=1"

DOCUMENT_NAMES = {
    PAYLOAD_BUNDLE: "gói báo cáo",
    PAYLOAD_ENROLMENT: "tệp đăng ký khóa",
    PAYLOAD_ROTATION: "tệp tuyên bố đổi khóa",
    PAYLOAD_OFFICE_KEY: "tệp khóa của Sở Nội vụ",
    PAYLOAD_OFFICE_ROTATION: "tuyên bố đổi khóa của Sở Nội vụ",
    PAYLOAD_RECEIPT: "giấy biên nhận của Sở Nội vụ",
    PAYLOAD_REGISTRY: "danh mục cơ quan do Sở Nội vụ ban hành",
    PAYLOAD_PLAN: "kế hoạch do Sở Nội vụ ban hành",
}
_ENVELOPE_KEYS = {"payloadType", "payload", "signatures"}
_SIGNATURE_KEYS = {"keyid", "sig"}
KEY_ID_RE = re.compile(r"sha256:[0-9a-f]{64}")
SIGNATURE_BYTES = 64


@dataclass(frozen=True)
class Signature:
    """One entry of `signatures`: the key id hint and the raw 64-byte Ed25519 signature."""

    keyid: str
    sig: bytes


@dataclass(frozen=True)
class Envelope:
    """An opened envelope: its type, the body bytes and the signatures, in file order."""

    payload_type: str
    body: bytes
    signatures: tuple[Signature, ...]

    def pae(self) -> bytes:
        """The bytes every signature of this envelope covers."""
        return pae(self.payload_type, self.body)


def pae(payload_type: str, body: bytes) -> bytes:
    """DSSE v1 pre-authentication encoding, exactly as the contract writes it."""
    type_bytes = payload_type.encode("utf-8")
    return b"DSSEv1 %d %s %d %s" % (len(type_bytes), type_bytes, len(body), body)


def seal(payload_type: str, body: bytes, signing_keys: list[SigningKey]) -> bytes:
    """The envelope file bytes: `body` signed over PAE by each key, in the order given."""
    message = pae(payload_type, body)
    signatures = [
        {
            "keyid": key_id(bytes(key.verify_key)),
            "sig": b64encode_canonical(key.sign(message).signature),
        }
        for key in signing_keys
    ]
    document = {
        "payloadType": payload_type,
        "payload": b64encode_canonical(body),
        "signatures": signatures,
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _shape(cond: bool, detail: str) -> None:
    if not cond:
        raise BundleError(
            "bad_envelope",
            f"Tệp không đúng cấu trúc của tài liệu đã ký ({detail}). "
            "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra, không chỉnh sửa.",
        )


def _wrong_type(actual: str, expected: str) -> BundleError:
    wanted = DOCUMENT_NAMES.get(expected, expected)
    if actual in DOCUMENT_NAMES:
        reason = (
            f"Đây là {DOCUMENT_NAMES[actual]}, không phải {wanted}. "
            "Hãy kiểm tra lại đã chọn đúng tệp và đúng chức năng."
        )
    else:
        reason = (
            f"Tệp không phải {wanted} của phần mềm (loại tài liệu lạ). "
            "Hãy kiểm tra lại đã chọn đúng tệp."
        )
    return BundleError("wrong_type", reason)


def open_envelope(
    raw: bytes, *, expected_type: str, signatures: int = 1, max_bytes: int = MAX_BYTES
) -> Envelope:
    """Strictly parse an envelope file of `expected_type` carrying exactly `signatures` entries.

    Signatures are not verified here (see `check_signature`).
    """
    document = loads_strict(raw, max_bytes=max_bytes)
    _shape(isinstance(document, dict), "không phải một đối tượng JSON")
    _shape(set(document) == _ENVELOPE_KEYS, "thiếu hoặc thừa trường")
    payload_type = document["payloadType"]
    _shape(isinstance(payload_type, str), "payloadType phải là chuỗi")
    if payload_type != expected_type:
        raise _wrong_type(payload_type, expected_type)
    entries = document["signatures"]
    _shape(isinstance(entries, list), "signatures phải là danh sách")
    _shape(len(entries) == signatures, f"cần đúng {signatures} chữ ký, có {len(entries)}")
    parsed = []
    for entry in entries:
        _shape(isinstance(entry, dict) and set(entry) == _SIGNATURE_KEYS, "mục chữ ký")
        keyid = entry["keyid"]
        _shape(isinstance(keyid, str) and KEY_ID_RE.fullmatch(keyid) is not None, "keyid")
        sig = b64decode_canonical(entry["sig"])
        _shape(len(sig) == SIGNATURE_BYTES, "chữ ký phải dài 64 byte")
        parsed.append(Signature(keyid, sig))
    body = b64decode_canonical(document["payload"])
    return Envelope(payload_type, body, tuple(parsed))


def check_signature(envelope: Envelope, signature: Signature, public_key: bytes) -> None:
    """Verify one signature over the envelope's PAE with PyNaCl; BundleError bad_signature."""
    try:
        VerifyKey(public_key).verify(envelope.pae(), signature.sig)
    except (BadSignatureError, ValueError, TypeError):
        raise BundleError("bad_signature") from None
