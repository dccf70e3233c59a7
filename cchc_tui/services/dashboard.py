"""The overview (Tổng quan): this period's deadline, my tasks by status, what needs doing, indicators."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.periods import ReportingPeriod, days_left_text
from cchc_tui.domain.plan import Indicator, Target
from cchc_tui.domain.progress import DONE, NOT_APPLICABLE, IndicatorValue
from cchc_tui.domain.roles import LEAD, PARTNER
from cchc_tui.services.catalog import find_agency, in_final_review, load_plan
from cchc_tui.services.export import Submission, submission_status
from cchc_tui.services.receipts import latest_receipt
from cchc_tui.services.settings import deadline_day
from cchc_tui.services.tasks import TaskRow, agency_tasks
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries


@dataclass(frozen=True)
class Attention:
    """A task of mine that needs doing this period, and why."""

    row: TaskRow
    reason: str
    overdue: bool


@dataclass(frozen=True)
class IndicatorLine:
    """A plan indicator that concerns me, its target this year and my latest reported value."""

    indicator: Indicator
    target: Target | None
    value: IndicatorValue | None
    period_id: str | None

    @property
    def value_bp(self) -> int | None:
        """The value in basis points (8000 = 80 %), a count as reported ("hồ sơ"), or None
        before anything is reported."""
        if self.value is None or self.value.denominator <= 0:
            return None
        if self.indicator.is_count:
            return self.value.numerator
        return self.value.numerator * 10_000 // self.value.denominator

    @property
    def meets_target(self) -> bool | None:
        """Whether the latest value reaches the target (None when either is missing)."""
        if self.value_bp is None or self.target is None:
            return None
        return self.value_bp >= self.target.min_bp


@dataclass(frozen=True)
class Dashboard:
    """Everything the overview shows, as plain data."""

    agency: Agency
    period: ReportingPeriod
    deadline: dt.date
    days_left: str
    final_review: bool
    plan_number: str
    plan_end: dt.date
    counts: dict[str, dict[str | None, int]]
    attention: tuple[Attention, ...]
    indicators: tuple[IndicatorLine, ...]
    submission: Submission | None
    """Whether the period was exported, when, and whether it changed since."""
    receipt: str | None = None
    """What Sở Nội vụ's latest signed receipt for the period says, if one was loaded."""
    receipt_seq: int | None = None
    """The bundle that receipt names."""

    @property
    def received(self) -> bool:
        """Sở Nội vụ's receipt names the period's latest bundle (or a later one) and nothing
        changed since: its line then replaces the exported / marked-sent line."""
        s = self.submission
        return (
            s is not None
            and not s.changed_since
            and self.receipt_seq is not None
            and self.receipt_seq >= s.seq
        )


def _attention(rows: list[TaskRow], today: dt.date, deadline: dt.date) -> list[Attention]:
    out = []
    for row in rows:
        if row.status in (DONE, NOT_APPLICABLE):
            continue
        if row.due is not None and row.due < today:
            out.append(Attention(row, days_left_text(row.due, today), True))
        elif row.status is None:
            late = today > deadline
            out.append(Attention(row, "chưa báo cáo" + (", quá hạn nộp" if late else ""), late))
    # overdue first, then the soonest completion deadline; plan order among equals
    out.sort(key=lambda a: (not a.overdue, a.row.due or dt.date.max))
    return out


def latest_indicator_values(
    ws: Workspace, agency_id: str, plan_id: str
) -> dict[str, tuple[IndicatorValue, str]]:
    """The latest value the agency reported for each indicator, with its period id."""
    with ws.db.read() as conn:
        return queries.latest_indicator_values(agency_id, plan_id, conn=conn)


def dashboard(ws: Workspace, agency_query: str, period_id: str | None = None) -> Dashboard:
    """The overview for an agency in a period (the current one when None)."""
    plan = load_plan(ws)
    agency = find_agency(ws, agency_query)
    final = in_final_review(ws)
    if final and period_id is None:
        period_id = plan.periods[-1].id
    _, period, rows = agency_tasks(ws, agency.id, period_id)
    today = ws.clock.today()
    deadline = period.deadline(deadline_day(ws))
    mine = [r for r in rows if r.active and {LEAD, PARTNER} & set(r.roles)]
    counts: dict[str, dict[str | None, int]] = {LEAD: {}, PARTNER: {}}
    for row in mine:
        for role in (LEAD, PARTNER):
            if role in row.roles:
                counts[role][row.status] = counts[role].get(row.status, 0) + 1
    my_codes = {r.code for r in rows if {LEAD, PARTNER} & set(r.roles)}
    values = latest_indicator_values(ws, agency.id, plan.id)
    lines = tuple(
        IndicatorLine(ind, ind.target_for(period.year), *values.get(ind.id, (None, None)))
        for ind in plan.indicators
        if my_codes & set(ind.tasks)
        and (not ind.applies_to or agency.kind in ind.applies_to)
        and (ind.target_for(period.year) is not None or ind.id in values)
    )
    receipt = latest_receipt(ws, agency.id, period.id)
    return Dashboard(
        agency=agency,
        period=period,
        deadline=deadline,
        days_left=days_left_text(deadline, today),
        final_review=final,
        plan_number=plan.number,
        plan_end=plan.end,
        counts=counts,
        attention=tuple(_attention(mine, today, deadline)),
        indicators=lines,
        submission=submission_status(ws, agency.id, period.id),
        receipt=receipt[0] if receipt else None,
        receipt_seq=receipt[1] if receipt else None,
    )
