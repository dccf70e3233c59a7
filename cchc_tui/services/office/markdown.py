"""The Markdown summary of a period's report, to paste into the official document."""

from __future__ import annotations

from cchc_tui.domain.office import rules
from cchc_tui.domain.progress import format_percent
from cchc_tui.services.office.consolidated import AgencyReport
from cchc_tui.services.office.report import PeriodReport, met_text


def markdown_text(report: PeriodReport) -> str:
    """A plain-text summary of the same figures, to paste into the official report."""
    lines = [f"# Tổng hợp báo cáo CCHC — {report.label} (Kế hoạch {report.plan_number})", ""]
    counts = report.grid.counts(report.period_id)
    expected = sum(1 for row in report.grid.rows if row.cells[0].status != rules.NOT_EXPECTED)
    lines += [
        "## Tình hình nộp báo cáo",
        "",
        f"- Số cơ quan phải báo cáo: {expected}",
        f"- Đúng hạn: {counts[rules.ON_TIME]}",
        f"- Trễ hạn: {counts[rules.LATE]}",
        f"- Chưa nộp (quá hạn): {counts[rules.MISSING]}",
        f"- Chưa đến hạn: {counts[rules.NOT_DUE]}",
    ]
    late = [row for row in report.grid.rows if row.cells[0].status == rules.LATE]
    missing = [row for row in report.grid.rows if row.cells[0].status == rules.MISSING]
    if late:
        lines.append(
            "- Cơ quan nộp trễ: "
            + "; ".join(f"{r.short_name} ({r.cells[0].days} ngày)" for r in late)
        )
    if missing:
        lines.append("- Cơ quan chưa nộp: " + "; ".join(r.short_name for r in missing))
    flagged = [
        r for r in report.grid.rows if r.cells[0].fork or r.cells[0].gap or r.cells[0].rejected
    ]
    if flagged:
        lines.append(
            "- Cần kiểm tra (rẽ nhánh, thiếu gói, tệp bị từ chối): "
            + "; ".join(r.short_name for r in flagged)
        )
    lines += ["", "## Tiến độ nhiệm vụ", "", "| Nhiệm vụ | Chủ trì | Phối hợp |", "|---|---|---|"]
    for task in report.tasks:
        lines.append(f"| {task.code} | {_tally(task.leads)} | {_tally(task.partners)} |")
    lines += [
        "",
        "## Chỉ tiêu",
        "",
        "| Chỉ tiêu | Cách tổng hợp | Mục tiêu 2020 | Mục tiêu 2025 | Kết quả | Tử số/Mẫu số | Số cơ quan | Đạt |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in report.indicators:
        lines.append(
            f"| {f.title} | {f.rollup_label} | {format_percent(f.target_2020_bp)} | "
            f"{format_percent(f.target_2025_bp)} | {format_percent(f.value_bp)} | {f.numerator}/{f.denominator} | "
            f"{len(f.contributions)} | {met_text(f)} |"
        )
    return "\n".join(lines) + "\n"


def _tally(reports: tuple[AgencyReport, ...]) -> str:
    """ "3/5 hoàn thành, 1 chưa nộp" for the agencies of one role."""
    if not reports:
        return "—"
    done = sum(1 for r in reports if r.status == "done")
    missing = sum(1 for r in reports if r.body_sha256 is None)
    text = f"{done}/{len(reports)} hoàn thành"
    return f"{text}, {missing} chưa nộp" if missing else text
