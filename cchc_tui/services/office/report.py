"""The consolidated report of a period: its figures, and writing the xlsx and the Markdown.

The two files are written independently: one failing (a value it cannot hold, a full
disk, a file held open by Excel) never stops the other, and says which one and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.domain.periods import ReportingPeriod
from cchc_tui.domain.progress import format_day
from cchc_tui.services.catalog import find_period, load_plan, load_registry
from cchc_tui.services.office.consolidated import (
    IndicatorFigure,
    TaskProgress,
    indicator_figures,
    period_data,
    task_progress,
)
from cchc_tui.services.office.submissions import SubmissionGrid, submissions
from cchc_tui.services.workspace import Workspace


@dataclass(frozen=True)
class PeriodFigures:
    """Task progress and indicators of one period, from one read of its bundles."""

    period_id: str
    tasks: list[TaskProgress]
    indicators: list[IndicatorFigure]
    kinds: dict[str, str]
    """Agency id → kind, to filter the task rows by kind of agency."""


def period_figures(ws: Workspace, period_id: str) -> PeriodFigures:
    """Read the period's bundles once; derive task progress and indicators from them."""
    period = find_period(ws, period_id)
    data = period_data(ws, period.id)
    return PeriodFigures(
        period.id,
        task_progress(ws, period.id, data=data),
        indicator_figures(ws, period.id, data=data),
        {a.id: a.kind for a in load_registry(ws)},
    )


@dataclass(frozen=True)
class PeriodReport:
    """Everything the report shows for one period."""

    period: ReportingPeriod
    plan_number: str
    today: dt.date
    """The program's today: the report's "as of" date."""
    grid: SubmissionGrid
    tasks: list[TaskProgress]
    indicators: list[IndicatorFigure]
    target_years: tuple[int, ...]
    """The years the plan sets targets for: one target column each."""
    names: dict[str, str]
    kinds: dict[str, str]

    @property
    def period_id(self) -> str:
        """`2025-Y`."""
        return self.period.id

    @property
    def label(self) -> str:
        """`Năm 2025`."""
        return self.period.label

    @property
    def deadline(self) -> dt.date:
        """The agencies' submission deadline for the period."""
        return self.period.deadline(self.grid.deadline_day)

    @property
    def title(self) -> str:
        """`Năm 2025 — Kế hoạch 56/KH-UBND`."""
        return f"{self.label} — Kế hoạch {self.plan_number}"

    @property
    def caption(self) -> str:
        """The as-of date, the data cut-off and the deadline, under every title."""
        return (
            f"Số liệu tính đến ngày {format_day(self.today)} (ngày lập báo cáo). "
            f"Kỳ báo cáo từ {format_day(self.period.start)} đến {format_day(self.period.end)}"
            f" (ngày chốt số liệu {format_day(self.period.end)}); hạn nộp của các cơ quan: "
            f"{format_day(self.deadline)}."
        )


def period_report(ws: Workspace, period_id: str) -> PeriodReport:
    """Collect the period's figures once, for both output formats."""
    period = find_period(ws, period_id)
    figures = period_figures(ws, period.id)
    plan = load_plan(ws)
    registry = load_registry(ws)
    return PeriodReport(
        period=period,
        plan_number=plan.number,
        today=ws.clock.today(),
        grid=submissions(ws, [period.id]),
        tasks=figures.tasks,
        indicators=figures.indicators,
        target_years=plan.target_years,
        names={a.id: a.short_name for a in registry},
        kinds=figures.kinds,
    )


class ReportError(Exception):
    """A value the report could not write; the message names agency, task and field."""


@dataclass(frozen=True)
class Written:
    """One output of a report: the file written, or why it was not."""

    kind: str
    path: Path
    error: str = ""
    machine: bool = False
    """True when the disk or the file system refused (exit code 3), not the content."""


def write_reports(
    ws: Workspace, period_id: str, *, xlsx: Path | None = None, md: Path | None = None
) -> list[Written]:
    """Write the xlsx and/or the Markdown of a period, each on its own; one result each."""
    from cchc_tui.services.office.markdown import markdown_bytes
    from cchc_tui.services.office.workbook import workbook_bytes

    report = period_report(ws, period_id)
    outputs: list[tuple[str, Path | None, Callable[[PeriodReport], bytes]]] = [
        ("Excel", xlsx, workbook_bytes),
        ("Markdown", md, markdown_bytes),
    ]
    return [_write(kind, Path(path), build, report) for kind, path, build in outputs if path]


def _write(
    kind: str, path: Path, build: Callable[[PeriodReport], bytes], report: PeriodReport
) -> Written:
    from cchc_tui.store.files import atomic_write_bytes

    try:
        atomic_write_bytes(path, build(report))
    except ReportError as exc:
        return Written(kind, path, f"Không tạo được tệp {kind} {path}: {exc}")
    except OSError as exc:
        return Written(
            kind,
            path,
            f"Không ghi được tệp {kind} {path} ({exc.strerror or exc}): kiểm tra thư mục có"
            " tồn tại, còn chỗ trống, cho phép ghi và tệp không đang mở trong Excel.",
            machine=True,
        )
    return Written(kind, path)
