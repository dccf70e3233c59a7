"""The agency's signing key: create, show, enrol with the receiving office, rotate."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_tui.services.catalog import find_agency
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.settings import get_profile
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import keys as store

if TYPE_CHECKING:
    from nacl.signing import SigningKey

    from cchc_tui.domain.agencies import Agency

MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class KeyInfo:
    """Public facts about a signing key."""

    agency_id: str
    key_id: str
    fingerprint: str
    public_key: bytes
    path: Path
    created_at: str

    def to_dict(self) -> dict:
        """JSON form of `cchc keys show --json`."""
        return {
            "agency_id": self.agency_id,
            "key_id": self.key_id,
            "fingerprint": self.fingerprint,
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "created_at": self.created_at,
        }


def enrolment_file_name(agency_id: str, key_id: str) -> str:
    """`so-noi-vu_dang-ky-khoa_1a2b3c4d.json`: the enrolment file sent once to Sở Nội vụ."""
    return f"{agency_id}_dang-ky-khoa_{key_id[7:15]}.json"


def signer_of(ws: Workspace, agency_id: str) -> dict[str, str]:
    """The saved profile's officer and title when the profile is this agency's, else blanks."""
    profile = get_profile(ws)
    if profile and profile.agency_id == agency_id:
        return {"officer": profile.officer, "title": profile.title}
    return {"officer": "", "title": ""}


def _check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ServiceError(
            f"Mật khẩu khóa quá ngắn: cần ít nhất {MIN_PASSPHRASE} ký tự. "
            "Hãy chọn mật khẩu dễ nhớ nhưng khó đoán và ghi lại nơi an toàn."
        )


def active_key(ws: Workspace, agency_id: str) -> KeyInfo | None:
    """The agency's current (not retired) key, or None."""
    from cchc_tui.domain.bundle.keys import fingerprint

    with ws.db.read() as conn:
        row = store.active_signing_key(agency_id, conn=conn)
    if row is None:
        return None
    public = base64.b64decode(row.public_key)
    return KeyInfo(
        agency_id,
        row.key_id,
        fingerprint(public),
        public,
        ws.keys_dir / row.file_name,
        row.created_at,
    )


def require_key(ws: Workspace, agency_id: str) -> KeyInfo:
    """The active key, or a clear error saying how to create one."""
    key = active_key(ws, agency_id)
    if key is None:
        raise ServiceError(
            "Cơ quan chưa có khóa ký: tạo khóa bằng lệnh cchc keys init "
            "(hoặc trong màn hình Xuất gói báo cáo)."
        )
    if not key.path.exists():
        raise ServiceError(
            f"Không thấy tệp khóa {key.path}. Nếu đã mất khóa, tạo khóa mới bằng "
            "cchc keys init --replace-lost rồi gửi lại tệp đăng ký khóa cho Sở Nội vụ."
        )
    return key


def _store_new_key(
    ws: Workspace, agency_id: str, signing_key, passphrase: str, rotation: bytes | None = None
) -> KeyInfo:
    from cchc_tui.domain.bundle.keys import fingerprint, key_id, seal_key_file
    from cchc_tui.store.files import atomic_write_bytes

    public = bytes(signing_key.verify_key)
    kid = key_id(public)
    file_name = f"{agency_id}-{kid[7:19]}.key.json"
    data, _ = seal_key_file(signing_key, passphrase, agency_id)
    atomic_write_bytes(ws.keys_dir / file_name, data, private=True)
    now = ws.clock.now_iso()
    store.add_signing_key(
        ws.db,
        key_id=kid,
        agency_id=agency_id,
        public_key=base64.b64encode(public).decode("ascii"),
        file_name=file_name,
        now=now,
        rotation=rotation.decode("utf-8") if rotation else None,
    )
    return KeyInfo(agency_id, kid, fingerprint(public), public, ws.keys_dir / file_name, now)


def init_key(
    ws: Workspace,
    agency_query: str,
    passphrase: str,
    *,
    replace_lost: bool = False,
    enrolment_dir: Path | None = None,
) -> KeyInfo:
    """Create the agency's first key (or a replacement for a lost one).

    With `enrolment_dir`, also write the enrolment file there, named
    `enrolment_file_name(info.agency_id, info.key_id)` and signed with the new key while
    it is still in memory (no second argon2id to unlock the key file).
    """
    from cchc_tui.domain.bundle.keys import generate_signing_key

    agency = find_agency(ws, agency_query)
    if active_key(ws, agency.id) is not None and not replace_lost:
        raise ServiceError(
            "Cơ quan đã có khóa ký. Muốn đổi khóa dùng: cchc keys rotate; "
            "nếu đã mất khóa hoặc quên mật khẩu: cchc keys init --replace-lost."
        )
    _check_new_passphrase(passphrase)
    signing_key = generate_signing_key()
    info = _store_new_key(ws, agency.id, signing_key, passphrase)
    if enrolment_dir is not None:
        out = Path(enrolment_dir) / enrolment_file_name(agency.id, info.key_id)
        _write_enrolment_document(ws, agency, signing_key, out, None)
    return info


BOM = "\ufeff"


def unlock(key: KeyInfo, passphrase: str) -> SigningKey:
    """The private key, or a clear error on a wrong passphrase (the file is untouched)."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.keys import unlock_key_file

    try:
        return unlock_key_file(key.path, passphrase)
    except BundleError as exc:
        if exc.code == "wrong_passphrase" and not passphrase.startswith(BOM):
            try:  # a key sealed before 0.3.0 from a Notepad file kept its byte order mark
                return unlock_key_file(key.path, BOM + passphrase)
            except BundleError:
                pass
        raise ServiceError(exc.reason, code=exc.code) from None


def _write_enrolment_document(
    ws: Workspace, agency: Agency, signing_key: SigningKey, out: Path, officer: str | None
) -> None:
    from cchc_tui.domain.bundle.enrolment import make_enrolment
    from cchc_tui.store.files import atomic_write_bytes

    if officer is None:
        officer = signer_of(ws, agency.id)["officer"]
    document = make_enrolment(
        signing_key,
        agency_id=agency.id,
        agency_name=agency.name,
        officer=officer,
        created_at=ws.clock.now_iso(),
    )
    atomic_write_bytes(out, document)


def write_enrolment(
    ws: Workspace, agency_query: str, passphrase: str, out: Path, officer: str | None = None
) -> Path:
    """Write the self-signed enrolment document the agency sends once to Sở Nội vụ.

    `officer` defaults to the saved profile's officer (blank if the profile is another agency's).
    """
    agency = find_agency(ws, agency_query)
    key = require_key(ws, agency.id)
    _write_enrolment_document(ws, agency, unlock(key, passphrase), out, officer)
    return out


def rotate_key(
    ws: Workspace,
    agency_query: str,
    old_passphrase: str,
    new_passphrase: str,
    out: Path,
    reason: str,
) -> tuple[KeyInfo, Path]:
    """A new key and a rotation statement signed by both keys, written to `out`."""
    from cchc_tui.domain.bundle.enrolment import make_rotation
    from cchc_tui.domain.bundle.keys import generate_signing_key
    from cchc_tui.store.files import atomic_write_bytes

    agency = find_agency(ws, agency_query)
    old = require_key(ws, agency.id)
    old_key = unlock(old, old_passphrase)
    _check_new_passphrase(new_passphrase)
    new_key = generate_signing_key()
    statement = make_rotation(
        old_key, new_key, agency_id=agency.id, created_at=ws.clock.now_iso(), reason=reason
    )
    atomic_write_bytes(out, statement)
    return _store_new_key(ws, agency.id, new_key, new_passphrase, rotation=statement), out
