"""Autosaved drafts of the open progress form: written every few seconds, offered on restart."""

from __future__ import annotations

import json
from dataclasses import dataclass

from cchc_tui.domain.periods import period_label
from cchc_tui.domain.progress import RawEntry
from cchc_tui.domain.text import nfc
from cchc_tui.services.progress import Slot
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries, writes


@dataclass(frozen=True)
class Draft:
    """A pending draft: which slot, when it was saved and what had been typed."""

    task_code: str
    period_id: str
    saved_at: str
    entry: RawEntry


def entry_to_payload(raw: RawEntry) -> str:
    """JSON text of a typed entry (NFC, as every stored string)."""
    data = {
        "status": raw.status,
        "progress": raw.progress,
        "result": raw.result,
        "difficulties": raw.difficulties,
        "proposals": raw.proposals,
        "evidence": [list(row) for row in raw.evidence],
        "indicators": {k: list(v) for k, v in raw.indicators.items()},
    }
    return nfc(json.dumps(data, ensure_ascii=False))


def entry_from_payload(payload: str) -> RawEntry:
    """The typed entry back from its JSON text; unknown keys are ignored."""
    data = json.loads(payload)
    return RawEntry(
        status=str(data.get("status", "")),
        progress=str(data.get("progress", "")),
        result=str(data.get("result", "")),
        difficulties=str(data.get("difficulties", "")),
        proposals=str(data.get("proposals", "")),
        evidence=[(*map(str, row), "", "", "")[:3] for row in data.get("evidence", [])],
        indicators={k: (str(v[0]), str(v[1])) for k, v in data.get("indicators", {}).items()},
    )


def save_draft(ws: Workspace, slot: Slot, raw: RawEntry) -> str:
    """Write (or replace) the slot's draft; returns when it was saved."""
    saved_at = ws.clock.now_iso()
    writes.save_draft(
        ws.db,
        slot.agency_id,
        slot.plan_id,
        slot.task_code,
        slot.period_id,
        saved_at=saved_at,
        payload=entry_to_payload(raw),
    )
    return saved_at


def delete_draft(ws: Workspace, slot: Slot) -> None:
    """Throw away the slot's draft (the officer discarded the form)."""
    writes.delete_draft(ws.db, slot.agency_id, slot.plan_id, slot.task_code, slot.period_id)


def discard_draft(ws: Workspace, agency_id: str, task_code: str, period_id: str) -> str:
    """Throw away a pending draft chosen from the start-up list; returns what to tell."""
    from cchc_tui.services.catalog import load_plan

    writes.delete_draft(ws.db, agency_id, load_plan(ws).id, task_code, period_id)
    return f"Đã bỏ bản nháp của nhiệm vụ {task_code}, {period_label(period_id)}."


def pending_drafts(ws: Workspace, agency_id: str, plan_id: str) -> list[Draft]:
    """Drafts left by a form that was never saved nor discarded, newest first."""
    with ws.db.read() as conn:
        rows = queries.drafts(agency_id, plan_id, conn=conn)
    return [
        Draft(r.task_code, r.period_id, r.saved_at, entry_from_payload(r.payload)) for r in rows
    ]


def draft_for(ws: Workspace, slot: Slot) -> Draft | None:
    """The slot's pending draft, if any."""
    return next(
        (
            d
            for d in pending_drafts(ws, slot.agency_id, slot.plan_id)
            if (d.task_code, d.period_id) == (slot.task_code, slot.period_id)
        ),
        None,
    )
