"""The consolidated report of a period: an Excel workbook and a Markdown summary."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.domain.agencies import KIND_LABELS
from cchc_tui.domain.office import rules
from cchc_tui.domain.progress import STATUS_LABELS, format_day
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

SUBMISSION_HEADERS = (
    "Cơ quan",
    "Loại",
    "Tình trạng",
    "Số ngày trễ/quá hạn",
    "Ngày nộp",
    "Gói số",
    "Rẽ nhánh",
    "Thiếu gói",
    "Tệp bị từ chối",
)
TASK_HEADERS = (
    "Nhiệm vụ",
    "Nội dung",
    "Vai trò",
    "Cơ quan",
    "Tình trạng",
    "Tiến độ (%)",
    "Kết quả",
    "Văn bản kết quả",
)
INDICATOR_HEADERS = (
    "Chỉ tiêu",
    "Mã",
    "Cách tổng hợp",
    "Áp dụng cho",
    "Mục tiêu 2020 (%)",
    "Mục tiêu 2025 (%)",
    "Mục tiêu của kỳ (%)",
    "Tổng tử số",
    "Tổng mẫu số",
    "Kết quả (%)",
    "Số cơ quan báo cáo",
    "Đạt",
)


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

    period_id: str
    label: str
    plan_number: str
    grid: SubmissionGrid
    tasks: list[TaskProgress]
    indicators: list[IndicatorFigure]


def period_report(ws: Workspace, period_id: str) -> PeriodReport:
    """Collect the period's figures once, for both output formats."""
    period = find_period(ws, period_id)
    figures = period_figures(ws, period.id)
    return PeriodReport(
        period.id,
        period.label,
        load_plan(ws).number,
        submissions(ws, [period.id]),
        figures.tasks,
        figures.indicators,
    )


def _pct(bp: int | None) -> float | None:
    return None if bp is None else bp / 100


def met_text(figure: IndicatorFigure) -> str:
    """ "Đạt", "Chưa đạt" or "—" (no value or no target)."""
    return {True: "Đạt", False: "Chưa đạt", None: "—"}[figure.met]


def _submission_rows(report: PeriodReport) -> list[tuple]:
    rows = []
    for row in report.grid.rows:
        cell = row.cells[0]
        rows.append(
            (
                row.name,
                KIND_LABELS[row.kind],
                rules.CELL_LABELS[cell.status],
                cell.days,
                format_day(cell.submitted_on) if cell.submitted_on else "",
                cell.seq,
                "có" if cell.fork else "",
                "có" if cell.gap else "",
                cell.rejected or None,
            )
        )
    return rows


def _task_rows(report: PeriodReport) -> list[tuple]:
    rows = []
    for task in report.tasks:
        for role, reports in (("Chủ trì", task.leads), ("Phối hợp", task.partners)):
            for r in reports:
                evidence = "; ".join(
                    f"{d.number} ({d.date}) {d.summary}".strip() for d in r.evidence
                )
                progress = _pct(r.progress_bp) if r.status in STATUS_LABELS else None
                rows.append(
                    (
                        task.code,
                        task.title,
                        role,
                        r.agency_name,
                        r.status_label,
                        progress,
                        r.result,
                        evidence,
                    )
                )
    return rows


def _indicator_rows(report: PeriodReport) -> list[tuple]:
    return [
        (
            f.title,
            f.id,
            f.rollup_label,
            ", ".join(KIND_LABELS[k] for k in f.applies_to),
            _pct(f.target_2020_bp),
            _pct(f.target_2025_bp),
            _pct(f.target_bp),
            f.numerator,
            f.denominator,
            _pct(f.value_bp),
            len(f.contributions),
            met_text(f),
        )
        for f in report.indicators
    ]


def _sheet(
    book, title: str, caption: str, headers: tuple, rows: list[tuple], widths: tuple
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append([caption])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append(list(headers))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append(list(row))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{len(rows) + 2}"


def workbook_bytes(report: PeriodReport) -> bytes:
    """The report as an .xlsx file (three sheets, header rows frozen)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    title = f"{report.label} — Kế hoạch {report.plan_number}"
    _sheet(
        book,
        "Tình hình nộp",
        f"Tình hình nộp báo cáo {title}",
        SUBMISSION_HEADERS,
        _submission_rows(report),
        (48, 22, 20, 12, 12, 8, 10, 10, 12),
    )
    _sheet(
        book,
        "Tiến độ nhiệm vụ",
        f"Tiến độ nhiệm vụ {title}",
        TASK_HEADERS,
        _task_rows(report),
        (10, 60, 10, 30, 18, 10, 60, 40),
    )
    _sheet(
        book,
        "Chỉ tiêu",
        f"Chỉ tiêu {title} (tỷ lệ tính bằng %)",
        INDICATOR_HEADERS,
        _indicator_rows(report),
        (50, 28, 26, 30, 12, 12, 12, 14, 14, 12, 12, 10),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_xlsx(ws: Workspace, period_id: str, path: Path) -> Path:
    """Write the workbook atomically; returns the path."""
    from cchc_tui.store.files import atomic_write_bytes

    atomic_write_bytes(Path(path), workbook_bytes(period_report(ws, period_id)))
    return Path(path)


def write_markdown(ws: Workspace, period_id: str, path: Path) -> Path:
    """Write the Markdown summary atomically; returns the path."""
    from cchc_tui.services.office.markdown import markdown_text
    from cchc_tui.store.files import atomic_write_bytes

    atomic_write_bytes(Path(path), markdown_text(period_report(ws, period_id)).encode("utf-8"))
    return Path(path)
