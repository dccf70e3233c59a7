"""Submissions: agencies × periods — on time, late, missing — with fork, gap and rejection flags."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc_tui.domain.office import rules
from cchc_tui.domain.periods import ReportingPeriod
from cchc_tui.services.catalog import find_period, load_plan, load_registry
from cchc_tui.services.settings import deadline_day
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store


@dataclass(frozen=True)
class SubmissionCell:
    """One agency in one period: status, days late and the bundle that counts."""

    agency_id: str
    period_id: str
    status: str
    days: int
    submitted_on: dt.date | None
    seq: int | None
    body_sha256: str | None
    bundles: int
    fork: bool
    gap: bool
    rejected: int
    suspicious: bool = False
    """A valid bundle looks wrong (seq far ahead, signed before the period): see drill-down."""

    @property
    def label(self) -> str:
        """Short Vietnamese text for a grid cell, with its warnings."""
        text = rules.cell_label(self.status, self.days)
        flags = [
            name
            for name, on in (
                ("rẽ nhánh", self.fork),
                ("thiếu gói", self.gap),
                ("bị từ chối", self.rejected),
                ("đáng ngờ", self.suspicious),
            )
            if on
        ]
        return f"{text} ⚠ {', '.join(flags)}" if flags else text

    def to_dict(self) -> dict:
        """JSON form of a cell in `cchc submissions --json`."""
        return {
            "period": self.period_id,
            "status": self.status,
            "days": self.days,
            "seq": self.seq,
            "fork": self.fork,
            "gap": self.gap,
            "rejected": self.rejected,
        }


@dataclass(frozen=True)
class SubmissionRow:
    """An agency and its cells, one per period shown."""

    agency_id: str
    name: str
    short_name: str
    kind: str
    cells: tuple[SubmissionCell, ...]

    def to_dict(self) -> dict:
        """JSON form of a row in `cchc submissions --json`."""
        return {
            "agency_id": self.agency_id,
            "kind": self.kind,
            "cells": [c.to_dict() for c in self.cells],
        }


@dataclass(frozen=True)
class SubmissionGrid:
    """The grid for some periods, with the deadline rule it used."""

    periods: tuple[ReportingPeriod, ...]
    rows: tuple[SubmissionRow, ...]
    deadline_day: int
    today: dt.date

    def counts(self, period_id: str) -> dict[str, int]:
        """How many agencies are in each status for a period."""
        out = dict.fromkeys(rules.CELL_LABELS, 0)
        for row in self.rows:
            for cell in row.cells:
                if cell.period_id == period_id:
                    out[cell.status] += 1
        return out


def default_periods(ws: Workspace, year: int | None = None) -> list[ReportingPeriod]:
    """The plan's periods of `year` (default: the year of the current reporting period)."""
    if year is None:
        year = find_period(ws, None).year
    return [p for p in load_plan(ws).periods if p.year == year]


def year_grid(ws: Workspace, period_id: str, *, kind: str | None = None) -> SubmissionGrid:
    """The grid of every period in the year of `period_id` (the office's home view)."""
    year = find_period(ws, period_id).year
    return submissions(ws, [p.id for p in default_periods(ws, year)], kind=kind)


def submissions(
    ws: Workspace, period_ids: list[str] | None = None, *, kind: str | None = None
) -> SubmissionGrid:
    """Agencies (of one kind, or all) × periods (default: this year's), from the bundles of
    the plan being worked on (`--plan`, the plan switcher): another plan's bundles for the
    same period id count under that plan only.

    A refused file names no trusted plan: it is flagged under every plan having its period.
    """
    periods = [find_period(ws, p) for p in period_ids] if period_ids else default_periods(ws)
    wanted = [p.id for p in periods]
    registry = load_registry(ws)
    day = deadline_day(ws)
    today = ws.clock.today()
    with ws.db.read() as conn:
        metas = store.bundles(conn=conn, period_ids=wanted, plan_id=load_plan(ws).id)
        rejected = store.rejections(conn=conn, period_ids=wanted)
    by_cell: dict[tuple[str, str], list[store.BundleMeta]] = {}
    for meta in metas:
        by_cell.setdefault((meta.agency_id, meta.period_id), []).append(meta)
    refused: dict[tuple[str, str], int] = {}
    for r in rejected:
        key = (r.agency_id, r.period_id)
        refused[key] = refused.get(key, 0) + 1
    with_data = {a for a, _p in by_cell} | {a for a, _p in refused}
    rows = []
    for agency in registry:
        if kind is not None and agency.kind != kind:
            continue
        may = agency.outside_plan is None and any(
            rules.period_refusal(agency, p) is None for p in periods
        )
        if not may and agency.id not in with_data:
            continue
        cells = tuple(
            _cell(
                agency,
                p,
                by_cell.get((agency.id, p.id), []),
                refused.get((agency.id, p.id), 0),
                day,
                today,
            )
            for p in periods
        )
        rows.append(SubmissionRow(agency.id, agency.name, agency.short_name, agency.kind, cells))
    return SubmissionGrid(tuple(periods), tuple(rows), day, today)


def _cell(
    agency, period: ReportingPeriod, metas: list[store.BundleMeta], rejected: int, day: int, today
) -> SubmissionCell:
    accepted = [m for m in metas if m.state == store.ACCEPTED]
    first = min(accepted, key=lambda m: m.seq) if accepted else None
    latest = max(accepted, key=lambda m: m.seq) if accepted else None
    submitted = rules.submitted_on(first.created_at, first.received_at) if first else None
    status, days = rules.cell_status(
        expected=rules.expected_in(agency, period),
        submitted=submitted,
        deadline=period.deadline(day),
        today=today,
    )
    return SubmissionCell(
        agency_id=agency.id,
        period_id=period.id,
        status=status,
        days=days,
        submitted_on=submitted,
        seq=latest.seq if latest else None,
        body_sha256=latest.body_sha256 if latest else None,
        bundles=len(accepted),
        fork=any(m.state == store.FORK for m in metas),
        gap=any(m.gap_after is not None for m in accepted),
        rejected=rejected,
        suspicious=any(
            rules.suspicion(m.seq, m.gap_after, m.created_at, period.start) for m in accepted
        ),
    )
