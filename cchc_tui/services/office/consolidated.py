"""Consolidated figures of a period from the latest accepted bundle of each agency."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.office import rules
from cchc_tui.domain.office.records import EvidenceDoc, TaskRecord, records_of
from cchc_tui.domain.office.rollup import (
    ROLLUP_LABELS,
    SUM,
    Contribution,
    contributions_by_indicator,
    roll_up,
)
from cchc_tui.domain.periods import ReportingPeriod
from cchc_tui.domain.plan import PERCENT, InUnit, Target
from cchc_tui.domain.progress import NOT_REPORTED_LABEL, STATUS_LABELS, format_amount
from cchc_tui.domain.roles import LEAD, PARTNER, ROLE_LABELS, role_label
from cchc_tui.domain.succession import inherited_text, predecessor_map, task_roles
from cchc_tui.services.catalog import find_period, load_plan, load_registry
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store

NO_BUNDLE = "no_bundle"
NOT_IN_BUNDLE = "not_in_bundle"
REPORT_LABELS = {
    **STATUS_LABELS,
    "not_reported": NOT_REPORTED_LABEL,
    NO_BUNDLE: "chưa nộp báo cáo",
    NOT_IN_BUNDLE: "không có trong gói",
}


@dataclass(frozen=True)
class PeriodData:
    """The records that count in a period: agency id → (bundle hash, seq, records)."""

    period: ReportingPeriod
    bundles: dict[str, tuple[str, list[TaskRecord]]]


def period_data(ws: Workspace, period_id: str) -> PeriodData:
    """Read and parse the latest accepted bundle of every agency in the period."""
    period = find_period(ws, period_id)
    with ws.db.read() as conn:
        latest = store.latest_bodies(period.id, conn=conn, plan_id=load_plan(ws).id)
    bundles = {
        agency_id: (sha, records_of(json.loads(text))) for agency_id, (sha, text) in latest.items()
    }
    return PeriodData(period, bundles)


@dataclass(frozen=True)
class AgencyReport:
    """What one agency reported on one task (or why there is nothing)."""

    agency_id: str
    agency_name: str
    status: str
    progress_bp: int
    result: str
    difficulties: str
    proposals: str
    evidence: tuple[EvidenceDoc, ...]
    body_sha256: str | None
    note: str = ""
    """ "kế thừa từ Sở TT&TT": the role passed to this agency in the 2025 reorganisation."""

    @property
    def status_label(self) -> str:
        """Vietnamese status."""
        return REPORT_LABELS[self.status]


@dataclass(frozen=True)
class TaskProgress:
    """A task in a period: its lead agencies' reports beside its partners'."""

    code: str
    title: str
    leads: tuple[AgencyReport, ...]
    partners: tuple[AgencyReport, ...]

    def by_agency(self) -> list[tuple[str, AgencyReport]]:
        """Each agency once with its roles: "Chủ trì", "Phối hợp" or "Chủ trì, Phối hợp"
        (leads first, in order); an agency in both keeps the notes of both."""
        partners = {r.agency_id: r for r in self.partners}
        out = []
        for r in self.leads:
            partner = partners.pop(r.agency_id, None)
            if partner is None:
                out.append((ROLE_LABELS[LEAD], r))
                continue
            notes = "; ".join(dict.fromkeys(n for n in (r.note, partner.note) if n))
            out.append((role_label((LEAD, PARTNER)), replace(r, note=notes)))
        return out + [(ROLE_LABELS[PARTNER], r) for r in partners.values()]


def _report(agency: Agency, task: str, data: PeriodData) -> AgencyReport:
    held = data.bundles.get(agency.id)
    if held is None:
        return AgencyReport(agency.id, agency.short_name, NO_BUNDLE, 0, "", "", "", (), None)
    sha, records = held
    record = next((r for r in records if r.task == task), None)
    if record is None:
        return AgencyReport(agency.id, agency.short_name, NOT_IN_BUNDLE, 0, "", "", "", (), sha)
    return AgencyReport(
        agency.id,
        agency.short_name,
        record.status,
        record.progress_bp,
        record.result,
        record.difficulties,
        record.proposals,
        record.evidence,
        sha,
    )


def task_progress(
    ws: Workspace, period_id: str, *, data: PeriodData | None = None
) -> list[TaskProgress]:
    """Every task active in the period, with each lead and partner agency's report.

    Roles come from the office's registry; agencies count when they are expected in
    the period or sent a bundle for it. An agency both lead and partner is in both.
    A body that ended hands its roles to its successors (docs/reorganisation.md): the
    successor is the expected reporter and its report's `note` names the original body.
    """
    data = data or period_data(ws, period_id)
    plan = load_plan(ws)
    registry = load_registry(ws)
    preds = predecessor_map(registry, data.period.end)
    agencies = [a for a in registry if rules.expected_in(a, data.period) or a.id in data.bundles]
    out = []
    for task in plan.tasks:
        if not plan.is_active(task, data.period):
            continue
        leads, partners = [], []
        for agency in agencies:
            held = task_roles(agency, task, preds.get(agency.id, ()))
            if LEAD in held.roles:
                note = inherited_text(held, registry, LEAD)
                leads.append(replace(_report(agency, task.code, data), note=note))
            if PARTNER in held.roles:
                note = inherited_text(held, registry, PARTNER)
                partners.append(replace(_report(agency, task.code, data), note=note))
        out.append(TaskProgress(task.code, task.title, tuple(leads), tuple(partners)))
    return out


@dataclass(frozen=True)
class IndicatorFigure(InUnit):
    """A plan indicator: targets, the province's rolled-up value and who contributed.

    `target_bp`, `value_bp` and the targets are in the indicator's unit: basis points for
    `percent`, the number itself for a count ("hồ sơ"); `format` writes either."""

    id: str
    title: str
    rollup: str
    applies_to: tuple[str, ...]
    targets: tuple[Target, ...]
    target_bp: int | None
    numerator: int
    denominator: int
    value_bp: int | None
    contributions: tuple[Contribution, ...]
    unit: str = PERCENT

    def format(self, value: int | None) -> str:
        """A value or target of this indicator in its unit: `80%`, `1.250 hồ sơ`, `—`."""
        return format_amount(value, self.unit)

    def own_value(self, c: Contribution) -> int:
        """One agency's value in the indicator's unit (its count, or its ratio in bp)."""
        return c.numerator if self.is_count else c.value_bp

    @property
    def rollup_label(self) -> str:
        """How agencies' values were combined, in words."""
        return ROLLUP_LABELS.get(self.rollup, self.rollup)

    def target_bp_of(self, year: int) -> int | None:
        """The plan's target for `year` (a report column), or None when it sets none."""
        return next((t.min_bp for t in self.targets if t.year == year), None)

    @property
    def met(self) -> bool | None:
        """Whether the value reaches the target in force (None when either is missing)."""
        if self.value_bp is None or self.target_bp is None:
            return None
        return self.value_bp >= self.target_bp


def indicator_figures(
    ws: Workspace, period_id: str, *, data: PeriodData | None = None
) -> list[IndicatorFigure]:
    """Each indicator of the plan against the values agencies of its kinds reported."""
    data = data or period_data(ws, period_id)
    registry = load_registry(ws)
    by_indicator = contributions_by_indicator({a: recs for a, (_sha, recs) in data.bundles.items()})
    out = []
    for indicator in load_plan(ws).indicators:
        kinds = indicator.applies_to
        items = tuple(
            c
            for c in by_indicator.get(indicator.id, [])
            if not kinds or (registry.get(c.agency_id) and registry.get(c.agency_id).kind in kinds)
        )
        total = roll_up(SUM if indicator.is_count else indicator.rollup, items)
        in_force = indicator.target_for(data.period.year)
        out.append(
            IndicatorFigure(
                id=indicator.id,
                title=indicator.title,
                rollup=indicator.rollup,
                applies_to=kinds,
                targets=indicator.targets,
                target_bp=in_force.min_bp if in_force else None,
                numerator=total.numerator,
                denominator=total.denominator,
                value_bp=total.value_bp,
                contributions=items,
                unit=indicator.unit,
            )
        )
    return out
