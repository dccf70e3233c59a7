"""Loading a plan from the authoring workbook: preview, refusals with row numbers, storage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc_tui.domain.plan_rows import plan_essence
from cchc_tui.domain.plan_sheet import TASK_SHEET
from cchc_tui.services import plans
from cchc_tui.services.catalog import load_plan
from cchc_tui.services.errors import ServiceError
from tests.plans.sheets import META_2026, TASKS_2026, write_plan

SEED = Path(__file__).parents[2] / "seed" / "plan-56-2020.json"


def held(ws) -> list[str]:
    return [p.id for p in plans.held_plans(ws)]


def test_plan_56_round_trips_through_the_workbook(ws, tmp_path):
    out = plans.export_plan(ws, "56-2020", tmp_path / "p56.xlsx")
    preview = plans.preview_import(ws, out)
    assert preview.ok, (preview.problems, preview.unresolved)
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    assert plan_essence(preview.document) == plan_essence(seed)
    result = plans.import_plan_document(ws, preview.document)
    assert (result.plan_id, result.tasks, result.stored) == ("56-KH-UBND-2020", 35, False)
    assert held(ws) == ["56-KH-UBND-2020"]


def test_a_2026_plan_is_previewed_then_stored_under_its_stable_id(ws, tmp_path):
    preview = plans.preview_import(ws, write_plan(tmp_path / "p.xlsx"))
    assert preview.ok
    assert preview.document["plan"]["id"] == "138-2025"
    assert preview.resolved["So Khoa hoc va Cong nghe"] == "Sở Khoa học và Công nghệ"
    assert set(preview.collectives) == {
        "Các sở, ban, ngành",
        "UBND các xã, phường",
        "Các cơ quan liên quan",
    }
    task = preview.document["tasks"][0]
    assert task["lead"]["refs"] == ["so-khoa-hoc-cong-nghe"]
    assert task["partners"]["refs"] == ["@departments"]
    assert plans.import_plan_document(ws, preview.document).stored
    plan = plans.plan_by_id(ws, "138-2025")
    assert plan.task("I.1").end.due.isoformat() == "2026-06-30"
    assert plan.task("I.2").end.due.isoformat() == "2026-09-30"
    assert [p.id for p in plan.periods] == ["2026-Q1", "2026-H1", "2026-Q3", "2026-Y"]
    assert plan.indicators[0].target_for(2026).min_bp == 8000
    assert plan.target_years == (2026,)


def test_the_plan_of_today_is_the_default_and_another_is_chosen_by_id(ws, tmp_path):
    document = plans.preview_import(ws, write_plan(tmp_path / "p.xlsx")).document
    plans.import_plan_document(ws, document)
    ws.cache.clear()
    assert load_plan(ws).id == "56-KH-UBND-2020"  # the fixture's today: 10/03/2025
    assert plans.select_plan(ws, "138-2025").id == "138-2025"
    assert load_plan(ws).id == "138-2025"


def test_a_different_plan_under_a_held_number_is_refused(ws, tmp_path):
    plans.import_plan_document(
        ws, plans.preview_import(ws, write_plan(tmp_path / "a.xlsx")).document
    )
    changed = [TASKS_2026[0], TASKS_2026[1]]
    document = plans.preview_import(ws, write_plan(tmp_path / "b.xlsx", tasks=changed)).document
    with pytest.raises(ServiceError, match="nội dung khác"):
        plans.import_plan_document(ws, document)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"tasks": [(*TASKS_2026[0][:3], "Sở Khoa học xyz", *TASKS_2026[0][4:])]}, "dòng 2"),
        ({"tasks": [*TASKS_2026[:2], (*TASKS_2026[2][:7], "khi nào xong")]}, "dòng 4"),
        ({"drop": "NhiemVu"}, "thiếu trang 'NhiemVu'"),
        ({"meta": [*META_2026[:1], ("Ngày ban hành", "10-12-2025x"), *META_2026[2:]]}, "dòng 3"),
    ],
)
def test_a_bad_workbook_is_named_with_its_rows_and_stores_nothing(ws, tmp_path, change, says):
    preview = plans.preview_import(ws, write_plan(tmp_path / "bad.xlsx", **change))
    assert not preview.ok
    told = [f"dòng {r}" for r, _, _ in preview.unresolved] + [
        f"dòng {r} {m}" for _, r, m in preview.problems
    ]
    assert any(says in line for line in told), told
    assert held(ws) == ["56-KH-UBND-2020"]


def test_an_unknown_agency_gets_its_closest_candidates(ws, tmp_path):
    task = (*TASKS_2026[0][:3], "Sở Khoa hoc va Cong nghê mới", *TASKS_2026[0][4:])
    preview = plans.preview_import(ws, write_plan(tmp_path / "x.xlsx", tasks=[task]))
    [(row, name, candidates)] = preview.unresolved
    assert (row, name) == (2, "Sở Khoa hoc va Cong nghê mới")
    assert candidates[0] == "Sở Khoa học và Công nghệ"


def test_merged_cells_are_refused_with_their_rows(ws, tmp_path):
    with pytest.raises(ServiceError, match=r"ô gộp.*NhiemVu dòng 2-3"):
        plans.preview_import(ws, write_plan(tmp_path / "m.xlsx", merge="B2:B3"))


def test_exported_text_is_never_a_formula_nor_a_control_character(ws, tmp_path):
    document = plans.preview_import(ws, write_plan(tmp_path / "h.xlsx")).document
    document["tasks"][0]["content"] = '=HYPERLINK("http://x")[/]'
    document["tasks"][0]["product"] = "+1\x07"  # a document from elsewhere may hold one
    plans.import_plan_document(ws, document)
    out = plans.export_plan(ws, "138-2025", tmp_path / "out.xlsx")
    sheet = load_workbook(out)["NhiemVu"]
    assert sheet["C2"].data_type != "f" and sheet["C2"].value == '=HYPERLINK("http://x")[/]'
    assert sheet["F2"].data_type != "f" and sheet["F2"].value == "+1␇"


def test_the_template_reads_back_as_plan_56s_first_rows(ws, tmp_path):
    out = plans.write_template(ws, tmp_path / "mau.xlsx")
    book = load_workbook(out)
    assert book.sheetnames == ["HuongDan", "KeHoach", "NhiemVu", "ChiTieu"]
    preview = plans.preview_import(ws, out)
    assert preview.ok and len(preview.document["tasks"]) == 3


def test_arabic_task_codes_take_the_bundle_contracts_form(ws, tmp_path):
    tasks = [TASKS_2026[0], ("1.2.3", *TASKS_2026[1][1:])]
    preview = plans.preview_import(ws, write_plan(tmp_path / "c.xlsx", tasks=tasks))
    assert preview.document["tasks"][0]["code"] == "I.1"
    assert (TASK_SHEET, 3, "mã '1.2.3' không dùng được: ghi dạng I.1, II.3 hoặc 2.3") in (
        preview.problems
    )
