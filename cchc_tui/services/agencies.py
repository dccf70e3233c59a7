"""Changes to the registry that users make: adding a commune under its district."""

from __future__ import annotations

import re

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.text import fold, nfc
from cchc_tui.services.catalog import find_agency, load_registry
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import writes


def commune_id(district_id: str, name: str) -> str:
    """Stable ASCII id: `xa-<name>-<district>`, e.g. `xa-tan-long-huyen-yen-son`."""
    words = re.sub(r"^(xa|phuong|thi tran)\s+", "", fold(name))
    slug = re.sub(r"[^a-z0-9]+", "-", words).strip("-")
    return f"xa-{slug}-{district_id}"


def add_commune(ws: Workspace, name: str, district_query: str) -> Agency:
    """Add a commune-level unit under a district; refuses duplicates."""
    district = find_agency(ws, district_query)
    if district.kind != "district":
        raise ServiceError(
            f"'{district.name}' không phải đơn vị cấp huyện: chọn một huyện hoặc thành phố."
        )
    name = nfc(name).strip()
    if not fold(name):
        raise ServiceError("Chưa nhập tên xã.")
    agency_id = commune_id(district.id, name)
    if agency_id in load_registry(ws):
        raise ServiceError(f"Đã có {name} thuộc {district.short_name} (mã {agency_id}).")
    full = name if fold(name).startswith(("xa ", "phuong ", "thi tran ")) else f"Xã {name}"
    writes.add_agency(
        ws.db,
        agency_id=agency_id,
        name=f"Ủy ban nhân dân {full[0].lower()}{full[1:]}",
        short_name=f"UBND {full[0].lower()}{full[1:]}",
        kind="commune",
        parent_id=district.id,
        valid_from=district.valid_from.isoformat(),
        valid_to=district.valid_to.isoformat() if district.valid_to else None,
        source="user",
        position=10_000 + len(load_registry(ws)),
    )
    return load_registry(ws, refresh=True).agencies[agency_id]
