"""Changes to the registry that users make: adding one commune, or a commune list from a file.

Two kinds of commune ids (docs/reorganisation.md):
- `add-commune --district D --name N`, the older way, keeps the id it always gave,
  `xa-<name>-<district>` (bundles and enrolments already carry it); such a commune
  shares its district's dates and successors.
- A commune of the two-tier government (no district): id from kind and name alone,
  `xa-tan-long`, `phuong-minh-xuan`, the same on every install that loads the list.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.communes import CommuneError, CommuneListing, full_name, split_name
from cchc_tui.domain.communes import commune_id as two_tier_id
from cchc_tui.domain.text import fold, nfc
from cchc_tui.services.catalog import find_agency, load_registry, registry_rules
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import writes

MAX_AGENCY_ID = 100
"""Longest id a commune gets: it becomes part of file names (keys, bundles; 255 at most)."""


def commune_id(district_id: str, name: str) -> str:
    """Id of a commune added under a district: `xa-<name>-<district>`, e.g. `xa-tan-long-huyen-yen-son`."""
    words = re.sub(r"^(xa|phuong|thi tran)\s+", "", fold(name))
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    return f"xa-{slug}-{district_id}"


def _council(full: str) -> tuple[str, str]:
    """(name, short name) of a commune's people's committee from "Xã Tân Long"."""
    lower = f"{full[0].lower()}{full[1:]}"
    return f"Ủy ban nhân dân {lower}", f"UBND {lower}"


def _under_district(ws: Workspace, name: str, district_query: str) -> writes.NewAgency:
    district = find_agency(ws, district_query)
    if district.kind != "district":
        raise ServiceError(
            f"'{district.name}' không phải đơn vị cấp huyện: chọn một huyện hoặc thành phố."
        )
    agency_id = commune_id(district.id, name)
    if agency_id in load_registry(ws):
        raise ServiceError(f"Đã có {name} thuộc {district.short_name} (mã {agency_id}).")
    full = name if fold(name).startswith(("xa ", "phuong ", "thi tran ")) else f"Xã {name}"
    long_name, short_name = _council(full)
    return writes.NewAgency(
        agency_id=agency_id,
        name=long_name,
        short_name=short_name,
        kind="commune",
        parent_id=district.id,
        valid_from=district.valid_from.isoformat(),
        valid_to=district.valid_to.isoformat() if district.valid_to else None,
        successors=json.dumps(
            [{"to": s.to, "from": s.starts.isoformat()} for s in district.successors]
        ),
        source="user",
        position=10_000 + len(load_registry(ws)),
    )


def commune_level_start(ws: Workspace) -> dt.date:
    """The first day of the two-tier local government, from the registry's data."""
    level = registry_rules(ws).get("commune_level", {})
    return dt.date.fromisoformat(level.get("from", "2025-07-01"))


def _new_agency(listing: CommuneListing, position: int) -> writes.NewAgency:
    long_name, short_name = _council(listing.name)
    return writes.NewAgency(
        agency_id=listing.id,
        name=long_name,
        short_name=short_name,
        kind="commune",
        parent_id=None,
        valid_from=listing.valid_from.isoformat(),
        valid_to=None,
        former_province=listing.former_province,
        source="user",
        position=position,
    )


def add_commune(
    ws: Workspace,
    name: str,
    district_query: str | None = None,
    *,
    kind: str | None = None,
    valid_from: dt.date | None = None,
) -> Agency:
    """Add one commune: under a district (the older way), or of the two-tier government.

    Refuses duplicates. Without a district the commune starts on `valid_from` (default:
    the first day of the two-tier government) and its id comes from kind and name.
    """
    name = nfc(name).strip()
    if not fold(name):
        raise ServiceError("Chưa nhập tên xã.")
    if district_query:
        row = _under_district(ws, name, district_query)
    else:
        try:
            listing = CommuneListing(
                line=0,
                id=two_tier_id(name, kind),
                name=full_name(name, kind),
                kind=split_name(name, kind)[0],
                valid_from=valid_from or commune_level_start(ws),
                former_province=None,
            )
        except CommuneError as exc:
            raise ServiceError(f"Tên xã không dùng được: {exc}.") from None
        if listing.id in load_registry(ws):
            raise ServiceError(f"Đã có {listing.name} (mã {listing.id}).")
        row = _new_agency(listing, 10_000 + len(load_registry(ws)))
    if len(row.agency_id) > MAX_AGENCY_ID:  # the id names key and bundle files
        raise ServiceError(
            f"Tên xã quá dài ({len(name)} ký tự): mã xã dùng làm tên tệp khóa và tệp báo cáo "
            'nên phải ngắn; hãy nhập đúng tên xã (ví dụ "Xã Tân Long"). Chưa có gì thay đổi.'
        )
    writes.add_agencies(ws.db, [row])
    return load_registry(ws, refresh=True).agencies[row.agency_id]


@dataclass(frozen=True)
class CommuneImport:
    """A commune list read and checked: what would be added, what is already there."""

    file_name: str
    new: tuple[CommuneListing, ...]
    present: tuple[CommuneListing, ...]
    outside_plan: tuple[CommuneListing, ...]
    """Of `new`, those the active plan does not cover (from another former province)."""
    outside_note: str


def check_listings(ws: Workspace, file_name: str, listings: list[CommuneListing]) -> CommuneImport:
    """Split a list's communes into new and already registered; none is written."""
    from cchc_tui.services.catalog import plan_scope

    registry = load_registry(ws)
    scope, note = plan_scope(ws)
    new = tuple(c for c in listings if c.id not in registry)
    present = tuple(c for c in listings if c.id in registry)
    outside = tuple(
        c for c in new if scope and c.former_province and fold(c.former_province) not in scope
    )
    return CommuneImport(file_name, new, present, outside, note)


def import_communes(ws: Workspace, checked: CommuneImport) -> list[Agency]:
    """Register the new communes of a checked list in one transaction."""
    base = 10_000 + len(load_registry(ws))
    rows = [_new_agency(c, base + i) for i, c in enumerate(checked.new)]
    added = set(writes.add_agencies(ws.db, rows))
    registry = load_registry(ws, refresh=True)
    return [registry.agencies[c.id] for c in checked.new if c.id in added]
