"""On an agency's install: load a registry update signed by the pinned office key, after
a preview of what is new and what changed, in one transaction. A signed plan carries
registry entries too: services/plan_letters.py loads it with the helpers here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_tui.services.catalog import load_registry
from cchc_tui.services.letters import LetterRefused, office_keys_for, read_file, signed_in_time
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import letters as store

if TYPE_CHECKING:
    from cchc_tui.domain.agencies import Agency
    from cchc_tui.domain.bundle.letters import Letter

_FIELD_NAMES = {
    "name": "tên",
    "short_name": "tên ngắn",
    "kind": "loại",
    "parent": "cấp trên",
    "valid_from": "từ ngày",
    "valid_to": "đến ngày",
    "successors": "cơ quan kế thừa",
    "aliases": "tên gọi khác",
    "note": "ghi chú",
    "former_province": "tỉnh cũ",
}


@dataclass(frozen=True)
class LetterPreview:
    """A verified registry update or plan, and what loading it would change here."""

    kind: str
    file_name: str
    raw: bytes
    letter: Letter
    added: tuple[Agency, ...]
    changed: tuple[tuple[Agency, str], ...]
    """Each changed agency (as it will be) and the fields that change, in words."""
    plan: dict | None = None

    @property
    def issued_at(self) -> str:
        """When the office signed it."""
        return self.letter.issued_at


def _differences(old: Agency, new: Agency) -> str:
    old_, new_ = replace(old, outside_plan=None), replace(new, outside_plan=None)
    names = [label for f, label in _FIELD_NAMES.items() if getattr(old_, f) != getattr(new_, f)]
    return ", ".join(names)


def compare_agencies(ws: Workspace, agencies: list[Agency]) -> tuple[tuple, tuple]:
    """The entries new here, and the changed ones with what changes in words."""
    registry = load_registry(ws, refresh=True)
    added, changed = [], []
    for agency in agencies:
        held = registry.get(agency.id)
        if held is None:
            added.append(agency)
        elif what := _differences(held, agency):
            changed.append((agency, what))
    return tuple(added), tuple(changed)


def _refuse_older(ws: Workspace, kind: str, letter: Letter) -> None:
    from cchc_tui.domain.clock import parse_moment

    with ws.db.read() as conn:
        latest = store.latest_letter(kind, conn=conn)
    if latest is None:
        return
    newest, this = parse_moment(latest.issued_at), parse_moment(letter.issued_at)
    if newest is not None and this is not None and this < newest:
        raise LetterRefused(
            f"Tệp này do Sở Nội vụ ký ngày {this:%d/%m/%Y}, cũ hơn tệp cùng loại đã nạp "
            f"(ký ngày {newest:%d/%m/%Y}): không nạp đè bản mới bằng bản cũ."
        )


def preview_registry(ws: Workspace, path: Path) -> LetterPreview:
    """Verify a registry update and compare it with the registry here; nothing written."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.registry import read_registry_update

    raw = read_file(path)
    try:
        agencies, letter = read_registry_update(raw, office_keys_for(ws))
    except BundleError as exc:
        raise LetterRefused(exc.reason, code=exc.code) from None
    signed_in_time(ws, letter.key_id, letter.issued_at)
    _refuse_older(ws, "registry", letter)
    added, changed = compare_agencies(ws, agencies)
    return LetterPreview("registry", Path(path).name, raw, letter, added, changed)


def stored_letter(ws: Workspace, preview: LetterPreview, summary: str) -> store.StoredLetter:
    """The row that keeps a verified letter, as the office signed it."""
    return store.StoredLetter(
        body_sha256=hashlib.sha256(preview.letter.body_bytes).hexdigest(),
        kind=preview.kind,
        key_id=preview.letter.key_id,
        issued_at=preview.issued_at,
        added_at=ws.clock.now_iso(),
        file_name=preview.file_name,
        agency_id=None,
        period_id=None,
        summary=summary,
        envelope=preview.raw,
        body=preview.letter.body_bytes.decode("utf-8"),
    )


def apply_registry(ws: Workspace, preview: LetterPreview) -> None:
    """Add the new agencies and update the changed ones, keeping the letter."""
    summary = f"{len(preview.added)} cơ quan mới, {len(preview.changed)} thay đổi"
    changed = [agency for agency, _ in preview.changed]
    store.apply_registry(ws.db, list(preview.added), changed, stored_letter(ws, preview, summary))
    load_registry(ws, refresh=True)
