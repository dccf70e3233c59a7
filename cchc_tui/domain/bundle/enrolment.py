"""Key documents: the self-signed enrolment and the rotation statement signed by both keys.

Each has its own payloadType, so neither can ever pass as a bundle (nor as each other).
"""

from __future__ import annotations

from dataclasses import dataclass

from nacl.signing import SigningKey

from cchc_tui.domain.bundle.canonical import (
    CanonicalError,
    b64decode_canonical,
    b64encode_canonical,
    canonical_bytes,
)
from cchc_tui.domain.bundle.envelope import (
    PAYLOAD_ENROLMENT,
    PAYLOAD_ROTATION,
    Envelope,
    check_signature,
    open_envelope,
    seal,
)
from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.keys import fingerprint, key_id, require_valid_public_key
from cchc_tui.domain.bundle.strictjson import loads_strict

ENROLMENT_KIND = "key-enrolment"
ROTATION_KIND = "key-rotation"
_ENROLMENT_KEYS = {"schema_version", "kind", "agency_id", "agency_name", "officer"} | {
    "public_key",
    "key_id",
    "created_at",
}
_ROTATION_KEYS = {"schema_version", "kind", "agency_id", "created_at", "reason"} | {
    "old_public_key",
    "old_key_id",
    "new_public_key",
    "new_key_id",
}
MAX_DOCUMENT_BYTES = 64 * 1024


@dataclass(frozen=True)
class Enrolment:
    """A verified enrolment: which agency claims which public key, and who sent it."""

    agency_id: str
    agency_name: str
    officer: str
    public_key: bytes
    key_id: str
    created_at: str

    @property
    def fingerprint(self) -> str:
        """Short phone-readable id of the enrolled key."""
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Rotation:
    """A verified rotation statement: the old key hands over to the new one."""

    agency_id: str
    old_public_key: bytes
    old_key_id: str
    new_public_key: bytes
    new_key_id: str
    created_at: str
    reason: str


def _bad(detail: str) -> BundleError:
    return BundleError(
        "bad_body",
        f"Nội dung tài liệu khóa không đúng cấu trúc ({detail}). "
        "Đề nghị cơ quan tạo lại tệp bằng phần mềm chính thức.",
    )


def _document(raw: bytes, payload_type: str, keys: set[str], kind: str, sigs: int):
    """Open the envelope and parse its body strictly; shape checks only, no signatures yet."""
    envelope = open_envelope(
        raw, expected_type=payload_type, signatures=sigs, max_bytes=MAX_DOCUMENT_BYTES
    )
    body = loads_strict(envelope.body, max_bytes=MAX_DOCUMENT_BYTES)
    if not isinstance(body, dict) or set(body) != keys:
        raise _bad("thiếu hoặc thừa trường")
    if type(body["schema_version"]) is not int or body["schema_version"] != 1:
        raise _bad("phiên bản tài liệu")
    if body["kind"] != kind:
        raise _bad("loại tài liệu")
    if not all(isinstance(v, str) for k, v in body.items() if k != "schema_version"):
        raise _bad("các trường phải là chuỗi")
    if not body["agency_id"]:
        raise _bad("thiếu mã cơ quan")
    try:
        if canonical_bytes(body) != envelope.body:
            raise BundleError("not_canonical")
    except CanonicalError:
        raise BundleError("not_canonical") from None
    return envelope, body


def _public_key(body: dict, field: str, id_field: str) -> bytes:
    public = b64decode_canonical(body[field])
    require_valid_public_key(public)
    if body[id_field] != key_id(public):
        raise BundleError("key_mismatch")
    return public


def _verify(envelope: Envelope, index: int, public: bytes) -> None:
    signature = envelope.signatures[index]
    if signature.keyid != key_id(public):
        raise BundleError("key_mismatch")
    check_signature(envelope, signature, public)


def seal_key_document(
    signing_key: SigningKey, payload_type: str, kind: str, holder: dict[str, str], created_at: str
) -> bytes:
    """A self-signed public key document: `holder` (who claims the key) plus the key, its
    id and `created_at`, canonical, signed by that same key. Enrolments and the office's
    key document are both made this way."""
    public = bytes(signing_key.verify_key)
    body = {
        "schema_version": 1,
        "kind": kind,
        **holder,
        "public_key": b64encode_canonical(public),
        "key_id": key_id(public),
        "created_at": created_at,
    }
    return seal(payload_type, canonical_bytes(body), [signing_key])


def make_enrolment(
    signing_key: SigningKey, *, agency_id: str, agency_name: str, officer: str, created_at: str
) -> bytes:
    """The self-signed enrolment file bytes the agency sends once to the receiving office."""
    holder = {"agency_id": agency_id, "agency_name": agency_name, "officer": officer}
    return seal_key_document(signing_key, PAYLOAD_ENROLMENT, ENROLMENT_KIND, holder, created_at)


def read_enrolment(raw: bytes) -> Enrolment:
    """Verify an enrolment: valid (not small-order) key, matching key id, valid self-signature."""
    envelope, body = _document(raw, PAYLOAD_ENROLMENT, _ENROLMENT_KEYS, ENROLMENT_KIND, 1)
    public = _public_key(body, "public_key", "key_id")
    _verify(envelope, 0, public)
    return Enrolment(
        body["agency_id"],
        body["agency_name"],
        body["officer"],
        public,
        body["key_id"],
        body["created_at"],
    )


def make_rotation(
    old_key: SigningKey,
    new_key: SigningKey,
    *,
    agency_id: str,
    created_at: str,
    reason: str,
    payload_type: str = PAYLOAD_ROTATION,
) -> bytes:
    """A rotation statement signed by the old key, then the new key (two signatures).

    The office's own rotation uses the same body under `PAYLOAD_OFFICE_ROTATION`.
    """
    old_public, new_public = bytes(old_key.verify_key), bytes(new_key.verify_key)
    body = {
        "schema_version": 1,
        "kind": ROTATION_KIND,
        "agency_id": agency_id,
        "old_public_key": b64encode_canonical(old_public),
        "old_key_id": key_id(old_public),
        "new_public_key": b64encode_canonical(new_public),
        "new_key_id": key_id(new_public),
        "created_at": created_at,
        "reason": reason,
    }
    return seal(payload_type, canonical_bytes(body), [old_key, new_key])


def read_rotation(
    raw: bytes, *, old_public_key: bytes | None = None, payload_type: str = PAYLOAD_ROTATION
) -> Rotation:
    """Verify a rotation: signatures[0] by the old key, signatures[1] by the new one.

    With `old_public_key` (the key already registered), the statement must name it.
    """
    envelope, body = _document(raw, payload_type, _ROTATION_KEYS, ROTATION_KIND, 2)
    old = _public_key(body, "old_public_key", "old_key_id")
    new = _public_key(body, "new_public_key", "new_key_id")
    if old == new:
        raise _bad("khóa mới trùng khóa cũ")
    if old_public_key is not None and old != old_public_key:
        raise BundleError(
            "key_mismatch",
            "Tuyên bố đổi khóa không xuất phát từ khóa đã đăng ký của cơ quan. Không nhận; "
            "liên hệ cơ quan gửi để kiểm tra.",
        )
    _verify(envelope, 0, old)
    _verify(envelope, 1, new)
    return Rotation(
        body["agency_id"],
        old,
        body["old_key_id"],
        new,
        body["new_key_id"],
        body["created_at"],
        body["reason"],
    )
