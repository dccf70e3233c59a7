"""Any text an agency signs goes through import, submissions, the report and every office
view without crashing, as text: never markup, never a formula, control characters shown."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from rich.console import Console
from rich.text import Text

from cchc_tui.cli.main import main
from cchc_tui.domain.safe_text import cell_text, markdown_inline, one_line
from cchc_tui.screens.office.detail import detail_text, report_text
from cchc_tui.screens.office.tables import indicator_rows, submission_rows, task_rows
from cchc_tui.services.office.bundles import cell_detail
from cchc_tui.services.office.report import period_figures
from cchc_tui.services.office.submissions import year_grid

from .conftest import on_day
from .hostile import HOSTILE, ScriptedSender, formula_cells, nfc

TODAY = "2025-04-01"
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=120),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE), st.text(max_size=20)),
).map(nfc)
FIELDS = st.fixed_dictionaries(
    {"result": TEXT, "difficulties": TEXT, "proposals": TEXT, "evidence": TEXT}
)
SIGNER = st.fixed_dictionaries({"officer": TEXT, "title": TEXT})


def _render(*texts: Text) -> str:
    """Render as a terminal would (any markup or control code here would misbehave)."""
    console = Console(file=io.StringIO(), width=80, color_system=None)
    for text in texts:
        assert isinstance(text, Text)
        console.print(text)
    return console.file.getvalue()


def _columns(sheet) -> dict[str, int]:
    return {c.value: i for i, c in enumerate(sheet[3]) if c.value}


# One workspace for all examples: each example is the agency's next bundle of the period.
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=FIELDS, signer=SIGNER)
def test_any_signed_text_reaches_every_output_as_text(office, inbox, tmp_path, texts, signer):
    ws = on_day(office, TODAY)
    sender = getattr(office, "_hostile_sender", None)
    if sender is None:
        sender = office._hostile_sender = ScriptedSender(office, "so-noi-vu", inbox)
        sender.enrol()
    sender.texts = {"*": texts}
    for old in inbox.iterdir():
        old.unlink()
    path = sender.send("2025-Q1", "2025-03-10", signer=signer)
    base = ["--data-dir", str(ws.data_dir), "--today", TODAY]
    assert main([*base, "import", str(path)]) == 0  # the table output, Rich underneath
    assert main([*base, "submissions", "--period", "2025-Q1"]) == 0
    xlsx, md = tmp_path / "bao-cao.xlsx", tmp_path / "bao-cao.md"
    assert main([*base, "report", "--period", "2025-Q1", "--xlsx", str(xlsx), "--md", str(md)]) == 0

    book = load_workbook(xlsx)
    assert formula_cells(book) == []
    sheet = book["Tiến độ nhiệm vụ"]
    col = _columns(sheet)
    mine = [
        r for r in sheet.iter_rows(min_row=4, values_only=True) if r[col["Cơ quan"]] == "Sở Nội vụ"
    ]
    assert mine
    for field, header in (
        ("result", "Kết quả"),
        ("difficulties", "Khó khăn, vướng mắc"),
        ("proposals", "Đề xuất, kiến nghị"),
    ):
        assert {r[col[header]] for r in mine} == {cell_text(texts[field]) or None}
    report_md = md.read_text("utf-8")
    for field in ("difficulties", "proposals"):
        if texts["difficulties"].strip() or texts["proposals"].strip():
            assert markdown_inline(texts[field]) in report_md

    figures = period_figures(ws, "2025-Q1")
    rows = [cells for k, cells in task_rows(figures.tasks, figures.kinds, None) if "so-noi-vu" in k]
    assert all(one_line(texts["difficulties"])[:50] in cells[6].plain for cells in rows)
    _render(*(c for cells in rows for c in cells))
    grid = submission_rows(year_grid(ws, "2025-Q1"))
    _render(*(c for k, cells in grid if k == "so-noi-vu" for c in cells))
    _render(*(c for _k, cells in indicator_rows(figures.indicators) for c in cells))
    detail = detail_text(cell_detail(ws, "so-noi-vu", "2025-Q1"))
    assert one_line(signer["officer"] or "—") in detail.plain
    task = next(t for t in figures.tasks if any(r.agency_id == "so-noi-vu" for r in t.leads))
    role, report = next((ro, r) for ro, r in task.by_agency() if r.agency_id == "so-noi-vu")
    _render(detail, report_text(task, role, report))
