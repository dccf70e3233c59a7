"""Registry entries the office signs: in a registry update (the whole list: communes,
successors, renamed bodies) and in a plan (the agencies it names). docs/office-envelopes.md."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from nacl.signing import SigningKey

from cchc_tui.domain.agencies import Agency, Succession
from cchc_tui.domain.bundle.envelope import PAYLOAD_REGISTRY
from cchc_tui.domain.bundle.letters import Letter, bad_body, open_letter, seal_letter

REGISTRY_KIND = "registry-update"
KINDS = ("department", "body", "district", "commune")
ENTRY_FIELDS = {"id", "name", "short_name", "kind", "parent", "valid_from", "valid_to"} | {
    "successors",
    "aliases",
    "note",
    "former_province",
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
_SUCCESSOR = re.compile(r"@?[a-z0-9][a-z0-9-]{0,99}")


def entry_of(agency: Agency) -> dict:
    """The signed form of a registry entry (dates ISO, absent values null)."""
    return {
        "id": agency.id,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "parent": agency.parent,
        "valid_from": agency.valid_from.isoformat(),
        "valid_to": agency.valid_to.isoformat() if agency.valid_to else None,
        "successors": [{"to": s.to, "from": s.starts.isoformat()} for s in agency.successors],
        "aliases": list(agency.aliases),
        "note": agency.note,
        "former_province": agency.former_province,
    }


def _day(value: object, where: str) -> dt.date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise bad_body(where)


def _text(value: object, where: str, *, optional: bool = False) -> str | None:
    """A name or note: non-blank, bounded, no control characters."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > 2000:
        raise bad_body(where)
    if any(unicodedata.category(c) == "Cc" for c in value):
        raise bad_body(f"{where}: có ký tự điều khiển")
    return value


def agency_of(entry: object) -> Agency:
    """A registry entry checked field by field (BundleError bad_body names the field)."""
    if not isinstance(entry, dict) or set(entry) != ENTRY_FIELDS:
        raise bad_body("mục cơ quan: thiếu hoặc thừa trường")
    ident = entry["id"]
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        raise bad_body("mã cơ quan")
    where = f"cơ quan {ident}"
    if entry["kind"] not in KINDS:
        raise bad_body(f"{where}: loại")
    parent = entry["parent"]
    if parent is not None and (not isinstance(parent, str) or not _ID.fullmatch(parent)):
        raise bad_body(f"{where}: cơ quan cấp trên")
    successors = entry["successors"]
    if not isinstance(successors, list) or not all(
        isinstance(s, dict)
        and set(s) == {"to", "from"}
        and isinstance(s["to"], str)
        and _SUCCESSOR.fullmatch(s["to"])
        for s in successors
    ):
        raise bad_body(f"{where}: cơ quan kế thừa")
    aliases = entry["aliases"]
    if not isinstance(aliases, list):
        raise bad_body(f"{where}: tên gọi khác")
    for alias in aliases:
        _text(alias, f"{where}: tên gọi khác")
    valid_from = _day(entry["valid_from"], f"{where}: ngày bắt đầu")
    valid_to = (
        None if entry["valid_to"] is None else _day(entry["valid_to"], f"{where}: ngày kết thúc")
    )
    if valid_to is not None and valid_to < valid_from:
        raise bad_body(f"{where}: ngày kết thúc trước ngày bắt đầu")
    return Agency(
        id=ident,
        name=_text(entry["name"], f"{where}: tên"),
        short_name=_text(entry["short_name"], f"{where}: tên ngắn"),
        kind=entry["kind"],
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        successors=tuple(
            Succession(s["to"], _day(s["from"], f"{where}: ngày kế thừa")) for s in successors
        ),
        aliases=tuple(aliases),
        note=_text(entry["note"], f"{where}: ghi chú", optional=True),
        former_province=_text(entry["former_province"], f"{where}: tỉnh cũ", optional=True),
    )


def agencies_of(entries: object, *, known: set[str] = frozenset()) -> list[Agency]:
    """Every entry checked; ids unique; parents and successors named in the list or `known`."""
    if not isinstance(entries, list):
        raise bad_body("agencies phải là danh sách")
    agencies = [agency_of(e) for e in entries]
    ids = [a.id for a in agencies]
    if len(set(ids)) != len(ids):
        raise bad_body("một mã cơ quan xuất hiện hai lần")
    named = set(ids) | set(known)
    for a in agencies:
        if a.parent is not None and a.parent not in named:
            raise bad_body(f"cơ quan {a.id}: cơ quan cấp trên {a.parent} không có trong danh mục")
        for s in a.successors:
            if not s.collective and s.to not in named:
                raise bad_body(f"cơ quan {a.id}: cơ quan kế thừa {s.to} không có trong danh mục")
    return agencies


def make_registry_update(
    agencies: list[Agency], signing_key: SigningKey, *, issued_at: str
) -> bytes:
    """The signed registry update: every agency of the office's registry."""
    fields = {"agencies": [entry_of(a) for a in agencies]}
    return seal_letter(PAYLOAD_REGISTRY, REGISTRY_KIND, fields, signing_key, issued_at=issued_at)


def read_registry_update(raw: bytes, office_keys: dict[str, bytes]) -> tuple[list[Agency], Letter]:
    """Verify a registry update against the pinned office keys and check every entry."""
    letter = open_letter(
        raw,
        payload_type=PAYLOAD_REGISTRY,
        kind=REGISTRY_KIND,
        fields={"agencies"},
        office_keys=office_keys,
    )
    return agencies_of(letter.body["agencies"]), letter
