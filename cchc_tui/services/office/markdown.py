"""The Markdown summary of a period's report, to paste into the official document.

Agency text goes through `domain.safe_text.markdown_inline`: control characters made
visible, Markdown's inline punctuation escaped, line breaks as `<br>`; it is only ever
written inside a table cell, so it can start no heading, list or table of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cchc_tui.domain.office import rules
from cchc_tui.domain.progress import format_day
from cchc_tui.domain.safe_text import markdown_inline
from cchc_tui.services.office.consolidated import AgencyReport, TaskProgress
from cchc_tui.services.office.report import PeriodReport, ReportError
from cchc_tui.services.office.report_tables import (
    OVERDUE_HEADERS,
    Row,
    Value,
    agency_value_table,
    evidence_text,
    met_text,
    overdue_table,
)


def _cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_day(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return markdown_inline(str(value))


def _table(headers: Iterable[str], rows: Iterable[Row], section: str) -> list[str]:
    headers = tuple(headers)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        try:
            lines.append("| " + " | ".join(_cell(v) for v in row.values) + " |")
        except Exception as exc:
            where = ", ".join(
                p for p in (f"cơ quan {row.agency}" if row.agency else "", row.task) if p
            )
            raise ReportError(f"{where} (mục “{section}”): {exc}") from exc
    return lines


def _submissions(report: PeriodReport) -> list[str]:
    counts = report.grid.counts(report.period_id)
    expected = sum(1 for row in report.grid.rows if row.cells[0].status != rules.NOT_EXPECTED)
    lines = [
        "## Tình hình nộp báo cáo",
        "",
        f"- Số cơ quan phải báo cáo: {expected}",
        f"- Đúng hạn: {counts[rules.ON_TIME]}",
        f"- Trễ hạn: {counts[rules.LATE]}",
        f"- Chưa nộp (quá hạn): {counts[rules.MISSING]}",
        f"- Chưa đến hạn: {counts[rules.NOT_DUE]}",
    ]
    cells = [(r, r.cells[0]) for r in report.grid.rows]
    late = [
        f"{markdown_inline(r.short_name)} ({c.days} ngày)"
        for r, c in cells
        if c.status == rules.LATE
    ]
    missing = [markdown_inline(r.short_name) for r, c in cells if c.status == rules.MISSING]
    if late:
        lines.append("- Cơ quan nộp trễ: " + "; ".join(late))
    if missing:
        lines.append("- Cơ quan chưa nộp: " + "; ".join(missing))
    flagged = [
        r for r in report.grid.rows if r.cells[0].fork or r.cells[0].gap or r.cells[0].rejected
    ]
    if flagged:
        lines.append(
            "- Cần kiểm tra (rẽ nhánh, thiếu gói, tệp bị từ chối): "
            + "; ".join(markdown_inline(r.short_name) for r in flagged)
        )
    overdue = overdue_table(report)
    lines += ["", "## Cơ quan chưa nộp hoặc nộp trễ", ""]
    if overdue.rows:
        lines += _table(OVERDUE_HEADERS, overdue.rows, "Cơ quan chưa nộp hoặc nộp trễ")
    else:
        lines.append("Không có cơ quan nào chưa nộp hoặc nộp trễ.")
    return lines


def _tally(reports: tuple[AgencyReport, ...]) -> str:
    """ "3/5 hoàn thành, 1 chưa nộp" for the agencies of one role."""
    if not reports:
        return "—"
    done = sum(1 for r in reports if r.status == "done")
    missing = sum(1 for r in reports if r.body_sha256 is None)
    text = f"{done}/{len(reports)} hoàn thành"
    return f"{text}, {missing} chưa nộp" if missing else text


def _succession(task: TaskProgress) -> str:
    """ "Chủ trì: Sở KH&CN (kế thừa từ Sở TT&TT)": roles passed on in the 2025 reorganisation."""
    parts = []
    for label, reports in (("Chủ trì", task.leads), ("Phối hợp", task.partners)):
        by_note: dict[str, list[str]] = {}
        for r in reports:
            if r.note:
                by_note.setdefault(r.note, []).append(r.agency_name)
        for note, names in by_note.items():
            who = "; ".join(names) if len(names) <= 3 else f"{len(names)} cơ quan"
            parts.append(f"{label}: {who} ({note})")
    return markdown_inline(". ".join(parts)) if parts else ""


def _tasks(report: PeriodReport) -> list[str]:
    lines = [
        "## Tiến độ nhiệm vụ",
        "",
        "| Nhiệm vụ | Chủ trì | Phối hợp | Ghi chú |",
        "|---|---|---|---|",
    ]
    for task in report.tasks:
        lines.append(
            f"| {task.code} | {_tally(task.leads)} | {_tally(task.partners)} |"
            f" {_succession(task)} |"
        )
    lines += ["", "## Khó khăn, vướng mắc và đề xuất, kiến nghị của các cơ quan", ""]
    said = False
    for task in report.tasks:
        rows = [
            Row(
                (r.agency_name, role, r.difficulties, r.proposals, evidence_text(r.evidence)),
                agency=r.agency_name,
                task=task.code,
            )
            for role, r in task.by_agency()
            if r.difficulties.strip() or r.proposals.strip()
        ]
        if rows:
            said = True
            lines += [f"### Nhiệm vụ {task.code}: {markdown_inline(task.title)}", ""]
            headers = ("Cơ quan", "Vai trò", "Khó khăn, vướng mắc", "Đề xuất, kiến nghị", "Văn bản")
            lines += [*_table(headers, rows, f"Nhiệm vụ {task.code}"), ""]
    if not said:
        lines += ["Không cơ quan nào nêu khó khăn hay đề xuất trong kỳ.", ""]
    return lines


def _indicators(report: PeriodReport) -> list[str]:
    years = report.target_years
    headers = (
        "Chỉ tiêu",
        "Cách tổng hợp",
        *(f"Mục tiêu {y}" for y in years),
        "Kết quả",
        "Tử số/Mẫu số",
        "Số cơ quan",
        "Đạt",
    )
    lines = ["## Chỉ tiêu", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for f in report.indicators:
        targets = " | ".join(markdown_inline(f.format(f.target_bp_of(y))) for y in years)
        parts = str(f.numerator) if f.is_count else f"{f.numerator}/{f.denominator}"
        lines.append(
            f"| {markdown_inline(f.title)} | {f.rollup_label} | {targets} | "
            f"{markdown_inline(f.format(f.value_bp))} | {parts} | "
            f"{len(f.contributions)} | {met_text(f)} |"
        )
    values = agency_value_table(report)
    lines += ["", "## Phụ lục: số liệu chỉ tiêu của từng cơ quan", ""]
    if values.rows:
        lines += _table(values.headers, values.rows, "Phụ lục: số liệu chỉ tiêu")
    else:
        lines.append("Chưa cơ quan nào báo cáo số liệu chỉ tiêu trong kỳ.")
    return lines


def markdown_text(report: PeriodReport) -> str:
    """A summary of the same figures, to paste into the official report."""
    lines = [
        f"# Tổng hợp báo cáo CCHC — {report.label} (Kế hoạch {report.plan_number})",
        "",
        f"_{report.caption}_",
        "",
        *_submissions(report),
        "",
        *_tasks(report),
        *_indicators(report),
    ]
    return "\n".join(lines) + "\n"


def markdown_bytes(report: PeriodReport) -> bytes:
    """`markdown_text` encoded as UTF-8."""
    return markdown_text(report).encode("utf-8")
