"""The agency's stage summary (tổng kết giai đoạn 2021–2025) as a Word document."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from cchc_tui.domain.plan import display_title
from cchc_tui.domain.progress import DONE, NOT_APPLICABLE
from cchc_tui.domain.report_text import (
    NO_DATA,
    amount_vn,
    evidence_text,
    met_word,
    percent_vn,
    status_counts,
    status_word,
    value_bp,
)
from cchc_tui.services.word import layout
from cchc_tui.services.word.agency import SECTION_TITLES, agency_frame
from cchc_tui.services.word.agency_data import AgencyStage, StageTask
from cchc_tui.services.word.frame import Frame, annex_title, close_report, open_report, plan_subject
from cchc_tui.services.word.settings import NEXT_STEPS_PLACEHOLDER, ReportSettings
from cchc_tui.services.workspace import Workspace

NOT_EXPECTED = "không báo cáo năm này"


def year_word(task: StageTask, year: int, data: AgencyStage) -> str:
    """The task's status at the end of `year`, or why there is none."""
    if year in data.years_not_expected:
        return NOT_EXPECTED
    if year in data.years_without_data:
        return "chưa có số liệu"
    record = task.by_year.get(year)
    if record is None:
        return "—"
    if not record["revision"]["number"]:
        return status_word("not_reported")
    word = status_word(record["status"])
    if record["status"] in (DONE, NOT_APPLICABLE):
        return word
    return f"{word} ({percent_vn(record['progress_bp'])})"


def agency_stage_document(
    ws: Workspace, data: AgencyStage, settings: ReportSettings
) -> DocxDocument:
    """Per task the status at the end of each year and the final one, all evidence, and
    indicator values per year against the targets of the stage's last year."""
    doc = layout.new_document()
    frame = agency_frame(data.agency.short_name, data.agency.name, settings)
    span = f"giai đoạn {data.stage}"
    open_report(
        doc, frame, f"Tổng kết {span} thực hiện {plan_subject(data.plan)}", ws.clock.today().year
    )
    layout.body(
        doc,
        f"Thực hiện {plan_subject(data.plan)}; {data.agency.name} báo cáo tổng "
        f"kết kết quả thực hiện {span} như sau:",
    )
    if data.years_without_data:
        years = ", ".join(str(y) for y in data.years_without_data)
        layout.body(
            doc, f"Lưu ý: năm {years} {NO_DATA}; báo cáo này không tính các năm đó.", italic=True
        )
    if data.years_not_expected:
        years = ", ".join(str(y) for y in data.years_not_expected)
        layout.body(doc, f"Năm {years}: cơ quan {NOT_EXPECTED}.", italic=True)
    groups = {g: [t for t in data.tasks if t.task.group == g] for g in data.plan.groups}
    layout.heading(doc, SECTION_TITLES["I"])
    _tasks(doc, groups.get("I", []), data)
    layout.heading(doc, SECTION_TITLES["II"])
    for n, group in enumerate(("II", "III", "IV", "V", "VI"), start=1):
        title = display_title(data.plan.groups[group]).removeprefix("NHÓM NHIỆM VỤ VÀ GIẢI PHÁP ")
        layout.heading(doc, f"{n}. {title.capitalize()}", level=2)
        _tasks(doc, groups.get(group, []), data)
    layout.heading(doc, SECTION_TITLES["III"])
    finals = [(t.final or {}).get("status", "not_reported") for t in data.tasks]
    layout.body(
        doc,
        f"1. Kết quả đạt được cả giai đoạn: {status_counts(finals)} "
        "(trạng thái ở lần báo cáo cuối cùng).",
    )
    layout.body(doc, "2. Tồn tại, hạn chế:")
    hard = [t for t in data.tasks if t.final and t.final["difficulties"]]
    for t in hard:
        layout.body(doc, f"- Nhiệm vụ {t.task.code}: {t.final['difficulties']}")
    if not hard:
        layout.body(doc, "Không có khó khăn, vướng mắc được ghi nhận.")
    layout.heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN TIẾP THEO")
    for t in data.tasks:
        if (t.final or {}).get("status") not in (DONE, NOT_APPLICABLE):
            layout.body(doc, f"- Tiếp tục thực hiện nhiệm vụ {t.task.code}. {t.task.content}.")
    layout.body(doc, settings.next_steps or NEXT_STEPS_PLACEHOLDER, italic=not settings.next_steps)
    layout.heading(doc, SECTION_TITLES["V"])
    asks = [t for t in data.tasks if t.final and t.final["proposals"]]
    for t in asks:
        layout.body(doc, f"- Nhiệm vụ {t.task.code}: {t.final['proposals']}")
    if not asks:
        layout.body(doc, "Không có đề xuất, kiến nghị.")
    close_report(
        doc,
        frame,
        f"Trên đây là báo cáo tổng kết {span} thực hiện "
        f"{plan_subject(data.plan)} của {data.agency.name}./.",
    )
    _annex_tasks(doc, data, frame)
    _annex_indicators(doc, data)
    return doc


def _tasks(doc: DocxDocument, tasks: list[StageTask], data: AgencyStage) -> None:
    if not tasks:
        layout.body(doc, "Cơ quan không có nhiệm vụ thuộc nội dung này.", italic=True)
    for t in tasks:
        p = layout.para(doc, "", indent=True)
        layout.add_text(p, f"- {t.task.code}.", bold=True)
        shown = [
            y for y in data.years if y not in (*data.years_without_data, *data.years_not_expected)
        ]
        years = "; ".join(f"{y}: {year_word(t, y, data)}" for y in shown)
        layout.add_text(p, f" {t.task.content} (vai trò: {t.roles}). Cuối từng năm: {years}.")
        if t.final and t.final["result"]:
            layout.add_text(p, f" Kết quả: {t.final['result']}")
        if t.evidence:
            docs = "; ".join(
                evidence_text(d["number"], d["date"], d["summary"]) for d in t.evidence
            )
            layout.add_text(p, f" Văn bản: {docs}.")


def _annex_tasks(doc: DocxDocument, data: AgencyStage, frame: Frame) -> None:
    annex_title(
        doc,
        "Phụ lục I",
        f"Kết quả thực hiện nhiệm vụ giai đoạn {data.stage}",
        frame,
        "trạng thái cuối mỗi năm; “chưa có số liệu”: " + NO_DATA,
    )
    headers = (
        "Mã",
        "Nội dung nhiệm vụ",
        "Vai trò",
        *map(str, data.years),
        "Cuối giai đoạn",
        "Văn bản minh chứng",
    )
    widths = (13, 55, 17, *(20,) * len(data.years), 24, 53)
    table = layout.grid_table(doc, headers, widths)
    for group in data.plan.groups:
        tasks = [t for t in data.tasks if t.task.group == group]
        if tasks:
            layout.add_row(
                table, [f"{group}. {display_title(data.plan.groups[group])}"], merge=True
            )
        for t in tasks:
            final = status_word(t.final["status"]) if t.final else status_word("not_reported")
            docs = "\n".join(
                evidence_text(d["number"], d["date"], d["summary"]) for d in t.evidence
            )
            layout.add_row(
                table,
                [
                    t.task.code,
                    t.task.content,
                    t.roles,
                    *(year_word(t, y, data) for y in data.years),
                    final,
                    docs,
                ],
            )


def _annex_indicators(doc: DocxDocument, data: AgencyStage) -> None:
    layout.page_break(doc)
    layout.para(doc, "Phụ lục II", bold=True, align="center", after=0)
    last = data.years[-1]
    layout.para(
        doc,
        f"CÁC CHỈ TIÊU QUA TỪNG NĂM SO VỚI CHỈ TIÊU NĂM {last}",
        bold=True,
        align="center",
        after=6,
    )
    headers = ("Chỉ tiêu", *map(str, data.years), f"Chỉ tiêu {last}", f"Đánh giá {last}")
    widths = (92, *(25,) * len(data.years), 22, 23)
    table = layout.grid_table(doc, headers, widths)
    codes = {t.task.code for t in data.tasks}
    for ind in data.plan.indicators:
        if not set(ind.tasks) & codes:
            continue
        target = ind.target_for(last)
        target_bp = target.min_bp if target else None
        cells, last_value = [], None
        for y in data.years:
            value = _value(data, ind.id, y)
            shown = amount_vn(value[0], ind.unit) if value and ind.is_count else None
            cells.append(
                (shown or f"{value[0]}/{value[1]} = {_pct(value)}")
                if value
                else ("chưa có số liệu" if y in data.years_without_data else "—")
            )
            if y == last:
                last_value = value
        met = met_word(*last_value, target_bp, ind.unit) if last_value else "—"
        layout.add_row(
            table,
            [
                ind.title,
                *cells,
                amount_vn(target_bp, ind.unit) if target_bp is not None else "—",
                met,
            ],
        )


def _value(data: AgencyStage, indicator_id: str, year: int) -> tuple[int, int] | None:
    for t in data.tasks:
        record = t.by_year.get(year)
        for v in (record or {}).get("indicators", []):
            if v["id"] == indicator_id:
                return v["numerator"], v["denominator"]
    return None


def _pct(value: tuple[int, int]) -> str:
    bp = value_bp(*value)
    return percent_vn(bp) if bp is not None else "—"
