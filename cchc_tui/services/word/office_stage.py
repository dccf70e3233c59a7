"""The office's consolidated stage summary (tổng kết giai đoạn 2021–2025) as a Word document."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from cchc_tui.domain.office import rules
from cchc_tui.domain.plan import Plan, display_title
from cchc_tui.domain.progress import DONE
from cchc_tui.domain.report_text import NO_DATA, amount_vn, met_word, percent_vn
from cchc_tui.services.catalog import load_plan
from cchc_tui.services.office.consolidated import IndicatorFigure, TaskProgress
from cchc_tui.services.office.report import PeriodFigures, period_figures
from cchc_tui.services.office.submissions import submissions
from cchc_tui.services.word import layout
from cchc_tui.services.word.agency import SECTION_TITLES
from cchc_tui.services.word.agency_data import stage_years
from cchc_tui.services.word.frame import Frame, annex_title, close_report, open_report, plan_subject
from cchc_tui.services.word.office import office_frame
from cchc_tui.services.word.settings import NEXT_STEPS_PLACEHOLDER, ReportSettings
from cchc_tui.services.workspace import Workspace


def done_of(task: TaskProgress | None) -> str:
    """ "3/5 hoàn thành": lead agencies that finished the task at the year's end."""
    if task is None or not task.leads:
        return "—"
    done = sum(1 for r in task.leads if r.status == DONE)
    return f"{done}/{len(task.leads)} hoàn thành"


def office_stage_document(ws: Workspace, stage: str, settings: ReportSettings) -> DocxDocument:
    """Per year: who submitted the year report, each task's lead agencies done, indicators
    against the targets of the stage's last year; difficulties and proposals of the last
    year with data. Years without any accepted bundle are named as such."""
    years = stage_years(stage)
    plan = load_plan(ws)
    grid = submissions(ws, [f"{y}-Y" for y in years])
    figures: dict[int, PeriodFigures] = {}
    for y in years:
        if any(c.body_sha256 for r in grid.rows for c in r.cells if c.period_id == f"{y}-Y"):
            figures[y] = period_figures(ws, f"{y}-Y")
    doc = layout.new_document()
    frame = office_frame(settings)
    span = f"giai đoạn {stage}"
    open_report(
        doc, frame, f"Tổng kết {span} thực hiện {plan_subject(plan)}", ws.clock.today().year
    )
    layout.body(
        doc,
        f"Thực hiện {plan_subject(plan)}; trên cơ sở báo cáo năm của các cơ quan,"
        f" đơn vị, địa phương, Sở Nội vụ tổng kết {span} như sau:",
    )
    layout.heading(doc, "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ")
    for y in years:
        counts = grid.counts(f"{y}-Y")
        if y not in figures:
            layout.body(doc, f"- Năm {y}: {NO_DATA}.")
            continue
        expected = sum(n for s, n in counts.items() if s != rules.NOT_EXPECTED)
        sent = counts[rules.ON_TIME] + counts[rules.LATE]
        layout.body(
            doc,
            f"- Năm {y}: {sent}/{expected} cơ quan đã nộp báo cáo năm "
            f"({counts[rules.LATE]} trễ hạn, {counts[rules.MISSING]} chưa nộp).",
        )
    layout.heading(doc, SECTION_TITLES["II"])
    by_year = {y: {t.code: t for t in f.tasks} for y, f in figures.items()}
    for n, group in enumerate(plan.groups, start=1):
        title = display_title(plan.groups[group]).removeprefix("NHÓM NHIỆM VỤ VÀ GIẢI PHÁP ")
        layout.heading(doc, f"{n}. {title.capitalize()}", level=2)
        for task in (t for t in plan.tasks if t.group == group):
            cells = [
                f"{y}: {done_of(by_year[y].get(task.code))}"
                for y in by_year
                if task.code in by_year[y]
            ]
            if cells:
                layout.body(
                    doc,
                    f"- {task.code}. {task.content}: cơ quan chủ trì cuối năm "
                    + "; ".join(cells)
                    + ".",
                )
    layout.heading(doc, SECTION_TITLES["III"])
    last = years[-1]
    layout.body(doc, f"1. Các chỉ tiêu qua từng năm so với chỉ tiêu năm {last}: Phụ lục II.")
    latest = figures[max(figures)] if figures else None
    layout.body(doc, "2. Tồn tại, hạn chế" + (f" (báo cáo năm {max(figures)}):" if latest else ":"))
    _texts(doc, latest, "difficulties", "Không có khó khăn, vướng mắc được báo cáo.")
    layout.heading(doc, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN TIẾP THEO")
    layout.body(doc, settings.next_steps or NEXT_STEPS_PLACEHOLDER, italic=not settings.next_steps)
    layout.heading(doc, SECTION_TITLES["V"])
    _texts(doc, latest, "proposals", "Không có đề xuất, kiến nghị được báo cáo.")
    close_report(
        doc,
        frame,
        f"Trên đây là báo cáo tổng kết {span} thực hiện "
        f"{plan_subject(plan)}; Sở Nội vụ báo cáo Ủy ban nhân dân tỉnh./.",
    )
    _annexes(doc, plan, years, by_year, figures, frame, stage)
    return doc


def _texts(doc: DocxDocument, figures: PeriodFigures | None, field: str, none: str) -> None:
    found = False
    for task in figures.tasks if figures else []:
        items = [r for _role, r in task.by_agency() if getattr(r, field)]
        if items:
            found = True
            layout.body(
                doc,
                f"- Nhiệm vụ {task.code}: "
                + "; ".join(f"{r.agency_name}: {getattr(r, field)}" for r in items),
            )
    if not found:
        layout.body(doc, none)


def _annexes(
    doc: DocxDocument,
    plan: Plan,
    years: tuple[int, ...],
    by_year: dict[int, dict[str, TaskProgress]],
    figures: dict[int, PeriodFigures],
    frame: Frame,
    stage: str,
) -> None:
    annex_title(
        doc,
        "Phụ lục I",
        f"Kết quả thực hiện nhiệm vụ giai đoạn {stage}",
        frame,
        "cơ quan chủ trì hoàn thành / số cơ quan chủ trì, cuối mỗi năm",
    )
    widths = (14, 118, *(26,) * len(years))
    table = layout.grid_table(doc, ("Mã", "Nhiệm vụ", *map(str, years)), widths)
    for task in plan.tasks:
        cells = [
            done_of(by_year[y].get(task.code)) if y in by_year else "chưa có số liệu" for y in years
        ]
        layout.add_row(table, [task.code, task.content, *cells])
    layout.page_break(doc)
    layout.para(doc, "Phụ lục II", bold=True, align="center", after=0)
    last = years[-1]
    layout.para(
        doc,
        f"CÁC CHỈ TIÊU QUA TỪNG NĂM SO VỚI CHỈ TIÊU NĂM {last}",
        bold=True,
        align="center",
        after=6,
    )
    widths = (92, *(25,) * len(years), 22, 23)
    table = layout.grid_table(
        doc, ("Chỉ tiêu", *map(str, years), f"Chỉ tiêu {last}", f"Đánh giá {last}"), widths
    )
    for ind in plan.indicators:
        target = ind.target_for(last)
        target_bp = target.min_bp if target else None
        values: list[IndicatorFigure | None] = [
            next((f for f in figures[y].indicators if f.id == ind.id), None)
            if y in figures
            else None
            for y in years
        ]
        cells = [
            _value(v) if y in figures else "chưa có số liệu"
            for y, v in zip(years, values, strict=True)
        ]
        final = values[-1]
        met = met_word(final.numerator, final.denominator, target_bp, ind.unit) if final else "—"
        layout.add_row(
            table,
            [
                ind.title,
                *cells,
                amount_vn(target_bp, ind.unit) if target_bp is not None else "—",
                met,
            ],
        )


def _value(f: IndicatorFigure | None) -> str:
    if f is None or f.value_bp is None:
        return "—"
    if f.is_count:
        return amount_vn(f.value_bp, f.unit)
    return f"{f.numerator}/{f.denominator} = {percent_vn(f.value_bp)}"
