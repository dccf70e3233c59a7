"""On an agency's install: pin the office's key, and load what the office signs back
(receipts; later registry updates and plans), each verified against the pinned key."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import letters as store

if TYPE_CHECKING:
    from cchc_tui.domain.bundle.letters import Letter

MAX_FILE_BYTES = 8 * 1024 * 1024
KIND_LABELS = {"receipt": "Biên nhận", "registry": "Danh mục", "plan": "Kế hoạch"}


class LetterRefused(ServiceError):
    """A file from (or claiming to be from) the office that is refused: exit 1."""


@dataclass(frozen=True)
class OfficeKeyOffer:
    """A verified office key document or rotation, not yet pinned."""

    source: str
    key_id: str
    fingerprint: str
    public_key: bytes
    office_name: str
    signed_at: str
    document: bytes
    replaces: str | None


def read_file(path: Path) -> bytes:
    """A file's bytes, capped; an unreadable path is refused input (exit 2)."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.strictjson import read_capped

    path = Path(path)
    try:
        return read_capped(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise ServiceError(f"Không đọc được tệp {path}: {exc.strerror}.") from None
    except BundleError as exc:
        raise LetterRefused(exc.reason, code=exc.code) from None


def pinned_keys(ws: Workspace) -> list[store.PinnedOfficeKey]:
    """Every office key pinned here, oldest first."""
    with ws.db.read() as conn:
        return store.pinned_office_keys(conn=conn)


def current_office_key(ws: Workspace) -> store.PinnedOfficeKey | None:
    """The office key letters are checked against now, or None before `cchc office add`."""
    current = [k for k in pinned_keys(ws) if k.retired_at is None]
    return current[-1] if current else None


def _payload_type(raw: bytes) -> str:
    from cchc_tui.domain.bundle.strictjson import loads_strict

    document = loads_strict(raw, max_bytes=MAX_FILE_BYTES)
    kind = document.get("payloadType") if isinstance(document, dict) else None
    return kind if isinstance(kind, str) else ""


def preview_office_key(ws: Workspace, raw: bytes) -> OfficeKeyOffer:
    """Verify an office key document (first install) or the office's rotation statement
    (signed by the pinned key and the new one); nothing is stored yet."""
    from cchc_tui.domain.bundle.enrolment import read_rotation
    from cchc_tui.domain.bundle.envelope import PAYLOAD_OFFICE_ROTATION
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.keys import fingerprint
    from cchc_tui.domain.bundle.letters import read_office_key

    current = current_office_key(ws)
    try:
        if _payload_type(raw) == PAYLOAD_OFFICE_ROTATION:
            if current is None:
                raise LetterRefused(
                    "Máy chưa cài khóa của Sở Nội vụ: cài tệp khóa của Sở trước "
                    "(cchc office add TỆP_KHÓA), rồi mới nhận tuyên bố đổi khóa."
                )
            old = base64.b64decode(current.public_key)
            rotation = read_rotation(raw, old_public_key=old, payload_type=PAYLOAD_OFFICE_ROTATION)
            public, kid, name = rotation.new_public_key, rotation.new_key_id, current.office_name
            signed_at, source = rotation.created_at, "rotation"
        else:
            key = read_office_key(raw)
            public, kid, name = key.public_key, key.key_id, key.office_name
            signed_at, source = key.created_at, "key"
    except BundleError as exc:
        raise LetterRefused(exc.reason, code=exc.code) from None
    if source == "key" and current is not None and current.key_id != kid:
        raise LetterRefused(
            f"Máy đã cài khóa khác của Sở Nội vụ (vân tay {current.fingerprint}). Sở đổi khóa "
            "thì gửi tuyên bố đổi khóa ký bằng cả hai khóa; không nhận tệp khóa này."
        )
    replaces = current.fingerprint if source == "rotation" and current else None
    return OfficeKeyOffer(source, kid, fingerprint(public), public, name, signed_at, raw, replaces)


def pin_office_key(ws: Workspace, offer: OfficeKeyOffer) -> bool:
    """Pin the offered key; False when it is already the current one (nothing changes)."""
    current = current_office_key(ws)
    if current is not None and current.key_id == offer.key_id:
        return False
    key = store.PinnedOfficeKey(
        offer.key_id,
        base64.b64encode(offer.public_key).decode("ascii"),
        offer.fingerprint,
        offer.office_name,
        offer.source,
        offer.document,
        offer.signed_at,
        ws.clock.now_iso(),
    )
    store.pin_office_key(ws.db, key)
    return True


def office_keys_for(ws: Workspace) -> dict[str, bytes]:
    """Pinned keys that may sign a letter now: the current one (a retired key's letters
    signed before it was retired are checked by `_signed_in_time`)."""
    keys = pinned_keys(ws)
    if not keys:
        raise LetterRefused(
            "Máy chưa cài khóa của Sở Nội vụ nên chưa kiểm tra được tệp này. Cài tệp khóa Sở "
            "gửi (cchc office add TỆP_KHÓA) sau khi đối chiếu vân tay, rồi nạp lại."
        )
    return {k.key_id: base64.b64decode(k.public_key) for k in keys}


def signed_in_time(ws: Workspace, key_id: str, issued_at: str) -> None:
    from cchc_tui.domain.clock import parse_moment

    key = next(k for k in pinned_keys(ws) if k.key_id == key_id)
    if key.retired_at is None:
        return
    issued, retired = parse_moment(issued_at), parse_moment(key.retired_at)
    if issued is None or retired is None or issued >= retired:
        raise LetterRefused(
            "Tệp được ký bằng khóa cũ của Sở Nội vụ sau khi Sở đã đổi khóa. Không nhận; "
            "đề nghị Sở gửi lại tệp ký bằng khóa mới."
        )


def keep_letter(
    ws: Workspace,
    letter: Letter,
    raw: bytes,
    *,
    kind: str,
    file_name: str,
    summary: str,
    agency_id: str | None = None,
    period_id: str | None = None,
) -> bool:
    """Store a verified letter (the file's bytes as sent); False when loaded before."""
    row = store.StoredLetter(
        body_sha256=hashlib.sha256(letter.body_bytes).hexdigest(),
        kind=kind,
        key_id=letter.key_id,
        issued_at=letter.issued_at,
        added_at=ws.clock.now_iso(),
        file_name=file_name,
        agency_id=agency_id,
        period_id=period_id,
        summary=summary,
        envelope=raw,
        body=letter.body_bytes.decode("utf-8"),
    )
    return store.add_letter(ws.db, row)


def letters(ws: Workspace) -> list[store.StoredLetter]:
    """Everything loaded from the office, newest signed first."""
    with ws.db.read() as conn:
        return store.letters(conn=conn)


@dataclass(frozen=True)
class LetterRow:
    """One loaded letter as the "Thư từ Sở Nội vụ" screen lists it."""

    kind: str
    summary: str
    issued_at: str
    added_at: str
    signer: str
    file_name: str


def letter_rows(ws: Workspace) -> list[LetterRow]:
    """Every letter loaded here, newest signed first, with its signer's fingerprint."""
    from cchc_tui.domain.bundle.keys import fingerprint_of_id

    return [
        LetterRow(
            KIND_LABELS.get(stored.kind, stored.kind),
            stored.summary,
            stored.issued_at,
            stored.added_at,
            fingerprint_of_id(stored.key_id),
            stored.file_name,
        )
        for stored in letters(ws)
    ]


def kind_of_file(raw: bytes) -> str:
    """What an office file claims to be: `key`, `rotation`, `receipt`, `registry`, `plan`,
    or `` (not one of the office's documents; its own reader will say why)."""
    from cchc_tui.domain.bundle import envelope as types
    from cchc_tui.domain.bundle.errors import BundleError

    kinds = {
        types.PAYLOAD_OFFICE_KEY: "key",
        types.PAYLOAD_OFFICE_ROTATION: "rotation",
        types.PAYLOAD_RECEIPT: "receipt",
        types.PAYLOAD_REGISTRY: "registry",
        types.PAYLOAD_PLAN: "plan",
    }
    try:
        return kinds.get(_payload_type(raw), "")
    except BundleError:
        return ""
