"""On an agency's install: load a plan signed by the pinned office key (`cchc plan add`,
the "Thư từ Sở Nội vụ" screen). A plan new here is stored; the same plan again changes
nothing; a different version of a plan held (a correction) replaces it only when the
office signed it later than the version held, after the agency has seen what changes.

Progress is never touched: revisions refer to the plan's id and a task's code, so a
task the correction keeps keeps its history, and the revisions of a task it removes stay
in the database (not listed any more; a later correction that restores the task shows
them again)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.domain.plan import Plan
from cchc_tui.domain.plan_diff import PlanChanges
from cchc_tui.services.catalog import load_registry
from cchc_tui.services.letters import LetterRefused, office_keys_for, read_file, signed_in_time
from cchc_tui.services.registry_updates import LetterPreview, compare_agencies, stored_letter
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import letters as letters_store
from cchc_tui.store import plans as plans_store


@dataclass(frozen=True)
class Replacement:
    """The version held that a newer signed version would replace, and what changes."""

    plan_id: str
    held_signed_at: str | None
    """When the office signed the version held (None: seeded or imported from a workbook)."""
    changes: PlanChanges
    kept_reports: int
    """Reports (agency, task, period) of tasks the new version removes: kept, not listed."""


@dataclass(frozen=True)
class PlanPreview:
    """A verified plan letter and what loading it would do here."""

    letter: LetterPreview
    plan: dict
    same: bool
    """True when the very same version is held already (loading changes nothing)."""
    replacement: Replacement | None

    @property
    def issued_at(self) -> str:
        """When the office signed this version."""
        return self.letter.issued_at


def plan_number(document: dict) -> str:
    """The plan's number as written (`138/KH-UBND`), or its id."""
    meta = document.get("plan") if isinstance(document.get("plan"), dict) else {}
    return str(meta.get("number") or meta.get("id") or "")


def latest_signed(ws: Workspace, ids: set[str]) -> tuple[dt.datetime, str] | None:
    """The latest signed time of the plan letters loaded here for these plan ids."""
    from cchc_tui.domain.clock import parse_moment

    with ws.db.read() as conn:
        rows = letters_store.plan_letters(conn=conn)
    moments = [(parse_moment(at), at) for plan_id, at, _ in rows if plan_id in ids]
    moments = [(m, at) for m, at in moments if m is not None]
    return max(moments) if moments else None


def _refuse_not_newer(document: dict, letter, held: tuple[dt.datetime, str]) -> None:
    from cchc_tui.domain.clock import parse_moment
    from cchc_tui.domain.progress import format_moment

    this, (when, held_at) = parse_moment(letter.issued_at), held
    what = f"Tệp này là bản kế hoạch {plan_number(document)} Sở Nội vụ ký lúc "
    what += format_moment(letter.issued_at)
    if this is not None and this < when:
        raise LetterRefused(
            f"{what}, cũ hơn bản máy đang có (ký lúc {format_moment(held_at)}) và khác nội "
            "dung: giữ bản đang có, không nạp bản cũ."
        )
    raise LetterRefused(
        f"{what}, cùng lúc với bản máy đang có nhưng khác nội dung: không nạp; đề nghị Sở "
        "Nội vụ gửi bản sửa đổi ký sau."
    )


def _compare_held(ws: Workspace, document: dict, letter) -> tuple[dict, bool, Replacement | None]:
    """The document to store (under the held id), whether it is held already, and the
    replacement it would make; LetterRefused when it is not newer than the version held."""
    from cchc_tui.domain.clock import parse_moment
    from cchc_tui.domain.plan import plan_from_document, plan_version
    from cchc_tui.domain.plan_text import control_problem
    from cchc_tui.services.plans import held_plans, plan_document_of, short_id

    try:
        plan = plan_from_document(document)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LetterRefused(f"Dữ liệu kế hoạch trong tệp không đủ hoặc sai dạng ({exc}).") from None
    if (where := control_problem(document)) is not None:
        raise LetterRefused(
            f"Kế hoạch trong tệp có ký tự điều khiển ở {where}: không nạp; đề nghị Sở Nội vụ "
            "sửa tệp kế hoạch và gửi lại."
        )
    lacking = [t.code for t in plan.tasks if not t.lead.refs]
    if lacking:
        raise LetterRefused(
            f"Kế hoạch trong tệp có nhiệm vụ chưa có cơ quan chủ trì ({', '.join(lacking)}): "
            "không nạp; đề nghị Sở Nội vụ kiểm tra và gửi lại."
        )
    held = next((h for h in held_plans(ws) if plan.id in (h.id, short_id(h))), None)
    if held is None:
        return document, False, None
    document = {**document, "plan": {**document["plan"], "id": held.id}}
    old = plan_document_of(ws, held.id)
    if plan_version(old) == plan_version(document):
        return document, True, None
    signed = latest_signed(ws, {held.id, short_id(held)})
    this = parse_moment(letter.issued_at)
    if signed is not None and (this is None or this <= signed[0]):
        _refuse_not_newer(document, letter, signed)
    return document, False, replacement(ws, held.id, old, document, signed[1] if signed else None)


def replacement(
    ws: Workspace, held_id: str, old: dict, new: dict, held_signed_at: str | None
) -> Replacement:
    """What putting `new` in place of the held `old` changes, with the reports the removed
    tasks hold (kept, no longer listed); used by `plan add` and `plan import --replace`."""
    from cchc_tui.domain.plan_diff import diff_plans

    changes = diff_plans(old, new)
    with ws.db.read() as conn:
        kept = plans_store.reported_slots(held_id, [t.code for t in changes.removed], conn=conn)
    return Replacement(held_id, held_signed_at, changes, kept)


def preview_plan(ws: Workspace, path: Path) -> PlanPreview:
    """Verify a signed plan and say what loading it would do here; nothing is written.

    Refused (LetterRefused): a file the pinned key did not sign, and a version of a plan
    held that differs from it and is not signed later than it."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.plan_letter import read_plan_letter

    raw = read_file(path)
    known = {a.id for a in load_registry(ws)}
    try:
        document, agencies, letter = read_plan_letter(raw, office_keys_for(ws), known=known)
    except BundleError as exc:
        raise LetterRefused(exc.reason, code=exc.code) from None
    signed_in_time(ws, letter.key_id, letter.issued_at)
    document, same, replacement = _compare_held(ws, document, letter)
    added, changed = compare_agencies(ws, agencies)
    found = LetterPreview("plan", Path(path).name, raw, letter, added, changed, document)
    return PlanPreview(found, document, same, replacement)


def apply_plan(ws: Workspace, preview: PlanPreview) -> tuple[str, bool]:
    """Apply the plan's registry entries and store the plan (new here, or in place of an
    older version), keeping the letter, in one transaction; the plan id and whether
    anything changed. Checked again first: another file may have been loaded since."""
    from cchc_tui.domain.plan import plan_from_document

    document, same, replacement = _compare_held(ws, preview.plan, preview.letter.letter)
    plan = plan_from_document(document)
    summary = f"Kế hoạch {plan_number(document)}: {len(plan.tasks)} nhiệm vụ"
    if replacement is not None:
        summary += " (bản sửa đổi)"
    letter = stored_letter(ws, preview.letter, summary)
    added, changed = list(preview.letter.added), [a for a, _ in preview.letter.changed]
    now = ws.clock.now_iso()
    with ws.db.write_sql() as conn:
        letters_store.write_registry(added, changed, None, conn=conn)
        if replacement is not None:
            plans_store.replace_plan(document, plan_id=plan.id, loaded_at=now, conn=conn)
        elif not same:
            plans_store.store_plan(document, loaded_at=now, conn=conn)
        letters_store.insert_letter(letter, conn=conn)
    load_registry(ws, refresh=True)
    forget_cached(ws, plan)
    return plan.id, not same


def forget_cached(ws: Workspace, plan: Plan) -> None:
    """Every screen reads the plan stored now: the parsed copies of the workspace go,
    and the plan being worked on, if it is this one, is the new version."""
    ws.cache.pop(f"plan:{plan.id}", None)
    ws.cache.pop("plans.count", None)
    current = ws.cache.get("plan")
    if current is not None and current.id == plan.id:
        ws.cache["plan"] = plan
