"""The office's consolidated report of a period (Sở Nội vụ to UBND tỉnh) as a Word document.

Built from the accepted bundles through the office's own figures (`period_report`):
who submitted and who is late, each task's lead and partner agencies, indicators
against targets, difficulties and proposals by task with the agency named.
"""

from __future__ import annotations

from collections import Counter

from docx.document import Document as DocxDocument

from cchc_tui.domain.office import rules
from cchc_tui.domain.plan import Plan, display_title
from cchc_tui.domain.progress import format_day
from cchc_tui.domain.report_text import (
    evidence_text,
    indicator_sentence,
    met_word,
    percent_vn,
)
from cchc_tui.services.catalog import load_plan
from cchc_tui.services.office.consolidated import TaskProgress
from cchc_tui.services.office.report import PeriodReport, period_report
from cchc_tui.services.word import layout
from cchc_tui.services.word.agency import SECTION_TITLES
from cchc_tui.services.word.frame import (
    Frame,
    annex_title,
    close_report,
    frame_from,
    open_report,
    plan_subject,
)
from cchc_tui.services.word.settings import (
    NEXT_STEPS_PLACEHOLDER,
    OFFICE_RECIPIENT,
    ReportSettings,
)
from cchc_tui.services.workspace import Workspace

ISSUER = "Sở Nội vụ"
ANNEX_I = (
    "Mã",
    "Cơ quan",
    "Vai trò",
    "Trạng thái",
    "Tiến độ",
    "Kết quả",
    "Văn bản minh chứng",
    "Khó khăn, vướng mắc",
    "Đề xuất",
)
ANNEX_I_MM = (13, 38, 17, 22, 14, 58, 40, 30, 30)
ANNEX_II = ("STT", "Cơ quan, đơn vị", "Tình hình nộp", "Ngày nộp")
ANNEX_II_MM = (15, 150, 55, 42)


def office_frame(settings: ReportSettings) -> Frame:
    """Sở Nội vụ as issuer, UBND tỉnh as recipient."""
    return frame_from(
        settings,
        issuer=ISSUER,
        prefix="BC-SNV",
        recipient=OFFICE_RECIPIENT,
        title="GIÁM ĐỐC",
        recipients=("Như trên", "Bộ Nội vụ (báo cáo)", "Lãnh đạo Sở", "Lưu: VT, CCHC"),
    )


def office_period_document(ws: Workspace, period_id: str, settings: ReportSettings) -> DocxDocument:
    """The consolidated report of one period."""
    report = period_report(ws, period_id)
    plan = load_plan(ws)
    doc = layout.new_document()
    frame = office_frame(settings)
    label = report.label.lower()
    open_report(doc, frame, f"Kết quả thực hiện {plan_subject(plan)}, {label}", report.today.year)
    layout.body(
        doc,
        f"Thực hiện {plan_subject(plan)}; trên cơ sở báo cáo của các cơ quan, "
        f"đơn vị, địa phương (kỳ báo cáo từ {format_day(report.period.start)} đến "
        f"{format_day(report.period.end)}; số liệu tổng hợp đến ngày "
        f"{format_day(report.today)}), Sở Nội vụ tổng hợp, báo cáo như sau:",
    )
    _submissions(doc, report)
    layout.heading(doc, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    by_code = {t.code: t for t in report.tasks}
    for n, group in enumerate(plan.groups, start=1):
        title = display_title(plan.groups[group]).removeprefix("NHÓM NHIỆM VỤ VÀ GIẢI PHÁP ")
        layout.heading(doc, f"{n}. {title.capitalize()}", level=2)
        tasks = [by_code[t.code] for t in plan.tasks if t.group == group and t.code in by_code]
        if not tasks:
            layout.body(doc, "Kỳ này không có nhiệm vụ thuộc nội dung này.", italic=True)
        for task in tasks:
            layout.body(doc, task_summary(task, plan.by_code[task.code].content))
    layout.heading(doc, SECTION_TITLES["III"])
    layout.body(doc, "1. Kết quả thực hiện các chỉ tiêu:")
    for f in report.indicators:
        met = met_word(f.numerator, f.denominator, f.target_bp, f.unit)
        sentence = indicator_sentence(f.numerator, f.denominator, f.target_bp, f.unit)
        layout.body(doc, f"- {f.title}: {sentence}" + (f": {met.lower()}." if met != "—" else "."))
    layout.body(doc, "2. Tồn tại, hạn chế (theo báo cáo của các cơ quan):")
    _by_task(doc, report, "difficulties", "Các cơ quan không báo cáo khó khăn, vướng mắc.")
    layout.heading(doc, SECTION_TITLES["IV"])
    layout.body(doc, settings.next_steps or NEXT_STEPS_PLACEHOLDER, italic=not settings.next_steps)
    layout.heading(doc, SECTION_TITLES["V"])
    _by_task(doc, report, "proposals", "Các cơ quan không có đề xuất, kiến nghị.")
    close_report(
        doc,
        frame,
        f"Trên đây là báo cáo kết quả thực hiện {plan_subject(plan)}, "
        f"{label}; Sở Nội vụ báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo./.",
    )
    _annex_tasks(doc, report, frame, plan)
    _annex_submissions(doc, report)
    return doc


def task_summary(task: TaskProgress, content: str) -> str:
    """ "- II.1. Tổ chức thẩm định …: chủ trì 1 cơ quan (1 hoàn thành); phối hợp 12 …"."""
    parts = []
    for word, reports in (("chủ trì", task.leads), ("phối hợp", task.partners)):
        if reports:
            counts = Counter(r.status_label for r in reports)
            detail = ", ".join(f"{n} {label}" for label, n in counts.most_common())
            parts.append(f"{word} {len(reports)} cơ quan ({detail})")
    leads = "; ".join(
        f"{r.agency_name}: {r.status_label}"
        + (f", {percent_vn(r.progress_bp)}" if r.body_sha256 and r.progress_bp else "")
        for r in task.leads[:6]
    )
    if len(task.leads) > 6:
        leads += f"; và {len(task.leads) - 6} cơ quan khác (Phụ lục I)"
    text = f"- {task.code}. {content}: " + ("; ".join(parts) or "không có cơ quan thực hiện")
    return text + (f". Cơ quan chủ trì: {leads}." if leads else ".")


def _submissions(doc: DocxDocument, report: PeriodReport) -> None:
    layout.heading(doc, "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ")
    counts = report.grid.counts(report.period_id)
    expected = sum(n for status, n in counts.items() if status != rules.NOT_EXPECTED)
    layout.body(
        doc,
        f"Tổng số cơ quan, đơn vị, địa phương phải báo cáo: {expected}; trong đó "
        + ", ".join(
            f"{rules.CELL_LABELS[s]}: {counts[s]}"
            for s in (rules.ON_TIME, rules.LATE, rules.MISSING, rules.NOT_DUE)
        )
        + f" (hạn nộp: {format_day(report.deadline)}). Chi tiết tại Phụ lục II.",
    )
    for status, words in ((rules.LATE, "Nộp trễ hạn"), (rules.MISSING, "Chưa nộp")):
        names = [r.name for r in report.grid.rows for c in r.cells if c.status == status]
        if names:
            layout.body(doc, f"- {words} ({len(names)}): {', '.join(names)}.")


def _by_task(doc: DocxDocument, report: PeriodReport, field: str, none: str) -> None:
    found = False
    for task in report.tasks:
        items = [(role, r) for role, r in task.by_agency() if getattr(r, field)]
        if not items:
            continue
        found = True
        layout.body(doc, f"- Nhiệm vụ {task.code}:")
        for _role, r in items:
            layout.body(doc, f"+ {r.agency_name}: {getattr(r, field)}")
    if not found:
        layout.body(doc, none)


def _annex_tasks(doc: DocxDocument, report: PeriodReport, frame: Frame, plan: Plan) -> None:
    annex_title(
        doc,
        "Phụ lục I",
        f"Kết quả thực hiện nhiệm vụ {report.label}",
        frame,
        f"số liệu đến ngày {format_day(report.today)}",
    )
    table = layout.grid_table(doc, ANNEX_I, ANNEX_I_MM)
    for task in report.tasks:
        layout.add_row(table, [f"{task.code}. {plan.by_code[task.code].content}"], merge=True)
        for role, r in task.by_agency():
            shown = r.body_sha256 is not None and r.status not in ("not_in_bundle",)
            docs = "\n".join(evidence_text(d.number, d.date, d.summary) for d in r.evidence)
            name = f"{r.agency_name} ({r.note})" if r.note else r.agency_name
            layout.add_row(
                table,
                [
                    task.code,
                    name,
                    role,
                    r.status_label,
                    percent_vn(r.progress_bp) if shown else "",
                    r.result,
                    docs,
                    r.difficulties,
                    r.proposals,
                ],
            )


def _annex_submissions(doc: DocxDocument, report: PeriodReport) -> None:
    layout.page_break(doc)
    layout.para(doc, "Phụ lục II", bold=True, align="center", after=0)
    layout.para(
        doc, f"TÌNH HÌNH NỘP BÁO CÁO {report.label.upper()}", bold=True, align="center", after=6
    )
    table = layout.grid_table(doc, ANNEX_II, ANNEX_II_MM)
    n = 0
    for row in report.grid.rows:
        for cell in row.cells:
            if cell.status == rules.NOT_EXPECTED:
                continue
            n += 1
            day = format_day(cell.submitted_on) if cell.submitted_on else ""
            layout.add_row(table, [str(n), row.name, cell.label, day])
