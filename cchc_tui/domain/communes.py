"""Communes of the two-tier local government: stable ids and the commune list file's rows.

A commune's id comes from its kind and name alone ("Xã Tân Long" → `xa-tan-long`,
"Phường Minh Xuân" → `phuong-minh-xuan`), so every install that loads the same list
gives it the same id, the one its bundles carry. Communes added the older way, under a
district, keep their ids (`xa-tan-long-huyen-yen-son`): see docs/reorganisation.md.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from cchc_tui.domain.text import fold, nfc

COMMUNE_KINDS = {"xa": "Xã", "phuong": "Phường"}
"""Kinds a commune list may name (folded word → the word written before the name)."""
_PREFIXES = ("xa", "phuong", "thi tran")
MAX_ID_LENGTH = 100
"""An id names key and bundle files (`<id>_2025-Y_0001.json`): it must stay short."""
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


class CommuneError(ValueError):
    """A commune name, kind or date that cannot be used; the message says what to type."""


def parse_kind(text: str) -> str:
    """`xa` or `phuong` from "xã", "Xa", "PHƯỜNG" …; CommuneError otherwise."""
    kind = fold(str(text))
    if kind not in COMMUNE_KINDS:
        raise CommuneError(f"loại '{text}' không hợp lệ: ghi xã hoặc phường")
    return kind


def split_name(name: str, kind: str | None = None) -> tuple[str, str]:
    """(kind, bare name) of "Xã Tân Long" or of "Tân Long" with kind `xa`.

    The kind written in the name must agree with `kind` when both are given.
    """
    kind = parse_kind(kind) if kind else None
    name = " ".join(nfc(str(name)).split())
    folded = fold(name)
    written = next((p for p in _PREFIXES if folded.startswith(p + " ")), None)
    if written == "thi tran":
        raise CommuneError(f"'{name}': thị trấn không còn sau 01/7/2025, ghi xã hoặc phường")
    bare = name.split(" ", 1)[1].strip() if written else name
    if written and kind and written != kind:
        raise CommuneError(
            f"'{name}' ghi {COMMUNE_KINDS[written]} nhưng loại là {COMMUNE_KINDS[kind]}"
        )
    chosen = written or kind
    if chosen is None:
        raise CommuneError(f"'{name}': chưa rõ là xã hay phường")
    if not fold(bare):
        raise CommuneError("chưa có tên xã, phường")
    if any(unicodedata.category(ch).startswith("C") for ch in bare):
        raise CommuneError("tên có ký tự điều khiển (ký tự không in được)")
    if not bare[0].isalnum():
        raise CommuneError(f"tên '{bare}' phải bắt đầu bằng chữ cái hoặc chữ số")
    return chosen, bare


def commune_id(name: str, kind: str | None = None) -> str:
    """Stable ASCII id from kind and name alone: "Xã Tân Long" → `xa-tan-long`."""
    kind, bare = split_name(name, kind)
    slug = re.sub(r"[^a-z0-9]+", "-", fold(bare)).strip("-")
    if not slug:
        raise CommuneError(f"tên '{bare}' không có chữ cái hay chữ số nào dùng làm mã")
    if len(slug) + len(kind) + 1 > MAX_ID_LENGTH:
        raise CommuneError(f"tên quá dài ({len(bare)} ký tự): mã xã dùng làm tên tệp")
    return f"{kind}-{slug}"


def full_name(name: str, kind: str | None = None) -> str:
    """ "Xã Tân Long": the kind word, then the name as typed (NFC)."""
    kind, bare = split_name(name, kind)
    return f"{COMMUNE_KINDS[kind]} {bare}"


def parse_date(value: object) -> dt.date:
    """A day from a cell: a date, dd/mm/yyyy or yyyy-mm-dd; CommuneError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise CommuneError(f"ngày '{text}' không hợp lệ: ghi dạng 01/07/2025")


@dataclass(frozen=True)
class CommuneListing:
    """One line of a commune list: the commune as it will be registered."""

    line: int
    id: str
    name: str
    kind: str
    valid_from: dt.date
    former_province: str | None


HEADERS = {
    "name": ("ten", "name", "ten xa phuong", "ten don vi"),
    "kind": ("loai", "kind", "cap"),
    "valid_from": ("tu ngay", "valid from", "valid_from", "ngay hieu luc"),
    "former_province": ("tinh cu", "former province", "former_province", "thuoc tinh cu"),
}
REQUIRED = ("name", "kind", "valid_from")


def header_columns(cells: list[object]) -> dict[str, int]:
    """Column of each known header ("Tên", "Loại", "Từ ngày", "Tỉnh cũ"); CommuneError if one is missing."""
    folded = [fold(str(c or "")) for c in cells]
    found = {}
    for field, names in HEADERS.items():
        for index, cell in enumerate(folded):
            if cell in names:
                found[field] = index
                break
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        raise CommuneError(
            "dòng đầu phải là tiêu đề các cột: Tên, Loại, Từ ngày (và nếu có: Tỉnh cũ)"
        )
    return found


def parse_rows(rows: list[list[object]]) -> tuple[list[CommuneListing], list[str]]:
    """Listings and line errors ("dòng 4: …") from a list's rows, the header row first.

    Blank lines are skipped; a commune listed twice is an error on the second line.
    """
    if not rows:
        raise CommuneError("tệp không có dòng nào")
    columns = header_columns(rows[0])
    listings: list[CommuneListing] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [*row, *([None] * len(HEADERS))]
        if all(str(c or "").strip() == "" for c in row):
            continue
        try:
            listing = _listing(number, cells, columns)
        except CommuneError as exc:
            errors.append(f"dòng {number}: {exc}")
            continue
        if listing.id in seen:
            errors.append(f"dòng {number}: {listing.name} đã có ở dòng {seen[listing.id]}")
            continue
        seen[listing.id] = number
        listings.append(listing)
    return listings, errors


def _listing(number: int, cells: list[object], columns: dict[str, int]) -> CommuneListing:
    name = str(cells[columns["name"]] or "").strip()
    if not name:
        raise CommuneError("chưa có tên xã, phường")
    kind_cell = str(cells[columns["kind"]] or "").strip()
    kind = parse_kind(kind_cell) if kind_cell else None
    province = None
    if "former_province" in columns:
        province = " ".join(nfc(str(cells[columns["former_province"]] or "")).split()) or None
    return CommuneListing(
        line=number,
        id=commune_id(name, kind),
        name=full_name(name, kind),
        kind=split_name(name, kind)[0],
        valid_from=parse_date(cells[columns["valid_from"]]),
        former_province=province,
    )
