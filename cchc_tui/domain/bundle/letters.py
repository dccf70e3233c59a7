"""Documents the office signs for agencies: its key document, and letters (receipts,
registry updates, plans) verified against the office key an agency pinned.

Same envelope and rules as a bundle (docs/office-envelopes.md); each kind has its own
payloadType, so no document can pass as another, nor as a bundle.
"""

from __future__ import annotations

from dataclasses import dataclass

from nacl.signing import SigningKey

from cchc_tui.domain.bundle.canonical import (
    CanonicalError,
    b64decode_canonical,
    canonical_bytes,
)
from cchc_tui.domain.bundle.enrolment import seal_key_document
from cchc_tui.domain.bundle.envelope import (
    PAYLOAD_OFFICE_KEY,
    Envelope,
    check_signature,
    open_envelope,
    seal,
)
from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.keys import fingerprint, key_id, require_valid_public_key
from cchc_tui.domain.bundle.strictjson import loads_strict

MAX_LETTER_BYTES = 8 * 1024 * 1024
OFFICE_KEY_KIND = "office-key"
_OFFICE_KEY_FIELDS = {"schema_version", "kind", "office_id", "office_name", "officer"} | {
    "public_key",
    "key_id",
    "created_at",
}
_LETTER_FIELDS = {"schema_version", "kind", "office_key_id", "issued_at"}


@dataclass(frozen=True)
class OfficeKey:
    """A verified, self-signed office key document (trusted once its fingerprint is
    compared with the one Sở Nội vụ reads out or stamps on its letter)."""

    office_id: str
    office_name: str
    officer: str
    public_key: bytes
    key_id: str
    created_at: str

    @property
    def fingerprint(self) -> str:
        """Short phone-readable id of the office key."""
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Letter:
    """A verified letter from the office: its type, body (parsed and raw) and signer."""

    payload_type: str
    body: dict
    body_bytes: bytes
    key_id: str

    @property
    def issued_at(self) -> str:
        """When the office signed it (its clock; information)."""
        return self.body["issued_at"]


def bad_body(detail: str) -> BundleError:
    """The refusal of a letter whose signed body breaks its schema."""
    return BundleError(
        "bad_body",
        f"Nội dung tài liệu của Sở Nội vụ không đúng cấu trúc ({detail}). "
        "Đề nghị Sở Nội vụ gửi lại tệp do phần mềm xuất ra.",
    )


def _canonical_body(envelope: Envelope) -> dict:
    body = loads_strict(envelope.body, max_bytes=MAX_LETTER_BYTES)
    if not isinstance(body, dict):
        raise bad_body("không phải một đối tượng JSON")
    try:
        if canonical_bytes(body) != envelope.body:
            raise BundleError("not_canonical")
    except CanonicalError:
        raise BundleError("not_canonical") from None
    if type(body.get("schema_version")) is not int or body["schema_version"] != 1:
        raise bad_body("phiên bản tài liệu")
    return body


def make_office_key(
    signing_key: SigningKey, *, office_id: str, office_name: str, officer: str, created_at: str
) -> bytes:
    """The self-signed public key document agencies install once."""
    holder = {"office_id": office_id, "office_name": office_name, "officer": officer}
    return seal_key_document(signing_key, PAYLOAD_OFFICE_KEY, OFFICE_KEY_KIND, holder, created_at)


def read_office_key(raw: bytes) -> OfficeKey:
    """Verify an office key document: valid key, matching key id, valid self-signature."""
    envelope = open_envelope(raw, expected_type=PAYLOAD_OFFICE_KEY, max_bytes=64 * 1024)
    body = _canonical_body(envelope)
    if set(body) != _OFFICE_KEY_FIELDS or body["kind"] != OFFICE_KEY_KIND:
        raise bad_body("thiếu hoặc thừa trường")
    if not all(isinstance(v, str) for k, v in body.items() if k != "schema_version"):
        raise bad_body("các trường phải là chuỗi")
    public = b64decode_canonical(body["public_key"])
    require_valid_public_key(public)
    if body["key_id"] != key_id(public) or envelope.signatures[0].keyid != key_id(public):
        raise BundleError("key_mismatch")
    check_signature(envelope, envelope.signatures[0], public)
    return OfficeKey(
        body["office_id"],
        body["office_name"],
        body["officer"],
        public,
        body["key_id"],
        body["created_at"],
    )


def seal_letter(
    payload_type: str, kind: str, fields: dict, signing_key: SigningKey, *, issued_at: str
) -> bytes:
    """A letter of `payload_type`: `fields` plus schema_version, kind, office_key_id and
    issued_at, canonical, signed by the office key."""
    body = {
        **fields,
        "schema_version": 1,
        "kind": kind,
        "office_key_id": key_id(bytes(signing_key.verify_key)),
        "issued_at": issued_at,
    }
    return seal(payload_type, canonical_bytes(body), [signing_key])


def open_letter(
    raw: bytes, *, payload_type: str, kind: str, fields: set[str], office_keys: dict[str, bytes]
) -> Letter:
    """Verify a letter against the pinned office keys (key id → public key), in the
    contract's order: envelope, signature, strict canonical body, key id repeated inside."""
    envelope = open_envelope(raw, expected_type=payload_type, max_bytes=MAX_LETTER_BYTES)
    signature = envelope.signatures[0]
    public = office_keys.get(signature.keyid)
    if public is None:
        raise BundleError(
            "not_office_key",
            "Tệp không được ký bằng khóa của Sở Nội vụ đã cài trên máy này (có thể là tệp giả "
            "hoặc Sở đã đổi khóa). Không nhận; hỏi Sở Nội vụ tệp khóa mới (cchc office add).",
        )
    check_signature(envelope, signature, public)
    body = _canonical_body(envelope)
    if set(body) != _LETTER_FIELDS | fields or body["kind"] != kind:
        raise bad_body("thiếu hoặc thừa trường")
    if body["office_key_id"] != signature.keyid:
        raise BundleError("key_mismatch")
    if not isinstance(body["issued_at"], str):
        raise bad_body("issued_at")
    return Letter(payload_type, body, envelope.body, signature.keyid)
