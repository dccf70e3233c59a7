"""The plan as data: tasks, their agencies and timelines, indicators with targets."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property

from cchc_tui.domain import timelines as tl
from cchc_tui.domain.periods import ReportingPeriod, periods_between
from cchc_tui.domain.timelines import Timeline, parse_timeline

TITLE_WIDTH = 90


@dataclass(frozen=True)
class Assignment:
    """A lead or partner cell: the plan's wording and the references it resolves to."""

    text: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    """One appendix row, e.g. `I.1`."""

    code: str
    group: str
    content: str
    lead: Assignment
    partners: Assignment
    start: Timeline
    end: Timeline
    notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The content, shortened at a word boundary for lists."""
        if len(self.content) <= TITLE_WIDTH:
            return self.content
        return self.content[: TITLE_WIDTH - 1].rsplit(" ", 1)[0] + "…"


GROUPS = ("I", "II", "III", "IV", "V", "VI")
SOURCE_TYPOS = {"CẢI CẢI CÁCH": "CẢI CÁCH"}
"""Typing errors of the source text: kept in the seed (held to the source), corrected on screen."""


def display_title(title: str) -> str:
    """A heading of the plan as officers read it: the source's typing errors corrected."""
    for wrong, right in SOURCE_TYPOS.items():
        title = title.replace(wrong, right)
    return title


PERCENT = "percent"
"""The unit of a ratio indicator (numerator/denominator); any other unit is a count."""


@dataclass(frozen=True)
class Target:
    """A target value to reach by `year`, in force from `from_year`: basis points for a %
    indicator (8000 = 80 %), the number itself for a count ("150" hồ sơ). The value reached
    must be at least the target, whatever the unit (the plan format says no other way).

    Plan 56 sets 2020 targets (2020 only) and 2025 targets (2021–2025).
    """

    year: int
    min_bp: int
    from_year: int


class InUnit:
    """What an indicator's `unit` says: `PERCENT` for a ratio, else the word of a count."""

    unit: str

    @property
    def is_count(self) -> bool:
        """True for a count (one number per agency, summed), False for a % ratio."""
        return self.unit != PERCENT

    @property
    def unit_label(self) -> str:
        """`%`, or the count's unit as the plan writes it ("hồ sơ")."""
        return self.unit if self.is_count else "%"


@dataclass(frozen=True)
class Indicator(InUnit):
    """A measurable target of the plan: a ratio reported as numerator/denominator (unit
    `percent`), or a count in a unit the plan names ("hồ sơ", "thủ tục", "ngày")."""

    id: str
    title: str
    text: str
    numerator: str
    denominator: str
    rollup: str
    targets: tuple[Target, ...]
    tasks: tuple[str, ...]
    applies_to: tuple[str, ...]
    unit: str = PERCENT

    def target_for(self, year: int) -> Target | None:
        """The target in force in `year`, or None when the plan sets none for it."""
        return next((t for t in self.targets if t.from_year <= year <= t.year), None)


@dataclass(frozen=True)
class Plan:
    """A plan document loaded from its reviewed data file."""

    id: str
    number: str
    date: dt.date
    issuer: str
    title: str
    start: dt.date
    end: dt.date
    version: str
    groups: dict[str, str]
    tasks: tuple[Task, ...]
    indicators: tuple[Indicator, ...]

    @cached_property
    def by_code(self) -> dict[str, Task]:
        """Tasks keyed by code."""
        return {t.code: t for t in self.tasks}

    @cached_property
    def periods(self) -> list[ReportingPeriod]:
        """Every reporting period of the plan, in order."""
        return periods_between(self.start, self.end)

    @cached_property
    def target_years(self) -> tuple[int, ...]:
        """The years the plan sets indicator targets for, in order (2020 and 2025 for Plan 56)."""
        return tuple(sorted({t.year for i in self.indicators for t in i.targets}))

    def task(self, code: str) -> Task:
        """The task with this code (KeyError if none)."""
        return self.by_code[code.strip().upper()]

    def is_active(self, task: Task, period: ReportingPeriod) -> bool:
        """True when the task has a report slot in `period`."""
        first = task.start.first_year or self.start.year
        last = task.end.last_year or self.end.year
        return first <= period.year <= max(first, last)

    def task_periods(self, task: Task) -> list[ReportingPeriod]:
        """The periods in which `task` has a report slot."""
        return [p for p in self.periods if self.is_active(task, p)]

    def due_date(self, task: Task, period: ReportingPeriod, deadline_day: int) -> dt.date | None:
        """When the task must be complete, seen from `period`.

        A year or range ends on 31/12 of its last year, a date, month, quarter or half
        on its last day (domain/deadlines.py); annual tasks are due each
        year; ongoing ones every period; tasks "theo quy định" have no fixed date.
        """
        if task.end.kind in (tl.YEAR, tl.RANGE, *tl.DATED):
            return task.end.due
        if task.end.kind == tl.ANNUAL:
            return dt.date(period.year, 12, 31)
        if task.end.kind == tl.ONGOING:
            return period.deadline(deadline_day)
        return None

    def indicators_for_task(self, code: str) -> list[Indicator]:
        """The indicators a task's report carries."""
        return [i for i in self.indicators if code in i.tasks]


def plan_version(document: dict) -> str:
    """Hash of the plan data (canonical JSON), identifying exactly what was loaded."""
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _assignment(raw: dict) -> Assignment:
    return Assignment(raw["text"], tuple(raw.get("refs", ())))


def plan_from_document(document: dict) -> Plan:
    """Build a Plan from the seed file's JSON structure."""
    meta = document["plan"]
    tasks = tuple(
        Task(
            code=t["code"],
            group=t["group"],
            content=t["content"],
            lead=_assignment(t["lead"]),
            partners=_assignment(t["partners"]),
            start=parse_timeline(t["start"]),
            end=parse_timeline(t["end"]),
            notes=tuple(t.get("notes", ())),
        )
        for t in document["tasks"]
    )
    indicators = tuple(
        Indicator(
            id=i["id"],
            title=i["title"],
            text=i.get("text", ""),
            numerator=i.get("numerator", ""),
            denominator=i.get("denominator", ""),
            rollup=i.get("rollup", "ratio_of_sums"),
            targets=tuple(
                Target(
                    t["year"],
                    t["min_bp"] if "min_bp" in t else t["min"],
                    t.get("from_year", t["year"]),
                )
                for t in i.get("targets", ())
            ),
            tasks=tuple(i.get("tasks", ())),
            applies_to=tuple(i.get("applies_to", ())),
            unit=i.get("unit", PERCENT),
        )
        for i in document.get("indicators", ())
    )
    return Plan(
        id=meta["id"],
        number=meta["number"],
        date=dt.date.fromisoformat(meta["date"]),
        issuer=meta["issuer"],
        title=meta["title"],
        start=dt.date.fromisoformat(meta["start"]),
        end=dt.date.fromisoformat(meta["end"]),
        version=plan_version(document),
        groups={g["code"]: g["title"] for g in document.get("groups", ())},
        tasks=tasks,
        indicators=indicators,
    )
