"""The plan, the agency registry and the reporting periods, as the workspace holds them."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from cchc_tui.domain.agencies import Agency, AgencyRegistry, AmbiguousAgency
from cchc_tui.domain.periods import PeriodError, ReportingPeriod, current_period, parse_period
from cchc_tui.domain.plan import Plan, Task, plan_from_document
from cchc_tui.domain.text import fold
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.settings import deadline_day
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries
from cchc_tui.store.plans import PlanSummary, plan_summaries
from cchc_tui.store.seeding import REGISTRY_RULES_KEY


def default_plan_id(plans: list[PlanSummary], today: dt.date) -> str | None:
    """The plan whose span contains `today`, else the one that started last (None: none)."""
    iso = today.isoformat()
    running = [p for p in plans if p.start <= iso <= p.end]
    return (running or plans)[-1].id if plans else None


def load_plan(ws: Workspace) -> Plan:
    """The plan being worked on: the one chosen (`services/plans.select_plan`, `--plan`),
    else the one whose span contains the program's today, else the latest (parsed once)."""
    if "plan" not in ws.cache:
        with ws.db.read() as conn:
            plan_id = default_plan_id(plan_summaries(conn=conn), ws.clock.today())
            document = queries.plan_document(plan_id, conn=conn) if plan_id else None
        if document is None:
            raise ServiceError("Chưa có dữ liệu kế hoạch: hãy chạy lại chương trình để khởi tạo.")
        ws.cache["plan"] = plan_from_document(document)
    return ws.cache["plan"]


def plan_label(ws: Workspace) -> str:
    """ "KH 138" (the number of the plan being worked on) when several plans are held, else
    "" (one plan: nothing to tell apart)."""
    if "plans.count" not in ws.cache:
        with ws.db.read() as conn:
            ws.cache["plans.count"] = len(plan_summaries(conn=conn))
    if ws.cache["plans.count"] < 2:
        return ""
    return f"KH {load_plan(ws).number.split('/')[0]}"


def registry_rules(ws: Workspace) -> dict:
    """The registry file's rules: plan scope, commune level, the confirmation note."""
    if "registry.rules" not in ws.cache:
        with ws.db.read() as conn:
            text = queries.get_setting(REGISTRY_RULES_KEY, conn=conn)
        ws.cache["registry.rules"] = json.loads(text) if text else {}
    return ws.cache["registry.rules"]


def plan_scope(ws: Workspace) -> tuple[frozenset[str], str]:
    """Folded former provinces the active plan covers (empty: all) and the note saying so."""
    scope = registry_rules(ws).get("plan_scope", {}).get(load_plan(ws).id, {})
    provinces = frozenset(fold(p) for p in scope.get("former_provinces", ()))
    return provinces, scope.get("note", "")


def load_registry(ws: Workspace, *, refresh: bool = False) -> AgencyRegistry:
    """Every agency of the registry (seeded and user-added).

    A commune from a former province the active plan does not cover (the Hà Giang
    communes, for Plan 56) carries the plan scope's note in `outside_plan`.
    """
    if refresh or "registry" not in ws.cache:
        for key in [k for k in ws.cache if k.startswith("predecessors:")]:
            del ws.cache[key]  # derived from the registry (services/reorganisation.py)
        with ws.db.read() as conn:
            agencies = queries.agencies(conn=conn)
        provinces, note = plan_scope(ws)
        ws.cache["registry"] = AgencyRegistry.of(
            replace(a, outside_plan=note)
            if provinces and a.former_province and fold(a.former_province) not in provinces
            else a
            for a in agencies
        )
    return ws.cache["registry"]


def find_agency(ws: Workspace, query: str) -> Agency:
    """An agency by id or by name typed with or without diacritics."""
    try:
        return load_registry(ws).find(query)
    except AmbiguousAgency as exc:
        names = "; ".join(f"{a.id} ({a.name})" for a in exc.candidates[:8])
        message = f"'{query}' khớp nhiều cơ quan: {names}. Hãy ghi rõ hơn hoặc dùng mã."
        raise ServiceError(message) from None
    except KeyError:
        raise ServiceError(
            f"Không tìm thấy cơ quan '{query}'. Xem danh sách bằng lệnh: cchc agencies."
        ) from None


def find_task(ws: Workspace, code: str) -> Task:
    """A task by code such as `I.1`."""
    try:
        return load_plan(ws).task(code)
    except KeyError:
        raise ServiceError(
            f"Không có nhiệm vụ '{code}': mã nhiệm vụ có dạng I.1 … VI.6 (xem: cchc tasks)."
        ) from None


def find_period(ws: Workspace, period_id: str | None) -> ReportingPeriod:
    """A period of the plan by id; the current one when `period_id` is None."""
    plan = load_plan(ws)
    if period_id is None:
        return current_period(plan.periods, ws.clock.today(), deadline_day(ws))
    try:
        period = parse_period(period_id)
    except PeriodError as exc:
        raise ServiceError(str(exc)) from None
    if period not in plan.periods:
        first, last = plan.periods[0].id, plan.periods[-1].id
        raise ServiceError(
            f"Kỳ {period.id} nằm ngoài kế hoạch {plan.number}: chọn từ {first} đến {last}."
        )
    return period


def in_final_review(ws: Workspace) -> bool:
    """True once the plan's end date has passed (the plan is in its final review)."""
    return ws.clock.today() > load_plan(ws).end
