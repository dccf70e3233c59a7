"""The plans a workspace holds: list, choose, import one from the authoring workbook,
export one to it, write the empty template.

`import_plan_document(ws, document)` stores a plan from the workbook: it checks, then
stores or refuses. A different plan under an id held is refused unless the person asked
to replace it (`plan import --replace`, after services/plan_replace.py showed what changes): the
office corrects a plan it imported, then signs the new version. The built-in Plan 56 and
a plan loaded from a letter Sở Nội vụ signed are never replaced from a workbook. A plan
signed by Sở Nội vụ is stored by services/plan_letters.py, which may replace an older
version it signed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from cchc_tui.domain.plan import Plan, plan_from_document
from cchc_tui.domain.plan_names import COLLECTIVE_LABELS, NameResolution, resolve_name
from cchc_tui.domain.plan_rows import plan_essence, sheet_rows
from cchc_tui.domain.plan_sheet import TASK_SHEET, read_sheets, short_plan_id
from cchc_tui.domain.roles import COLLECTIVE_KINDS
from cchc_tui.services.catalog import load_registry
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import plans as store
from cchc_tui.store.plans import PlanSummary

TEMPLATE_TASKS = 3
TEMPLATE_INDICATORS = 2


def short_id(summary: PlanSummary) -> str:
    """`56-2020` for 56/KH-UBND of 2020 (the id imported plans get), else the stored id."""
    return short_plan_id(summary.number, dt.date.fromisoformat(summary.date)) or summary.id


def held_plans(ws: Workspace) -> list[PlanSummary]:
    """Every plan the workspace holds, earliest first."""
    with ws.db.read() as conn:
        return store.plan_summaries(conn=conn)


def find_plan_id(ws: Workspace, query: str) -> str:
    """A held plan's id from its id or short id (`138-2025`); ServiceError naming them."""
    plans = held_plans(ws)
    wanted = query.strip().lower()
    for p in plans:
        if wanted in (p.id.lower(), short_id(p).lower()):
            return p.id
    names = ", ".join(short_id(p) for p in plans)
    raise ServiceError(
        f"Không có kế hoạch '{query}'. Các kế hoạch đang có: {names} (cchc plan list)."
    )


def plan_by_id(ws: Workspace, plan_id: str) -> Plan:
    """A held plan, parsed (cached per workspace)."""
    from cchc_tui.store.queries import plan_document

    key = f"plan:{plan_id}"
    if key not in ws.cache:
        with ws.db.read() as conn:
            document = plan_document(plan_id, conn=conn)
        if document is None:
            raise ServiceError(f"Không có kế hoạch '{plan_id}' (cchc plan list).")
        ws.cache[key] = plan_from_document(document)
    return ws.cache[key]


def select_plan(ws: Workspace, query: str) -> Plan:
    """Make a held plan the one every agency-scoped use case of `ws` works on."""
    plan = plan_by_id(ws, find_plan_id(ws, query))
    ws.cache["plan"] = plan
    for key in [k for k in ws.cache if k.startswith(("registry", "predecessors:"))]:
        del ws.cache[key]
    return plan


@dataclass
class ImportPreview:
    """What a workbook holds and what is wrong with it, before anything is stored."""

    document: dict
    problems: list[tuple[str, int, str]]
    resolved: dict[str, str] = field(default_factory=dict)
    unresolved: list[tuple[int, str, tuple[str, ...]]] = field(default_factory=list)
    collectives: dict[str, str] = field(default_factory=dict)
    deadlines: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        """True when the plan can be stored."""
        return not self.problems and not self.unresolved


def _resolve(ws: Workspace, draft_names: dict, document: dict, preview: ImportPreview) -> None:
    registry = load_registry(ws)
    by_row = {t["row"]: t for t in document["tasks"]}
    seen: dict[str, NameResolution] = {}
    for (row, column), names in draft_names.items():
        refs = []
        for name in names:
            found = seen.get(name) or seen.setdefault(name, resolve_name(registry, name))
            if found.ref is None:
                preview.unresolved.append((row, name, found.candidates))
                continue
            refs.append(found.ref)
            if found.ref.startswith("@"):
                kind = COLLECTIVE_KINDS.get(found.ref)
                count = len(registry.of_kind(kind)) if kind else 0
                cover = COLLECTIVE_LABELS[found.ref]
                if kind:
                    cover += f" ({count} cơ quan)" if count else " (danh mục chưa có cơ quan nào)"
                preview.collectives[name] = cover
            else:
                preview.resolved[name] = registry.get(found.ref).name
        by_row[row][column]["refs"] = list(dict.fromkeys(refs))


def preview_import(ws: Workspace, path: Path) -> ImportPreview:
    """Read and check a plan workbook; nothing is written."""
    from cchc_tui.services.plan_workbook import read_workbook

    draft = read_sheets(read_workbook(path))
    preview = ImportPreview(draft.document, draft.problems)
    if not draft.document:
        return preview
    _resolve(ws, draft.names, draft.document, preview)
    for task in draft.document["tasks"]:
        preview.deadlines[plan_from_document_kind(task["end"])] += 1
    return preview


def plan_from_document_kind(raw: str) -> str:
    """The deadline kind's label of a written timeline ("Quý", "Năm" …)."""
    from cchc_tui.domain.timelines import KIND_LABELS, parse_timeline

    return KIND_LABELS[parse_timeline(raw).kind]


@dataclass(frozen=True)
class ImportResult:
    """The plan id, its task count, whether it was stored now (False: already held), and
    whether it replaced a different version held under that id."""

    plan_id: str
    tasks: int
    stored: bool
    replaced: bool = False


def _check_refs(ws: Workspace, document: dict) -> None:
    registry = load_registry(ws)
    for task in document["tasks"]:
        for column in ("lead", "partners"):
            for ref in task[column]["refs"]:
                if not ref.startswith("@") and ref not in registry:
                    raise ServiceError(
                        f"Nhiệm vụ {task['code']}: cơ quan '{ref}' không có trong danh mục."
                    )
        if not task["lead"]["refs"]:
            raise ServiceError(f"Nhiệm vụ {task['code']}: chưa có cơ quan chủ trì.")


def import_plan_document(ws: Workspace, document: dict, *, replace: bool = False) -> ImportResult:
    """Check a plan document (seed-file shape, refs resolved) and store it under its id.

    A plan already held with the same content (also the seed plan under its longer id)
    is not stored again; a different plan under the same id is refused (ServiceError)
    unless `replace`: then it takes the held version's place under the held id (progress
    rows refer to the id and task codes: all kept; see services/plan_letters.py).
    """
    from cchc_tui.services.plan_letters import forget_cached
    from cchc_tui.services.plan_replace import check_replaceable, held_as

    try:
        plan = plan_from_document(document)
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceError(f"Dữ liệu kế hoạch không đủ hoặc sai dạng ({exc}).") from None
    _check_refs(ws, document)
    found = held_as(ws, document)
    if found is None:
        with ws.db.write_sql() as conn:
            store.store_plan(document, loaded_at=ws.clock.now_iso(), conn=conn)
        return ImportResult(plan.id, len(plan.tasks), True)
    held, other = found
    if plan_essence(other) == plan_essence(document):
        return ImportResult(held.id, len(plan.tasks), False)
    check_replaceable(ws, held, replace=replace)
    document = {**document, "plan": {**document["plan"], "id": held.id}}
    with ws.db.write_sql() as conn:
        store.replace_plan(document, plan_id=held.id, loaded_at=ws.clock.now_iso(), conn=conn)
    forget_cached(ws, plan_from_document(document))
    return ImportResult(held.id, len(plan.tasks), True, replaced=True)


def plan_document_of(ws: Workspace, plan_id: str) -> dict:
    """The stored document of a held plan (id or short id)."""
    from cchc_tui.store.queries import plan_document

    found = find_plan_id(ws, plan_id)
    with ws.db.read() as conn:
        return plan_document(found, conn=conn)


def export_plan(ws: Workspace, plan_id: str, out: Path) -> Path:
    """Write a held plan as the authoring workbook."""
    from cchc_tui.services.plan_workbook import write_workbook

    registry = load_registry(ws)
    document = plan_document_of(ws, plan_id)
    rows = sheet_rows(document, lambda ref: registry.get(ref).name if ref in registry else ref)
    return write_workbook(out, rows)


def write_template(ws: Workspace, out: Path) -> Path:
    """The empty authoring workbook, with the guide and the first rows of Plan 56."""
    from cchc_tui.services.plan_workbook import write_workbook

    plans = held_plans(ws)
    seed = next((p for p in plans if short_id(p) == "56-2020"), plans[0])
    registry = load_registry(ws)
    rows = sheet_rows(plan_document_of(ws, seed.id), lambda ref: registry.get(ref).name)
    rows[TASK_SHEET] = rows[TASK_SHEET][: TEMPLATE_TASKS + 1]
    codes = {row[0] for row in rows[TASK_SHEET][1:]}
    header, *indicators = rows["ChiTieu"][: TEMPLATE_INDICATORS + 1]
    rows["ChiTieu"] = [
        header,
        *([*row[:6], "; ".join(c for c in row[6].split("; ") if c in codes)] for row in indicators),
    ]
    return write_workbook(out, rows, guide=True)
