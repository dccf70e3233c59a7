"""The report's tables, as plain rows both the xlsx and the Markdown are written from.

Values are `str` (agency text is left as received: each writer makes it safe), `int`,
`float`, `datetime.date` or None. Each row names the agency and task it is about, so a
value a writer cannot hold is reported with where it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc_tui.domain.agencies import KIND_LABELS
from cchc_tui.domain.office import rules
from cchc_tui.domain.office.records import EvidenceDoc
from cchc_tui.domain.progress import STATUS_LABELS, format_day
from cchc_tui.services.office.consolidated import IndicatorFigure
from cchc_tui.services.office.report import PeriodReport

Value = str | int | float | dt.date | None
OVERDUE = (rules.MISSING, rules.LATE)


@dataclass(frozen=True)
class Row:
    """One table row and what it is about (for error messages)."""

    values: tuple[Value, ...]
    agency: str = ""
    task: str = ""


@dataclass(frozen=True)
class Table:
    """A sheet of the workbook: name, title, column headers and widths, rows."""

    name: str
    title: str
    headers: tuple[str, ...]
    widths: tuple[int, ...]
    rows: list[Row]


def met_text(figure: IndicatorFigure) -> str:
    """ "Đạt", "Chưa đạt" or "—" (no value or no target)."""
    return {True: "Đạt", False: "Chưa đạt", None: "—"}[figure.met]


def _pct(bp: int | None) -> float | None:
    return None if bp is None else bp / 100


def _amount(figure: IndicatorFigure, value: int | None) -> float | int | None:
    """A value or target of the indicator as a cell: percent for a ratio, else the count."""
    return value if figure.is_count else _pct(value)


def evidence_text(docs: tuple[EvidenceDoc, ...]) -> str:
    """One line per document: `56/KH-UBND ngày 20/05/2020: trích yếu`."""
    lines = []
    for d in docs:
        try:
            day = format_day(dt.date.fromisoformat(d.date))
        except ValueError:
            day = d.date
        lines.append(
            f"{d.number} ngày {day}: {d.summary}" if d.summary else f"{d.number} ngày {day}"
        )
    return "\n".join(lines)


SUBMISSION_HEADERS = (
    "Cơ quan",
    "Loại",
    "Tình trạng",
    "Hạn nộp",
    "Ngày nộp",
    "Số ngày trễ/quá hạn",
    "Gói số",
    "Rẽ nhánh",
    "Thiếu gói",
    "Tệp bị từ chối",
)


def submission_table(report: PeriodReport) -> Table:
    """Every agency of the period: on time, late, missing; the bundle that counts."""
    rows = []
    for row in report.grid.rows:
        cell = row.cells[0]
        rows.append(
            Row(
                (
                    row.name,
                    KIND_LABELS[row.kind],
                    rules.CELL_LABELS[cell.status],
                    report.deadline if cell.status != rules.NOT_EXPECTED else None,
                    cell.submitted_on,
                    cell.days or None,
                    cell.seq,
                    "có" if cell.fork else "",
                    "có" if cell.gap else "",
                    cell.rejected or None,
                ),
                agency=row.short_name,
            )
        )
    return Table(
        "Tình hình nộp",
        f"Tình hình nộp báo cáo {report.title}",
        SUBMISSION_HEADERS,
        (42, 20, 17, 11, 11, 10, 7, 8, 8, 9),
        rows,
    )


OVERDUE_HEADERS = ("STT", "Cơ quan", "Loại", "Tình trạng", "Hạn nộp", "Ngày nộp", "Số ngày quá hạn")


def overdue_table(report: PeriodReport) -> Table:
    """Agencies that have not submitted (past the deadline) or submitted late: for reminders."""
    late = [r for r in report.grid.rows if r.cells[0].status in OVERDUE]
    late.sort(key=lambda r: (r.cells[0].status != rules.MISSING, -r.cells[0].days, r.name))
    rows = [
        Row(
            (
                number,
                r.name,
                KIND_LABELS[r.kind],
                rules.CELL_LABELS[r.cells[0].status],
                report.deadline,
                r.cells[0].submitted_on,
                r.cells[0].days,
            ),
            agency=r.short_name,
        )
        for number, r in enumerate(late, start=1)
    ]
    return Table(
        "Chưa nộp, trễ hạn",
        f"Cơ quan chưa nộp hoặc nộp trễ báo cáo {report.title}",
        OVERDUE_HEADERS,
        (6, 52, 20, 18, 12, 12, 11),
        rows,
    )


TASK_HEADERS = (
    "Nhiệm vụ",
    "Nội dung",
    "Vai trò",
    "Cơ quan",
    "Tình trạng",
    "Tiến độ (%)",
    "Kết quả",
    "Khó khăn, vướng mắc",
    "Đề xuất, kiến nghị",
    "Văn bản kết quả",
    "Ghi chú",
)


def task_table(report: PeriodReport) -> Table:
    """Each task's agencies (an agency both lead and partner once, as both) and their reports."""
    rows = []
    for task in report.tasks:
        for role, r in task.by_agency():
            rows.append(
                Row(
                    (
                        task.code,
                        task.title,
                        role,
                        r.agency_name,
                        r.status_label,
                        _pct(r.progress_bp) if r.status in STATUS_LABELS else None,
                        r.result,
                        r.difficulties,
                        r.proposals,
                        evidence_text(r.evidence),
                        r.note,  # "kế thừa từ Sở TT&TT": reports in place of a body that ended
                    ),
                    agency=r.agency_name,
                    task=task.code,
                )
            )
    return Table(
        "Tiến độ nhiệm vụ",
        f"Tiến độ nhiệm vụ {report.title}",
        TASK_HEADERS,
        (7, 24, 9, 18, 11, 7, 36, 26, 26, 24, 20),
        rows,
    )


def indicator_headers(report: PeriodReport) -> tuple[str, ...]:
    """The indicator sheet's headers: one target column per year the plan sets targets for."""
    return (
        "Chỉ tiêu",
        "Mã",
        "Cách tổng hợp",
        "Áp dụng cho",
        "Đơn vị",
        *(f"Mục tiêu {year}" for year in report.target_years),
        "Mục tiêu của kỳ",
        "Tổng tử số",
        "Tổng mẫu số",
        "Kết quả",
        "Số cơ quan báo cáo",
        "Đạt",
    )


def indicator_table(report: PeriodReport) -> Table:
    """The province's figure of each indicator against the plan's targets."""
    rows = [
        Row(
            (
                f.title,
                f.id,
                f.rollup_label,
                ", ".join(KIND_LABELS[k] for k in f.applies_to),
                f.unit_label,
                *(_amount(f, f.target_bp_of(year)) for year in report.target_years),
                _amount(f, f.target_bp),
                f.numerator,
                None if f.is_count else f.denominator,
                _amount(f, f.value_bp),
                len(f.contributions),
                met_text(f),
            )
        )
        for f in report.indicators
    ]
    widths = (36, 28, 24, 26, 9, *(10 for _ in report.target_years), 10, 10, 10, 9, 10, 9)
    return Table(
        "Chỉ tiêu",
        f"Chỉ tiêu {report.title} (tỷ lệ tính bằng %, số đếm theo đơn vị của chỉ tiêu)",
        indicator_headers(report),
        widths,
        rows,
    )


AGENCY_VALUE_HEADERS = (
    "Chỉ tiêu",
    "Cơ quan",
    "Loại",
    "Báo cáo tại nhiệm vụ",
    "Tử số",
    "Mẫu số",
    "Kết quả",
    "Đơn vị",
)


def agency_value_table(report: PeriodReport) -> Table:
    """Each agency's own value of each indicator (what the province's figure adds up),
    agencies by kind (departments first) and name."""
    rows = []
    kind_order = {kind: i for i, kind in enumerate(KIND_LABELS)}

    def order(c) -> tuple:
        kind = report.kinds.get(c.agency_id, "")
        return kind_order.get(kind, len(kind_order)), report.names.get(c.agency_id, c.agency_id)

    for f in report.indicators:
        for c in sorted(f.contributions, key=order):
            name = report.names.get(c.agency_id, c.agency_id)
            kind = KIND_LABELS.get(report.kinds.get(c.agency_id, ""), "")
            rows.append(
                Row(
                    (
                        f.title,
                        name,
                        kind,
                        c.task,
                        c.numerator,
                        None if f.is_count else c.denominator,
                        _amount(f, f.own_value(c)),
                        f.unit_label,
                    ),
                    agency=name,
                    task=c.task,
                )
            )
    return Table(
        "Chỉ tiêu theo cơ quan",
        f"Số liệu chỉ tiêu của từng cơ quan {report.title} (tỷ lệ tính bằng %, số đếm theo"
        " đơn vị của chỉ tiêu)",
        AGENCY_VALUE_HEADERS,
        (40, 36, 20, 12, 10, 10, 10, 9),
        rows,
    )


def report_tables(report: PeriodReport) -> list[Table]:
    """The workbook's sheets, in order."""
    return [
        submission_table(report),
        overdue_table(report),
        task_table(report),
        indicator_table(report),
        agency_value_table(report),
    ]
