"""The agency's report of a period as a Word document (sections I–V, Phụ lục I and II)."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from cchc_tui.domain import timelines as tl
from cchc_tui.domain.plan import display_title
from cchc_tui.domain.progress import DONE, NOT_APPLICABLE, format_day
from cchc_tui.domain.report_text import (
    evidence_text,
    indicator_sentence,
    met_word,
    number_prefix,
    percent_vn,
    status_counts,
    status_word,
)
from cchc_tui.services.settings import deadline_day
from cchc_tui.services.word import layout
from cchc_tui.services.word.agency_annex import annex_indicators, annex_tasks
from cchc_tui.services.word.agency_data import AgencyPeriod, TaskLine
from cchc_tui.services.word.frame import (
    Frame,
    close_report,
    frame_from,
    open_report,
    plan_subject,
)
from cchc_tui.services.word.settings import (
    DEFAULT_RECIPIENT,
    NEXT_STEPS_PLACEHOLDER,
    ReportSettings,
)
from cchc_tui.services.workspace import Workspace

SECTION_TITLES = {
    "I": "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II": "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    "III": "III. ĐÁNH GIÁ CHUNG",
    "IV": "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "V": "V. ĐỀ XUẤT, KIẾN NGHỊ",
}


def agency_frame(data_agency_short: str, issuer: str, settings: ReportSettings) -> Frame:
    """The agency's frame: recipient UBND tỉnh (qua Sở Nội vụ), default prefix from its name."""
    return frame_from(
        settings,
        issuer=issuer,
        prefix=number_prefix(data_agency_short),
        recipient=DEFAULT_RECIPIENT,
        title="THỦ TRƯỞNG CƠ QUAN",
        recipients=("Như trên", "Lãnh đạo cơ quan", "Lưu: VT"),
    )


def task_paragraph(doc: DocxDocument, line: TaskLine, data: AgencyPeriod) -> None:
    """One task: code and content, role, status and progress, result, evidence, indicators."""
    r = line.record
    p = layout.para(doc, "", indent=True)
    layout.add_text(p, f"- {line.task.code}.", bold=True)
    layout.add_text(p, f" {line.task.content} (vai trò: {line.roles}). ")
    if not line.reported:
        layout.add_text(p, "Chưa báo cáo trong kỳ.", italic=True)
        return
    state = f"Trạng thái: {status_word(r['status'])}"
    if r["status"] != NOT_APPLICABLE:
        state += f", tiến độ {percent_vn(r['progress_bp'])}"
    layout.add_text(p, state + ". ")
    if r["result"]:
        layout.add_text(p, f"Kết quả: {r['result']} ")
    if r["evidence"]:
        layout.add_text(
            p,
            "Văn bản: "
            + "; ".join(evidence_text(d["number"], d["date"], d["summary"]) for d in r["evidence"])
            + ".",
        )
    for v in r["indicators"]:
        indicator = next(i for i in data.plan.indicators if i.id == v["id"])
        target = indicator.target_for(data.period.year)
        sentence = indicator_sentence(
            v["numerator"], v["denominator"], target.min_bp if target else None, indicator.unit
        )
        layout.para(doc, f"+ {indicator.title}: {sentence}.", indent=True)


def agency_period_document(
    ws: Workspace, data: AgencyPeriod, settings: ReportSettings
) -> DocxDocument:
    """The whole document of the agency's report of `data.period`."""
    doc = layout.new_document()
    frame = agency_frame(data.agency.short_name, data.agency.name, settings)
    plan, period = data.plan, data.period
    open_report(
        doc,
        frame,
        f"Kết quả thực hiện {plan_subject(plan)}, {period.label.lower()}",
        ws.clock.today().year,
    )
    layout.body(
        doc,
        f"Thực hiện {plan_subject(plan)}; {data.agency.name} báo cáo kết quả thực hiện "
        f"{period.label.lower()} (số liệu tính từ ngày {format_day(period.start)} đến ngày "
        f"{format_day(period.end)}) như sau:",
    )
    by_group = {g: [ln for ln in data.lines if ln.task.group == g] for g in plan.groups}
    layout.heading(doc, SECTION_TITLES["I"])
    _group_tasks(doc, by_group.get("I", []), data)
    layout.heading(doc, SECTION_TITLES["II"])
    for n, group in enumerate(("II", "III", "IV", "V", "VI"), start=1):
        title = display_title(plan.groups[group]).removeprefix("NHÓM NHIỆM VỤ VÀ GIẢI PHÁP ")
        layout.heading(doc, f"{n}. {title.capitalize()}", level=2)
        _group_tasks(doc, by_group.get(group, []), data)
    _assessment(doc, data)
    _next_steps(ws, doc, data, settings)
    _proposals(doc, data)
    close_report(
        doc,
        frame,
        f"Trên đây là báo cáo kết quả thực hiện {plan_subject(plan)}, "
        f"{period.label.lower()} của {data.agency.name}./.",
    )
    annex_tasks(doc, data, frame)
    annex_indicators(doc, data)
    return doc


def _group_tasks(doc: DocxDocument, lines: list[TaskLine], data: AgencyPeriod) -> None:
    if not lines:
        layout.body(doc, "Kỳ này cơ quan không có nhiệm vụ thuộc nội dung này.", italic=True)
    for line in lines:
        task_paragraph(doc, line, data)


def _assessment(doc: DocxDocument, data: AgencyPeriod) -> None:
    layout.heading(doc, SECTION_TITLES["III"])
    statuses = [ln.record["status"] for ln in data.lines]
    layout.body(doc, f"1. Kết quả đạt được: trong kỳ, cơ quan có {status_counts(statuses)}.")
    met, missed = [], []
    for title, num, den, target, unit in _indicator_values(data):
        word = met_word(num, den, target, unit)
        if word == "Đạt":
            met.append(title)
        elif word == "Chưa đạt":
            missed.append(title)
    if met or missed:
        layout.body(
            doc,
            f"Chỉ tiêu đạt: {len(met)}; chưa đạt: {len(missed)}"
            + (f" ({'; '.join(missed)})" if missed else "")
            + ".",
        )
    layout.body(doc, "2. Tồn tại, hạn chế:")
    found = [ln for ln in data.lines if ln.record["difficulties"]]
    if not found:
        layout.body(doc, "Không có khó khăn, vướng mắc được ghi nhận trong kỳ.")
    for ln in found:
        layout.body(doc, f"- Nhiệm vụ {ln.task.code}: {ln.record['difficulties']}")


def _next_steps(ws: Workspace, doc: DocxDocument, data: AgencyPeriod, s: ReportSettings) -> None:
    layout.heading(doc, SECTION_TITLES["IV"])
    open_lines = [
        ln
        for ln in data.lines
        if ln.record["status"] not in (DONE, NOT_APPLICABLE)
        and {"lead", "partner"} & set(ln.record["roles"])
    ]
    if open_lines:
        layout.body(doc, "Tiếp tục triển khai các nhiệm vụ chưa hoàn thành:")
    day = deadline_day(ws)
    for ln in sorted(open_lines, key=lambda ln: _due_key(data, ln, day)):
        layout.body(doc, f"- {ln.task.code}. {ln.task.content} ({_due_text(data, ln, day)}).")
    if s.next_steps:
        layout.body(doc, s.next_steps)
    else:
        layout.body(doc, NEXT_STEPS_PLACEHOLDER, italic=True)


def _due_key(data: AgencyPeriod, ln: TaskLine, day: int) -> tuple[bool, str]:
    """Dated tasks first, by due date; then ongoing and "theo quy định" ones (plan order)."""
    due = data.plan.due_date(ln.task, data.period, day)
    if ln.task.end.kind == tl.ONGOING or due is None:
        return (True, "")
    return (False, due.isoformat())


def _due_text(data: AgencyPeriod, ln: TaskLine, day: int) -> str:
    """ "hạn hoàn thành: 31/12/2025", "thực hiện thường xuyên", "thực hiện theo quy định"."""
    if ln.task.end.kind == tl.ONGOING:
        return "thực hiện thường xuyên"
    due = data.plan.due_date(ln.task, data.period, day)
    return f"hạn hoàn thành: {format_day(due)}" if due else "thực hiện theo quy định"


def _proposals(doc: DocxDocument, data: AgencyPeriod) -> None:
    layout.heading(doc, SECTION_TITLES["V"])
    found = [ln for ln in data.lines if ln.record["proposals"]]
    if not found:
        layout.body(doc, "Không có đề xuất, kiến nghị trong kỳ.")
    for ln in found:
        layout.body(doc, f"- Nhiệm vụ {ln.task.code}: {ln.record['proposals']}")


def _indicator_values(data: AgencyPeriod) -> list[tuple[str, int, int, int | None, str]]:
    out = []
    for ln in data.lines:
        for v in ln.record["indicators"]:
            ind = next(i for i in data.plan.indicators if i.id == v["id"])
            target = ind.target_for(data.period.year)
            out.append(
                (
                    ind.title,
                    v["numerator"],
                    v["denominator"],
                    target.min_bp if target else None,
                    ind.unit,
                )
            )
    return out
