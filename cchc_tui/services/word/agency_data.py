"""What the agency's Word report reads: its records of a period, or of each year of a stage."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.periods import ReportingPeriod
from cchc_tui.domain.plan import Plan, Task
from cchc_tui.domain.roles import ROLE_LABELS
from cchc_tui.services.catalog import find_agency, find_period, load_plan
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.reorganisation import check_reporting
from cchc_tui.services.snapshot import period_snapshot
from cchc_tui.services.workspace import Workspace

STAGES = {"2021-2025": (2021, 2025)}


@dataclass(frozen=True)
class TaskLine:
    """A task of the agency in the period and what it recorded (a bundle-style record)."""

    task: Task
    record: dict

    @property
    def roles(self) -> str:
        """ "Chủ trì", "Phối hợp, Liên quan" …"""
        return ", ".join(ROLE_LABELS[r] for r in self.record["roles"])

    @property
    def reported(self) -> bool:
        """False for a slot with nothing recorded."""
        return self.record["revision"]["number"] > 0


@dataclass(frozen=True)
class AgencyPeriod:
    """The agency's report of one period."""

    plan: Plan
    agency: Agency
    period: ReportingPeriod
    lines: list[TaskLine]


def agency_period(ws: Workspace, agency_query: str, period_id: str) -> AgencyPeriod:
    """The agency's tasks and records in a period; ServiceError when it does not report it."""
    agency = find_agency(ws, agency_query)
    period = find_period(ws, period_id)
    check_reporting(ws, agency, period)
    plan = load_plan(ws)
    snap = period_snapshot(ws, agency.id, period.id)
    lines = [TaskLine(plan.by_code[r["task"]], r) for r in snap.records]
    return AgencyPeriod(plan, agency, period, lines)


@dataclass(frozen=True)
class StageTask:
    """A task over the stage: its record at the end of each year (None: no slot or no data)."""

    task: Task
    roles: str
    by_year: dict[int, dict | None]
    evidence: list[dict] = field(default_factory=list)

    @property
    def final(self) -> dict | None:
        """The record of the last year with a report."""
        reported = [r for r in self.by_year.values() if r and r["revision"]["number"] > 0]
        return reported[-1] if reported else None


@dataclass(frozen=True)
class AgencyStage:
    """The agency's stage summary: years, which of them hold data here, tasks."""

    plan: Plan
    agency: Agency
    stage: str
    years: tuple[int, ...]
    years_without_data: tuple[int, ...]
    years_not_expected: tuple[int, ...]
    tasks: list[StageTask]


def stage_years(stage: str) -> tuple[int, ...]:
    """The years of a stage id ("2021-2025"); ServiceError for an unknown one."""
    if stage not in STAGES:
        raise ServiceError(f"Giai đoạn '{stage}' không có trong kế hoạch: dùng --stage 2021-2025.")
    first, last = STAGES[stage]
    return tuple(range(first, last + 1))


def agency_stage(ws: Workspace, agency_query: str, stage: str) -> AgencyStage:
    """Per year, each task's record of the year's last period that holds one (`YYYY-Y`,
    else Q3, H1, Q1); evidence of every period of the stage."""
    years = stage_years(stage)
    agency = find_agency(ws, agency_query)
    plan = load_plan(ws)
    by_task: dict[str, dict[int, dict | None]] = {}
    roles: dict[str, str] = {}
    evidence: dict[str, dict[tuple[str, str], dict]] = {}
    no_data, not_expected = [], []
    for year in years:
        periods = [p for p in reversed(plan.periods) if p.year == year]
        try:
            check_reporting(ws, agency, periods[-1])
        except ServiceError:
            not_expected.append(year)
            continue
        found = False
        for period in periods:
            try:
                check_reporting(ws, agency, period)
            except ServiceError:
                continue
            for r in period_snapshot(ws, agency.id, period.id).records:
                roles.setdefault(r["task"], ", ".join(ROLE_LABELS[x] for x in r["roles"]))
                held = by_task.setdefault(r["task"], {})
                if r["revision"]["number"]:
                    found = True
                    if not (held.get(year) or {}).get("revision", {}).get("number"):
                        held[year] = r
                    for d in r["evidence"]:
                        evidence.setdefault(r["task"], {})[(d["number"], d["date"])] = d
                else:
                    held.setdefault(year, r)
        if not found:
            no_data.append(year)
    if len(not_expected) == len(years):
        raise ServiceError(f"{agency.name} không báo cáo năm nào của giai đoạn {stage}.")
    tasks = [
        StageTask(
            plan.by_code[code],
            roles[code],
            {y: by_task[code].get(y) for y in years},
            sorted(evidence.get(code, {}).values(), key=lambda d: (d["date"], d["number"])),
        )
        for code in (t.code for t in plan.tasks)
        if code in by_task
    ]
    return AgencyStage(plan, agency, stage, years, tuple(no_data), tuple(not_expected), tasks)
