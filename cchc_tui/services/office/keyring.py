"""The receiving office's keyring: enrolments, rotations, revocations, and key lookup."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.domain.text import nfc
from cchc_tui.services.catalog import find_agency, load_registry
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.reorganisation import ended_notice
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store
from cchc_tui.store import office_keys

STATUS_LABELS = {"active": "đang dùng", "retired": "đã đổi khóa", "revoked": "đã thu hồi"}


def key_status(retired_at: object, revoked_on: object) -> str:
    """`revoked` (takes precedence), `retired` (replaced by a rotation) or `active`."""
    if revoked_on:
        return "revoked"
    return "retired" if retired_at else "active"


@dataclass(frozen=True)
class KeyEntry:
    """A registered key as the clerk sees it."""

    key_id: str
    agency_id: str
    agency_name: str
    fingerprint: str
    public_key: str
    officer: str
    source: str
    rotated_from: str | None
    signed_at: str
    added_at: str
    retired_at: str | None
    revoked_on: str | None
    revoked_reason: str | None

    @property
    def status(self) -> str:
        """`active`, `retired` (replaced by rotation) or `revoked`."""
        return key_status(self.retired_at, self.revoked_on)

    def to_dict(self) -> dict:
        """JSON form of `cchc keyring list --json`."""
        return {
            "agency_id": self.agency_id,
            "agency_name": self.agency_name,
            "key_id": self.key_id,
            "fingerprint": self.fingerprint,
            "public_key": self.public_key,
            "status": self.status,
            "officer": self.officer,
            "source": self.source,
            "rotated_from": self.rotated_from,
            "signed_at": self.signed_at,
            "added_at": self.added_at,
            "retired_at": self.retired_at,
            "revoked_on": self.revoked_on,
            "revoked_reason": self.revoked_reason,
        }


@dataclass(frozen=True)
class EnrolmentPreview:
    """A verified enrolment document, not yet registered: what the clerk confirms."""

    agency_id: str
    agency_name: str
    officer: str
    key_id: str
    fingerprint: str
    public_key: bytes
    signed_at: str
    document: bytes
    already_registered: bool
    other_active: tuple[str, ...]
    agency_notice: str | None = None
    """The agency ended (and who took over), or the plan does not cover it: warn the clerk."""


def list_keys(ws: Workspace) -> list[KeyEntry]:
    """Every key the office registered, by agency."""
    registry = load_registry(ws)
    with ws.db.read() as conn:
        keys = store.registered_keys(conn=conn)
    out = []
    for k in keys:
        agency = registry.get(k.agency_id)
        out.append(
            KeyEntry(
                key_id=k.key_id,
                agency_id=k.agency_id,
                agency_name=agency.name if agency else k.agency_id,
                fingerprint=k.fingerprint,
                public_key=k.public_key,
                officer=k.officer,
                source=k.source,
                rotated_from=k.rotated_from,
                signed_at=k.signed_at,
                added_at=k.added_at,
                retired_at=k.retired_at,
                revoked_on=k.revoked_on,
                revoked_reason=k.revoked_reason,
            )
        )
    return out


def _bundle_error(exc, what: str) -> ServiceError:
    return ServiceError(f"{what} không dùng được: {exc.reason}")


def read_document(path: Path) -> bytes:
    """The bytes of an enrolment or rotation file, capped at what such a document may weigh."""
    from cchc_tui.domain.bundle.enrolment import MAX_DOCUMENT_BYTES
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.strictjson import read_capped

    path = Path(path)
    try:
        return read_capped(path, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        raise ServiceError(f"Không đọc được tệp {path}: {exc.strerror}.") from None
    except BundleError:
        raise ServiceError(f"Tệp {path.name} quá lớn để là tệp khóa.") from None


def preview_enrolment(ws: Workspace, raw: bytes) -> EnrolmentPreview:
    """Verify a self-signed enrolment document; nothing is stored yet."""
    from cchc_tui.domain.bundle.enrolment import read_enrolment
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.keys import fingerprint

    try:
        doc = read_enrolment(raw)
    except BundleError as exc:
        raise _bundle_error(exc, "Tệp đăng ký khóa") from None
    agency = load_registry(ws).get(doc.agency_id)
    if agency is None:
        raise ServiceError(
            f"Tệp đăng ký khóa của cơ quan '{doc.agency_id}' không có trong danh mục: "
            "nếu là xã mới, thêm xã trước (cchc add-commune) rồi đăng ký lại."
        )
    keys = list_keys(ws)
    entries = [e for e in keys if e.agency_id == agency.id]
    known = next((e for e in keys if e.key_id == doc.key_id), None)
    if known is not None and known.agency_id != agency.id:
        raise ServiceError(
            f"Khóa {known.fingerprint} đã được đăng ký cho {known.agency_name}: "
            "một khóa không thể thuộc hai cơ quan. Liên hệ hai cơ quan để kiểm tra."
        )
    return EnrolmentPreview(
        agency_id=agency.id,
        agency_name=agency.name,
        officer=nfc(doc.officer),
        key_id=doc.key_id,
        fingerprint=fingerprint(doc.public_key),
        public_key=doc.public_key,
        signed_at=doc.created_at,
        document=raw,
        already_registered=known is not None,
        other_active=tuple(
            e.fingerprint for e in entries if e.status == "active" and e.key_id != doc.key_id
        ),
        agency_notice=_agency_notice(ws, agency),
    )


def _agency_notice(ws: Workspace, agency) -> str | None:
    notice = ended_notice(ws, agency)
    if notice and agency.valid_to is not None and agency.outside_plan is None:
        notice += " Gói báo cáo ký sau ngày kết thúc sẽ không được nhận."
    return notice


def add_enrolment(ws: Workspace, preview: EnrolmentPreview) -> KeyEntry:
    """Register the key of a confirmed enrolment (a no-op when already registered)."""
    if not preview.already_registered:
        office_keys.add_office_key(
            ws.db,
            office_keys.NewOfficeKey(
                key_id=preview.key_id,
                agency_id=preview.agency_id,
                public_key=base64.b64encode(preview.public_key).decode("ascii"),
                fingerprint=preview.fingerprint,
                officer=preview.officer,
                source="enrolment",
                document=preview.document,
                signed_at=preview.signed_at or ws.clock.now_iso(),
                added_at=ws.clock.now_iso(),
            ),
        )
    return next(e for e in list_keys(ws) if e.key_id == preview.key_id)


@dataclass(frozen=True)
class RevocationPreview:
    """The keys a revocation would revoke (none revoked yet): what the clerk confirms."""

    keys: tuple[KeyEntry, ...]
    reason: str
    on: dt.date


def preview_revocation(ws: Workspace, target: str, reason: str, on: dt.date) -> RevocationPreview:
    """Check a revocation and name the keys it would revoke; nothing is written."""
    reason = nfc(reason).strip()
    if not reason:
        raise ServiceError('Chưa ghi lý do thu hồi khóa: thêm --reason "…".')
    entries = list_keys(ws)
    chosen = [e for e in entries if target in (e.key_id, e.fingerprint)]
    if not chosen:
        agency = find_agency(ws, target)
        chosen = [e for e in entries if e.agency_id == agency.id and not e.revoked_on]
        if not chosen:
            raise ServiceError(f"{agency.name} không có khóa nào đang được nhận để thu hồi.")
    already = [e for e in chosen if e.revoked_on]
    if already and len(already) == len(chosen):
        raise ServiceError(
            f"Khóa {already[0].fingerprint} đã bị thu hồi từ ngày {already[0].revoked_on}."
        )
    return RevocationPreview(tuple(e for e in chosen if not e.revoked_on), reason, on)


def revoke(ws: Workspace, target: str, reason: str, on: dt.date) -> list[KeyEntry]:
    """Revoke a key (by key id or fingerprint) or every unrevoked key of an agency."""
    preview = preview_revocation(ws, target, reason, on)
    ids = {e.key_id for e in preview.keys}
    office_keys.revoke_office_keys(
        ws.db, ids, on=on.isoformat(), reason=preview.reason, at=ws.clock.now_iso()
    )
    return [e for e in list_keys(ws) if e.key_id in ids]


@dataclass(frozen=True)
class RotationPreview:
    """A verified rotation statement, not yet applied: what the clerk confirms."""

    agency_id: str
    agency_name: str
    old: KeyEntry
    new_key_id: str
    new_fingerprint: str
    new_public_key: bytes
    signed_at: str
    reason: str
    document: bytes
    registered: KeyEntry | None
    """The new key's entry when the rotation was already applied (nothing to change)."""


def preview_rotation(ws: Workspace, raw: bytes) -> RotationPreview:
    """Verify a rotation statement signed by both keys against the keyring; nothing is stored.

    The old key must already be in the keyring, belong to the same agency and not
    be revoked.
    """
    from cchc_tui.domain.bundle.enrolment import read_rotation
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.keys import fingerprint

    try:
        statement = read_rotation(raw)
    except BundleError as exc:
        raise _bundle_error(exc, "Tệp tuyên bố đổi khóa") from None
    entries = {e.key_id: e for e in list_keys(ws)}
    old = entries.get(statement.old_key_id)
    if old is None:
        raise ServiceError(
            "Khóa cũ trong tuyên bố đổi khóa chưa có trong danh sách khóa của Sở: "
            "cần đăng ký khóa cũ trước, hoặc cơ quan gửi tệp đăng ký khóa mới (cchc keys enrol)."
        )
    if base64.b64decode(old.public_key) != statement.old_public_key:
        raise ServiceError("Khóa cũ trong tuyên bố khác khóa đã đăng ký: không nhận.")
    if old.agency_id != statement.agency_id:
        raise ServiceError(
            f"Tuyên bố đổi khóa ghi cơ quan '{statement.agency_id}', nhưng khóa cũ đã đăng ký"
            f" cho {old.agency_name}: không nhận."
        )
    if old.revoked_on:
        raise ServiceError(
            f"Khóa cũ {old.fingerprint} đã bị thu hồi từ {old.revoked_on}: không thể dùng để "
            "đổi khóa. Cơ quan cần gửi tệp đăng ký khóa mới qua đường công văn."
        )
    new = entries.get(statement.new_key_id)
    if new is not None and new.agency_id != old.agency_id:
        raise ServiceError(f"Khóa mới đã được đăng ký cho {new.agency_name}: không nhận.")
    return RotationPreview(
        agency_id=old.agency_id,
        agency_name=old.agency_name,
        old=old,
        new_key_id=statement.new_key_id,
        new_fingerprint=fingerprint(statement.new_public_key),
        new_public_key=statement.new_public_key,
        signed_at=statement.created_at,
        reason=nfc(statement.reason),
        document=raw,
        registered=new,
    )


def apply_rotation(ws: Workspace, raw: bytes) -> KeyEntry:
    """Register the new key of a rotation statement signed by both keys.

    The checks are `preview_rotation`'s; the old key is then retired from the
    statement's time on. Applying a statement again changes nothing.
    """
    preview = preview_rotation(ws, raw)
    if preview.registered is not None:
        return preview.registered
    office_keys.rotate_office_key(
        ws.db,
        preview.old.key_id,
        office_keys.NewOfficeKey(
            key_id=preview.new_key_id,
            agency_id=preview.agency_id,
            public_key=base64.b64encode(preview.new_public_key).decode("ascii"),
            fingerprint=preview.new_fingerprint,
            officer=preview.old.officer,
            source="rotation",
            document=raw,
            rotated_from=preview.old.key_id,
            signed_at=preview.signed_at,
            added_at=ws.clock.now_iso(),
        ),
    )
    return next(e for e in list_keys(ws) if e.key_id == preview.new_key_id)
