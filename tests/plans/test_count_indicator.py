"""An indicator counted in a unit ("hồ sơ") rather than a % ratio: from the workbook to the
agency's entry, the signed bundle, the office's import and its report."""

from __future__ import annotations

import base64
import json

import pytest
from openpyxl import load_workbook

from cchc_tui.domain.plan_rows import plan_essence
from cchc_tui.domain.plan_sheet import INDICATOR_SHEET
from cchc_tui.domain.progress import EntryError, RawEntry, format_amount, validate_entry
from cchc_tui.services import plans
from tests.plans.sheets import INDICATORS_140, META_140, TASKS_140, write_plan
from tests.test_cli_reorganisation import cchc, refused

SPRING = "2026-05-10"


def plan_140(folder, indicators=INDICATORS_140):
    return write_plan(folder / "140.xlsx", meta=META_140, tasks=TASKS_140, indicators=indicators)


def test_a_count_is_read_with_its_unit_and_written_back_the_same(ws, tmp_path):
    preview = plans.preview_import(ws, plan_140(tmp_path))
    assert preview.ok, preview.problems
    [raw] = preview.document["indicators"]
    assert (raw["unit"], raw["rollup"], raw["targets"]) == (
        "hồ sơ",
        "sum",
        [{"from_year": 2026, "year": 2026, "min": 150}],
    )
    plans.import_plan_document(ws, preview.document)
    [indicator] = plans.plan_by_id(ws, "140-2025").indicators
    assert indicator.is_count and indicator.unit_label == "hồ sơ"
    assert indicator.target_for(2026).min_bp == 150
    out = plans.export_plan(ws, "140-2025", tmp_path / "back.xlsx")
    rows = list(load_workbook(out)[INDICATOR_SHEET].iter_rows(min_row=2, values_only=True))
    assert rows[0][2:4] == ("hồ sơ", "150")
    again = plans.preview_import(ws, out)
    assert plan_essence(again.document) == plan_essence(preview.document)


@pytest.mark.parametrize(
    ("unit", "target", "says"),
    [
        ("hồ sơ", "12,5", "'12,5' năm '2026' không hiểu (số hồ sơ: một số nguyên, ví dụ 150)"),
        ("%", "150", "'150' năm '2026' không hiểu (tỷ lệ từ 0% đến 100%, ví dụ 80%)"),
    ],
)
def test_a_target_that_does_not_fit_its_unit_is_named_with_its_row(
    ws, tmp_path, unit, target, says
):
    row = ("ho_so_so", "Hồ sơ được số hóa", unit, target, "2026", "Sở, ban, ngành", "1.1")
    preview = plans.preview_import(ws, plan_140(tmp_path, [row]))
    problems = [f"{s} dòng {n}: {m}" for s, n, m in preview.problems]
    assert len(problems) == 1 and problems[0].startswith("ChiTieu dòng 2: ")
    assert problems[0].endswith(says)


def test_a_count_is_one_number_without_denominator():
    counts = frozenset({"ho_so_so"})
    entry = validate_entry(
        RawEntry(status="in_progress", progress="40", indicators={"ho_so_so": ("1250", "")}),
        ("ho_so_so",),
        counts=counts,
    )
    assert [(v.numerator, v.denominator) for v in entry.indicators] == [(1250, 1)]
    assert entry.indicators_json() == [{"id": "ho_so_so", "numerator": 1250, "denominator": 1}]
    with pytest.raises(EntryError) as exc:
        validate_entry(
            RawEntry(status="in_progress", progress="40", indicators={"ho_so_so": ("12", "30")}),
            ("ho_so_so",),
            counts=counts,
        )
    assert exc.value.errors == {
        "indicator.ho_so_so.denominator": "Chỉ tiêu ho_so_so là một số đếm: không có mẫu số."
    }
    with pytest.raises(EntryError):  # a ratio still needs numerator ≤ denominator
        validate_entry(
            RawEntry(status="in_progress", progress="40", indicators={"so_hoa": ("12", "")}),
            ("so_hoa",),
        )
    assert (
        format_amount(1250, "hồ sơ") == "1.250 hồ sơ" and format_amount(8050, "percent") == "80,5%"
    )


def test_a_count_goes_from_agency_entry_to_the_offices_report(tmp_path):
    plan = plan_140(tmp_path)
    agency, office = tmp_path / "snv-agency", tmp_path / "snv-office"
    secret = tmp_path / "pass.txt"
    secret.write_text("mật khẩu đủ dài 2026", encoding="utf-8")
    assert cchc(agency, "init", "--agency", "so-noi-vu", "--officer", "A", today=SPRING)[0] == 0
    assert cchc(agency, "plan", "import", plan, "--yes", today=SPRING)[0] == 0
    assert cchc(agency, "keys", "init", "--passphrase-file", secret, today=SPRING)[0] == 0
    enrolment = tmp_path / "enrol.json"
    args = ("keys", "enrol", "--passphrase-file", secret, "--out", enrolment)
    assert cchc(agency, *args, today=SPRING)[0] == 0
    slot = ("progress", "set", "--plan", "140-2025", "--task", "I.1", "--period", "2026-H1")
    work = ("--status", "in_progress", "--progress", "60", "--result", "Đã số hóa hồ sơ")
    code, _, err = cchc(agency, *slot, *work, "--indicator", "ho_so_so=180/200", today=SPRING)
    assert code == 2 and "là một số đếm: không có mẫu số" in refused(err)
    code, _, err = cchc(agency, *slot, *work, "--indicator", "ho_so_so=180", today=SPRING)
    assert code == 0, err
    code, out, _ = cchc(agency, "progress", "show", *slot[2:], "--json", today=SPRING)
    assert '"numerator": 180' in out
    outbox = tmp_path / "outbox"
    args = ("export", "--plan", "140-2025", "--period", "2026-H1", "--passphrase-file", secret)
    code, _, err = cchc(agency, *args, "--out", outbox, today="2026-06-10")
    assert code == 0, err
    [bundle] = outbox.glob("*.json")
    body = json.loads(base64.b64decode(json.loads(bundle.read_text("utf-8"))["payload"]))
    [record] = [r for r in body["records"] if r["task"] == "I.1"]
    assert record["indicators"] == [{"id": "ho_so_so", "numerator": 180, "denominator": 1}]

    day = "2026-06-16"
    cchc(office, "init", "--receiver", "--officer", "Trần Thị Tổng Hợp", today=day)
    assert cchc(office, "plan", "import", plan, "--yes", today=day)[0] == 0
    code, out, _ = cchc(office, "plan", "show", "140-2025", today=day)
    assert "chỉ tiêu ho_so_so: Hồ sơ được số hóa — 150 hồ sơ (2026)" in out
    assert cchc(office, "keyring", "add", enrolment, "--yes", today=day)[0] == 0
    code, out, err = cchc(office, "import", bundle, today=day)
    assert code == 0 and out.strip().splitlines()[-1] == "1 tệp — nhận: 1", out + err
    md, xlsx = tmp_path / "bao-cao.md", tmp_path / "bao-cao.xlsx"
    args = ("report", "--plan", "140-2025", "--period", "2026-H1", "--md", md, "--xlsx", xlsx)
    code, _, err = cchc(office, *args, today=day)
    assert code == 0, err
    text = md.read_text("utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("| Hồ sơ được số hóa | tổng số"))
    assert (
        line
        == "| Hồ sơ được số hóa | tổng số của các cơ quan | 150 hồ sơ | 180 hồ sơ | 180 | 1 | Đạt |"
    )
    book = load_workbook(xlsx)
    sheet = book["Chỉ tiêu"]
    headers = [c.value for c in sheet[3]]
    [row] = list(sheet.iter_rows(min_row=4, values_only=True))
    figure = dict(zip(headers, row, strict=True))
    assert (figure["Đơn vị"], figure["Mục tiêu 2026"], figure["Kết quả"], figure["Đạt"]) == (
        "hồ sơ",
        150,
        180,
        "Đạt",
    )
    [value] = list(book["Chỉ tiêu theo cơ quan"].iter_rows(min_row=4, values_only=True))
    assert value[-4:] == (180, None, 180, "hồ sơ")
    docx = tmp_path / "bao-cao.docx"
    args = ("report", "--plan", "140-2025", "--period", "2026-H1", "--docx", docx)
    assert cchc(office, *args, today=day)[0] == 0
    from docx import Document

    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert "- Hồ sơ được số hóa: đạt 180 hồ sơ (chỉ tiêu ≥ 150 hồ sơ): đạt." in paragraphs
    subject = "Kế hoạch số 140/KH-UBND ngày 15/12/2025 của Ủy ban nhân dân tỉnh Tuyên Quang về"
    assert any(f"{subject} chuyển đổi số năm 2026" in p for p in paragraphs)  # named by the plan


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_progress_form_asks_a_count_as_one_number_in_its_unit(seeded, tmp_path, size):
    import datetime as dt

    from textual.widgets import Input, TextArea

    from cchc_tui.app import CchcApp
    from cchc_tui.domain.clock import Clock
    from cchc_tui.screens.progress_form import ProgressForm
    from cchc_tui.services.progress import resolve_slot, slot_history
    from cchc_tui.widgets.indicator_inputs import IndicatorInputs
    from tests.tui.conftest import screen_text, workspace

    ws = workspace(seeded(tmp_path / "data"), Clock(dt.date(2026, 5, 10)))
    plans.import_plan_document(ws, plans.preview_import(ws, plan_140(tmp_path)).document)
    ws.cache.clear()
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"i.1", "enter", "e")
        form = app.screen
        assert isinstance(form, ProgressForm)
        [widget] = form.query(IndicatorInputs)
        assert len(widget.query(Input)) == 1  # no denominator for a count
        widget.scroll_visible(animate=False)
        await pilot.pause()
        assert "Số liệu (hồ sơ)" in screen_text(app)
        await pilot.press("right", "enter", "tab", *"60")
        form.query_one("#result", TextArea).text = "Đã số hóa 180 hồ sơ"
        widget.query_one(Input).value = "180"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f2", "end")  # the overview: my value against the plan's target
        await app.workers.wait_for_complete()
        await pilot.pause()
        [line] = [ln for ln in screen_text(app).splitlines() if "Hồ sơ được số hóa" in ln]
        assert "≥ 150 hồ sơ" in line and "180 hồ sơ ✓ đạt" in line
    slot = resolve_slot(ws, "so-noi-vu", "I.1", "2026-H1", writing=False)
    [revision] = slot_history(ws, slot)
    assert revision.entry.indicators_json() == [
        {"id": "ho_so_so", "numerator": 180, "denominator": 1}
    ]
    ws.db.close()
