"""Saved views of the task list: filters kept under a number key (settings `view.1` … `view.9`)."""

from __future__ import annotations

import json

from cchc_tui.domain.text import nfc
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.settings import put_settings
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries

VIEW_PREFIX = "view."
VIEW_KEYS = tuple(range(1, 10))


def _check_slot(number: int | str) -> int:
    text = str(number).strip()
    if not text.isdigit() or int(text) not in VIEW_KEYS:
        raise ServiceError(f"Phím '{number}' không dùng được: chọn một số từ 1 đến 9.")
    return int(text)


def saved_views(ws: Workspace) -> dict[int, dict[str, str]]:
    """Every saved view by its number key."""
    with ws.db.read() as conn:
        values = queries.settings_with_prefix(VIEW_PREFIX, conn=conn)
    views = {}
    for key, value in values.items():
        suffix = key[len(VIEW_PREFIX) :]
        if suffix.isdigit() and int(suffix) in VIEW_KEYS:
            try:
                data = json.loads(value)
            except ValueError:
                continue
            if isinstance(data, dict):
                views[int(suffix)] = {str(k): str(v) for k, v in data.items()}
    return views


def save_view(ws: Workspace, number: int | str, filters: dict[str, str]) -> int:
    """Keep `filters` under number key 1–9 (replacing what was there)."""
    slot = _check_slot(number)
    put_settings(ws, {f"{VIEW_PREFIX}{slot}": nfc(json.dumps(filters, ensure_ascii=False))})
    return slot
