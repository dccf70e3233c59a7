"""The annexes of the agency's period report: Phụ lục I (tasks) and II (indicators)."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from cchc_tui.domain.plan import Task, display_title
from cchc_tui.domain.progress import format_day
from cchc_tui.domain.report_text import (
    amount_vn,
    evidence_text,
    met_word,
    percent_vn,
    status_word,
    value_bp,
)
from cchc_tui.services.word import layout
from cchc_tui.services.word.agency_data import AgencyPeriod
from cchc_tui.services.word.frame import Frame, annex_title

ANNEX_I = (
    "Mã",
    "Nội dung nhiệm vụ",
    "Vai trò",
    "Thời gian",
    "Trạng thái",
    "Tiến độ",
    "Kết quả",
    "Văn bản minh chứng",
    "Khó khăn, vướng mắc",
    "Đề xuất",
)
ANNEX_I_MM = (13, 52, 17, 18, 20, 14, 45, 33, 25, 25)
ANNEX_II = ("Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Chỉ tiêu kế hoạch", "Đánh giá")
ANNEX_II_MM = (120, 25, 25, 25, 35, 32)


def evidence_of(record: dict) -> str:
    """Every evidence document of a record, "(số … ngày …: trích yếu)", one per line."""
    return "\n".join(
        evidence_text(d["number"], d["date"], d["summary"]) for d in record["evidence"]
    )


def annex_tasks(doc: DocxDocument, data: AgencyPeriod, frame: Frame) -> None:
    """Phụ lục I (landscape): one row per task of the agency in the period, by group."""
    annex_title(
        doc,
        "Phụ lục I",
        f"Kết quả thực hiện nhiệm vụ {data.period.label}",
        frame,
        f"số liệu đến ngày {format_day(data.period.end)}",
    )
    table = layout.grid_table(doc, ANNEX_I, ANNEX_I_MM)
    for group in data.plan.groups:
        lines = [ln for ln in data.lines if ln.task.group == group]
        if not lines:
            continue
        layout.add_row(table, [f"{group}. {display_title(data.plan.groups[group])}"], merge=True)
        for ln in lines:
            r, t = ln.record, ln.task
            reported = ln.reported
            layout.add_row(
                table,
                [
                    t.code,
                    t.content,
                    ln.roles,
                    _timeline(t),
                    status_word(r["status"]) if reported else status_word("not_reported"),
                    percent_vn(r["progress_bp"]) if reported else "",
                    r["result"],
                    evidence_of(r),
                    r["difficulties"],
                    r["proposals"],
                ],
            )


def _timeline(task: Task) -> str:
    start, end = task.start.label, task.end.label
    return start if start == end else f"{start} – {end}"


def annex_indicators(doc: DocxDocument, data: AgencyPeriod) -> None:
    """Phụ lục II: each indicator of the agency's tasks against the target of the year."""
    layout.page_break(doc)
    layout.para(doc, "Phụ lục II", bold=True, align="center", after=0)
    layout.para(
        doc,
        f"KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {data.period.label.upper()}",
        bold=True,
        align="center",
        after=6,
    )
    table = layout.grid_table(doc, ANNEX_II, ANNEX_II_MM)
    reported = {v["id"]: v for ln in data.lines for v in ln.record["indicators"]}
    codes = {ln.task.code for ln in data.lines}
    shown = [i for i in data.plan.indicators if i.id in reported or set(i.tasks) & codes]
    if not shown:
        layout.add_row(
            table,
            ["Các nhiệm vụ của cơ quan trong kỳ không có chỉ tiêu đo đếm."],
            merge=True,
        )
    for ind in shown:
        target = ind.target_for(data.period.year)
        target_bp = target.min_bp if target else None
        v = reported.get(ind.id)
        if v is None:
            values = ["", "", "chưa báo cáo", ""]
        else:
            bp = value_bp(v["numerator"], v["denominator"])
            values = [
                f"{v['numerator']}",
                "" if ind.is_count else f"{v['denominator']}",  # a count: no denominator
                amount_vn(v["numerator"], ind.unit)
                if ind.is_count
                else (percent_vn(bp) if bp is not None else "—"),
                met_word(v["numerator"], v["denominator"], target_bp, ind.unit),
            ]
        layout.add_row(
            table,
            [
                ind.title,
                values[0],
                values[1],
                values[2],
                amount_vn(target_bp, ind.unit) if target_bp is not None else "—",
                values[3],
            ],
        )
