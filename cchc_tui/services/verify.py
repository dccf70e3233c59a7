"""Verify a bundle file against a key: the verdict a clerk reads."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.domain.periods import period_label
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store.keys import local_public_keys

KEY_FILE_MAX_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    """Valid or not, and the sentence that says so."""

    valid: bool
    message: str


def _shown_key(raw: bytes) -> dict | None:
    """`cchc keys show --json` output parsed strictly, or None if the file is not that."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.strictjson import loads_strict

    try:
        shown = loads_strict(raw, max_bytes=KEY_FILE_MAX_BYTES)
    except BundleError:
        return None
    if not isinstance(shown, dict):
        return None
    agency_id, public = shown.get("agency_id"), shown.get("public_key")
    if not (isinstance(agency_id, str) and agency_id and isinstance(public, str)):
        return None
    return shown


def _registered_from_file(path: Path):
    """A RegisteredKey from an enrolment document or `cchc keys show --json` output."""
    from cchc_tui.domain.bundle.canonical import b64decode_canonical
    from cchc_tui.domain.bundle.enrolment import read_enrolment
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.keys import key_id, require_valid_public_key
    from cchc_tui.domain.bundle.strictjson import read_capped
    from cchc_tui.domain.bundle.verify import RegisteredKey

    def refused(reason: str) -> ServiceError:
        return ServiceError(f"Tệp khóa {path.name} không dùng được: {reason}")

    try:
        raw = read_capped(path, KEY_FILE_MAX_BYTES)
    except OSError as exc:
        raise ServiceError(f"Không đọc được tệp khóa {path}: {exc.strerror}.") from None
    except BundleError as exc:
        raise refused(exc.reason) from None
    try:
        enrolment = read_enrolment(raw)
        return RegisteredKey(enrolment.agency_id, enrolment.public_key, enrolment.key_id)
    except BundleError as first:
        shown = _shown_key(raw)
        if shown is None:
            raise refused(first.reason) from None
    try:
        public = b64decode_canonical(shown["public_key"])
        require_valid_public_key(public)  # 32 bytes, on the curve, not of small order
    except BundleError as exc:
        raise refused(exc.reason) from None
    return RegisteredKey(shown["agency_id"], public, key_id(public))


def local_keys(ws: Workspace) -> list:
    """This installation's own keys and the receiving office's keyring (not revoked)."""
    from cchc_tui.domain.bundle.keys import key_id
    from cchc_tui.domain.bundle.verify import RegisteredKey

    with ws.db.read() as conn:
        rows = local_public_keys(conn=conn)
    out = []
    for agency_id, public_b64 in rows:
        public = base64.b64decode(public_b64)
        out.append(RegisteredKey(agency_id, public, key_id(public)))
    return out


def verify_file(
    ws: Workspace, path: Path, *, key_file: Path | None = None, keyring_dir: Path | None = None
) -> Outcome:
    """Check a bundle file strictly, in the contract's order."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.strictjson import read_capped
    from cchc_tui.domain.bundle.verify import verify_bundle
    from cchc_tui.services.catalog import load_registry

    if key_file is not None:
        keys = [_registered_from_file(key_file)]
    elif keyring_dir is not None:
        if not keyring_dir.is_dir():
            raise ServiceError(f"Không thấy thư mục khóa {keyring_dir}.")
        keys = [_registered_from_file(p) for p in sorted(keyring_dir.glob("*.json"))]
    else:
        keys = local_keys(ws)
    by_id = {k.key_id: k for k in keys}
    if path.is_dir():
        raise ServiceError(
            f"{path} là thư mục: cchc verify kiểm tra từng tệp gói báo cáo, hãy ghi tên tệp "
            f"(ví dụ {path / 'so-noi-vu_2025-Q1_0001.json'})."
        )
    try:
        raw = read_capped(path)
        verified = verify_bundle(raw, by_id.get)
    except FileNotFoundError:
        raise ServiceError(f"Không thấy tệp {path}.") from None
    except BundleError as exc:
        if exc.code == "not_a_file":
            raise ServiceError(f"{path}: {exc.reason}") from None
        return Outcome(False, f"KHÔNG HỢP LỆ: {path.name}: {exc.reason}")
    agency = load_registry(ws).get(verified.agency_id)
    name = agency.name if agency else verified.agency_id
    return Outcome(
        True,
        f"HỢP LỆ: gói báo cáo của {name} ({verified.agency_id}), kỳ {period_label(verified.period)}, "
        f"số thứ tự {verified.seq}, khóa {verified.fingerprint}.",
    )
