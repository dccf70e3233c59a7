"""The office's own signing key (separate from any agency key): create, show, export the
public key document agencies pin, rotate with a statement signed by both keys."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_tui.services.errors import ServiceError
from cchc_tui.services.keys import MIN_PASSPHRASE
from cchc_tui.services.office.profile import get_office_profile
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import letters as store

if TYPE_CHECKING:
    from nacl.signing import SigningKey

OFFICE_ID = "so-noi-vu"
OFFICE_NAME = "Sở Nội vụ tỉnh Tuyên Quang"
KEY_FILE_OWNER = "office"


@dataclass(frozen=True)
class OfficeKeyInfo:
    """Public facts about the office's current key."""

    key_id: str
    fingerprint: str
    public_key: bytes
    path: Path
    created_at: str
    document: bytes

    def to_dict(self) -> dict:
        """JSON form of `cchc receiver key show --json`."""
        return {
            "key_id": self.key_id,
            "fingerprint": self.fingerprint,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "created_at": self.created_at,
        }


def office_key(ws: Workspace) -> OfficeKeyInfo | None:
    """The office's current key, or None."""
    from cchc_tui.domain.bundle.keys import fingerprint

    with ws.db.read() as conn:
        row = store.own_office_key(conn=conn)
    if row is None:
        return None
    public = base64.b64decode(row.public_key)
    return OfficeKeyInfo(
        row.key_id,
        fingerprint(public),
        public,
        ws.keys_dir / row.file_name,
        row.created_at,
        row.document,
    )


def require_office_key(ws: Workspace) -> OfficeKeyInfo:
    """The office's key, or a clear error saying how to create it."""
    key = office_key(ws)
    if key is None:
        raise ServiceError("Sở Nội vụ chưa có khóa ký riêng: tạo bằng lệnh cchc receiver key init.")
    return key


def _require_office(ws: Workspace) -> str:
    profile = get_office_profile(ws)
    if profile is None:
        raise ServiceError(
            "Máy này chưa bật chức năng tổng hợp của Sở Nội vụ: "
            'chạy cchc receiver init --officer "Họ tên" trước.'
        )
    return profile.officer


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ServiceError(
            f"Mật khẩu khóa quá ngắn: cần ít nhất {MIN_PASSPHRASE} ký tự. "
            "Hãy chọn mật khẩu dễ nhớ nhưng khó đoán và ghi lại nơi an toàn."
        )


def _store(
    ws: Workspace, signing_key: SigningKey, passphrase: str, rotation: bytes | None
) -> OfficeKeyInfo:
    from cchc_tui.domain.bundle.keys import key_id, seal_key_file
    from cchc_tui.domain.bundle.letters import make_office_key
    from cchc_tui.store.files import atomic_write_bytes

    officer = _require_office(ws)
    public = bytes(signing_key.verify_key)
    kid = key_id(public)
    file_name = f"{KEY_FILE_OWNER}-{kid[7:19]}.key.json"
    data, _ = seal_key_file(signing_key, passphrase, KEY_FILE_OWNER)
    atomic_write_bytes(ws.keys_dir / file_name, data, private=True)
    now = ws.clock.now_iso()
    document = make_office_key(
        signing_key, office_id=OFFICE_ID, office_name=OFFICE_NAME, officer=officer, created_at=now
    )
    row = store.OwnOfficeKey(
        kid, base64.b64encode(public).decode("ascii"), file_name, document, now
    )
    store.add_own_office_key(ws.db, row, rotation=rotation)
    return require_office_key(ws)


def init_office_key(ws: Workspace, passphrase: str) -> OfficeKeyInfo:
    """Create the office's first key (refused when it already has one: rotate instead)."""
    from cchc_tui.domain.bundle.keys import generate_signing_key

    _require_office(ws)
    if office_key(ws) is not None:
        raise ServiceError(
            "Sở Nội vụ đã có khóa ký. Muốn đổi khóa dùng: cchc receiver key rotate --out TỆP."
        )
    _check_passphrase(passphrase)
    return _store(ws, generate_signing_key(), passphrase, None)


def unlock_office_key(ws: Workspace, passphrase: str) -> SigningKey:
    """The office's private key, or a clear error (wrong passphrase, missing file)."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.keys import unlock_key_file

    key = require_office_key(ws)
    if not key.path.exists():
        raise ServiceError(f"Không thấy tệp khóa của Sở Nội vụ {key.path}.")
    try:
        return unlock_key_file(key.path, passphrase)
    except BundleError as exc:
        raise ServiceError(exc.reason, code=exc.code) from None


def export_office_key(ws: Workspace, out: Path) -> Path:
    """Write the self-signed public key document agencies install once (no passphrase)."""
    from cchc_tui.store.files import atomic_write_bytes

    atomic_write_bytes(out, require_office_key(ws).document)
    return out


def rotate_office_key(
    ws: Workspace, old_passphrase: str, new_passphrase: str, out: Path, reason: str
) -> OfficeKeyInfo:
    """A new office key and the statement signed by both keys, written to `out`."""
    from cchc_tui.domain.bundle.enrolment import make_rotation
    from cchc_tui.domain.bundle.envelope import PAYLOAD_OFFICE_ROTATION
    from cchc_tui.domain.bundle.keys import generate_signing_key
    from cchc_tui.store.files import atomic_write_bytes

    old_key = unlock_office_key(ws, old_passphrase)
    _check_passphrase(new_passphrase)
    new_key = generate_signing_key()
    statement = make_rotation(
        old_key,
        new_key,
        agency_id=OFFICE_ID,
        created_at=ws.clock.now_iso(),
        reason=reason,
        payload_type=PAYLOAD_OFFICE_ROTATION,
    )
    atomic_write_bytes(out, statement)
    return _store(ws, new_key, new_passphrase, statement)
