"""Recording progress: append a revision, read a slot's history, restore an older one."""

from __future__ import annotations

from dataclasses import dataclass, replace

from cchc_tui.domain.periods import parse_period, period_label
from cchc_tui.domain.progress import (
    EntryError,
    ProgressEntry,
    RawEntry,
    Revision,
    entry_warnings,
    validate_entry,
)
from cchc_tui.domain.text import nfc
from cchc_tui.services.catalog import find_agency, find_task, load_plan
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.reorganisation import agency_period, check_reporting, roles_in
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries, writes


@dataclass(frozen=True)
class Slot:
    """A resolved (agency, task, period) slot that may be reported."""

    agency_id: str
    plan_id: str
    task_code: str
    period_id: str
    indicator_ids: tuple[str, ...]
    count_ids: frozenset[str] = frozenset()
    """The indicators among them whose value is a count ("hồ sơ"), not a % ratio."""


def resolve_slot(
    ws: Workspace, agency_query: str, code: str, period_id: str | None, *, writing: bool = True
) -> Slot:
    """Check that the agency may report this task in this period.

    Without `period_id`, the agency's default period (a body that ended: its last one).
    For `writing`, a period whose cut-off falls after the agency's last day is refused.
    """
    plan = load_plan(ws)
    agency = find_agency(ws, agency_query)
    task = find_task(ws, code)
    period = agency_period(ws, agency, period_id)
    if writing:
        check_reporting(ws, agency, period)
    if not roles_in(ws, agency, task, period).roles:
        raise ServiceError(
            f"{agency.name} không được giao nhiệm vụ {task.code} (không chủ trì, không phối hợp)."
        )
    if not plan.is_active(task, period):
        named = [f"{p.label} ({p.id})" for p in plan.task_periods(task)]  # ids: for --period
        spans = f"từ {named[0]} đến {named[-1]}" if len(named) > 1 else "".join(named)
        raise ServiceError(
            f"Nhiệm vụ {task.code} không có báo cáo trong kỳ {period.label} (thời gian thực "
            f"hiện: {task.start.raw} – {task.end.raw}; các kỳ báo cáo: {spans or 'không có'})."
        )
    indicators = plan.indicators_for_task(task.code)
    counts = frozenset(i.id for i in indicators if i.is_count)
    return Slot(agency.id, plan.id, task.code, period.id, tuple(i.id for i in indicators), counts)


def slot_history(ws: Workspace, slot: Slot) -> list[Revision]:
    """Every saved revision of the slot, oldest first."""
    with ws.db.read() as conn:
        return queries.slot_history(
            slot.agency_id, slot.plan_id, slot.task_code, slot.period_id, conn=conn
        )


def _append(
    ws: Workspace, slot: Slot, entry: ProgressEntry, author: str, restored_from: int | None
) -> Revision:
    created_at = ws.clock.now_iso()
    number = writes.append_revision(
        ws.db,
        slot.agency_id,
        slot.plan_id,
        slot.task_code,
        slot.period_id,
        entry=entry,
        created_at=created_at,
        author=author,
        restored_from=restored_from,
    )
    return Revision(number, created_at, author, entry, restored_from)


def _validated(slot: Slot, raw: RawEntry) -> ProgressEntry:
    try:
        return validate_entry(raw, slot.indicator_ids, counts=slot.count_ids)
    except EntryError as exc:
        raise ServiceError(str(exc), field_errors=exc.errors) from None


def progress_warnings(ws: Workspace, slot: Slot, raw: RawEntry) -> list[str]:
    """What to confirm before saving (empty result, a document dated in the future or
    after the period's cut-off); ServiceError when the entry cannot be saved at all."""
    return _warnings(ws, slot, _validated(slot, raw))


def _warnings(ws: Workspace, slot: Slot, entry: ProgressEntry) -> list[str]:
    cutoff = parse_period(slot.period_id).end
    return entry_warnings(entry, today=ws.clock.today(), cutoff=cutoff)


def record_progress(ws: Workspace, slot: Slot, raw: RawEntry, author: str) -> Revision:
    """Validate what was typed and save it as the slot's next revision.

    The revision's `warnings` say what the officer should check in what was saved.
    """
    entry = _validated(slot, raw)
    warnings = _warnings(ws, slot, entry)
    author = nfc(author).strip() or "(không rõ)"
    return replace(_append(ws, slot, entry, author, None), warnings=tuple(warnings))


def restore_revision(ws: Workspace, slot: Slot, number: int, author: str) -> Revision:
    """Make an earlier revision current again, as a new revision (nothing is lost)."""
    history = slot_history(ws, slot)
    match = [r for r in history if r.number == number]
    if not match:
        raise ServiceError(
            f"Không có lần lưu số {number} cho nhiệm vụ {slot.task_code} kỳ "
            f"{period_label(slot.period_id)}."
        )
    return _append(ws, slot, match[0].entry, nfc(author).strip() or "(không rõ)", number)
