"""Replacing a plan held by a workbook's different version under the same id (`cchc plan
import FILE --replace`): what it would change (the same diff as a signed correction,
services/plan_letters.py), and whether it may happen at all: never the built-in Plan 56
(each release reloads it), nor a plan whose version came signed by Sở Nội vụ (only a
later signed version replaces it), and only when the person asked to replace."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from cchc_tui.domain.plan_rows import plan_essence
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.plan_letters import Replacement, latest_signed, replacement
from cchc_tui.services.plans import held_plans, plan_document_of, short_id
from cchc_tui.services.workspace import Workspace
from cchc_tui.store.plans import PlanSummary


@cache
def seed_plan_ids() -> frozenset[str]:
    """The ids of the plans shipped in `seed/` (Plan 56): reloaded by each release."""
    return frozenset(
        json.loads(e.read_bytes())["plan"]["id"]
        for e in files("cchc_tui.seed").iterdir()
        if e.name.startswith("plan-") and e.name.endswith(".json")
    )


def held_as(ws: Workspace, document: dict) -> tuple[PlanSummary, dict] | None:
    """The plan held under this document's id (or short id) and its stored document."""
    plan_id = document["plan"]["id"]
    for held in held_plans(ws):
        if plan_id in (held.id, short_id(held)):
            return held, plan_document_of(ws, held.id)
    return None


def check_replaceable(ws: Workspace, held: PlanSummary, *, replace: bool) -> None:
    """ServiceError when a workbook may not replace the plan held: the built-in plan, one
    whose version came signed by Sở Nội vụ (only a later signed version replaces it), and
    any other without `replace` (the message says to ask for it)."""
    held_as = f"Đã có kế hoạch {held.number} ({short_id(held)}) với nội dung khác"
    if held.id in seed_plan_ids():
        raise ServiceError(
            f"{held_as}; kế hoạch này cài sẵn trong chương trình, không thay bằng tệp Excel "
            "được (kế hoạch mới cần số hiệu mới); chưa lưu gì."
        )
    if latest_signed(ws, {held.id, short_id(held)}) is not None:
        raise ServiceError(
            f"{held_as}; kế hoạch này do Sở Nội vụ ký gửi: chỉ thay bằng bản sửa đổi Sở ký "
            "(cchc plan add TỆP), không thay bằng tệp Excel; chưa lưu gì."
        )
    if not replace:
        raise ServiceError(
            f"{held_as}: nếu tệp là bản sửa đổi của kế hoạch này, nạp lại với --replace (xem "
            "trước những gì thay đổi); chưa lưu gì."
        )


def replacement_for(ws: Workspace, document: dict, *, replace: bool = True) -> Replacement | None:
    """What storing a workbook's plan (`preview_import(...).document`) in place of the
    different version held under its id would change; None when no plan, or the same
    plan, is held under it. ServiceError when the plan held may not be replaced (or
    `replace` is False: the refusal then says how to ask for it)."""
    found = held_as(ws, document)
    if found is None or plan_essence(found[1]) == plan_essence(document):
        return None
    held, old = found
    check_replaceable(ws, held, replace=replace)
    new = {**document, "plan": {**document["plan"], "id": held.id}}
    return replacement(ws, held.id, old, new, None)
