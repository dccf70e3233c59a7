"""Control characters in a plan's text: refused where a plan comes in (a workbook cell by
row and column, exit 2; a signed plan letter, exit 1), tabs and line breaks made spaces;
markup and formulas kept as typed; a plan stored before this check shown with marks on
the command line and the task detail screen, never as an escape sequence."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from openpyxl import load_workbook

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.screens.task_detail import TaskDetailScreen
from cchc_tui.services.plans import plan_document_of
from cchc_tui.services.workspace import open_workspace
from cchc_tui.store import plans as plans_store
from tests.letters.plan_versions import Office
from tests.letters.test_letters_subprocess import cchc as letter_cchc
from tests.plans.sheets import write_plan
from tests.test_cli_reorganisation import cchc, refused
from tests.tui.conftest import screen_text

SPRING = "2026-05-10"
MARKUP = '[b]Đậm[/b] [/] =HYPERLINK("http://x","y")'
HOSTILE = "Rà soát \x1b[31m đỏ\x07 [b]Đậm[/b] [/] =HYPERLINK(1)"
SHOWN = "Rà soát ␛[31m đỏ␇ [b]Đậm[/b] [/] =HYPERLINK(1)"


def _hostile_book(path, cells: dict[tuple[str, str], str]):
    """The 2026 workbook with `cells` ((sheet, "C2") → text) written as text cells, the way
    Excel stores them: a control character XML cannot hold as its `_xHHHH_` escape."""
    write_plan(path)
    book = load_workbook(path)
    for (sheet, ref), text in cells.items():
        cell = book[sheet][ref]
        text = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)  # typed text, kept
        cell.value = "".join(
            f"_x{ord(c):04X}_" if ord(c) < 0x20 and c not in "\t\n\r" else c for c in text
        )
        cell.data_type = "s"  # text, never a formula, as a person's cell typed with '
    book.save(path)
    return path


def test_a_workbook_cell_with_a_control_character_is_refused_by_row_and_column(tmp_path):
    data = tmp_path / "data"
    book = _hostile_book(
        tmp_path / "bad.xlsx",
        {
            ("NhiemVu", "C2"): "Rà soát \x1b[31m đỏ",
            ("NhiemVu", "D3"): "Sở Khoa học và Công nghệ\x9b",  # C1: XML holds it as is
            ("NhiemVu", "B4"): "Nhóm\x07",
            ("NhiemVu", "F4"): MARKUP,
            ("KeHoach", "B5"): "Kế hoạch\x00 năm 2026",
        },
    )
    code, out, err = cchc(data, "plan", "import", book, "--yes", today=SPRING)
    assert code == 2 and "chưa lưu gì" in refused(err)
    for line in (
        "lỗi, trang NhiemVu dòng 2: cột 'Nội dung nhiệm vụ' có ký tự điều khiển U+001B (␛)",
        "lỗi, trang NhiemVu dòng 3: cột 'Cơ quan chủ trì' có ký tự điều khiển U+009B (�)",
        "lỗi, trang NhiemVu dòng 4: cột 'Nhóm' có ký tự điều khiển U+0007 (␇)",
        "lỗi, trang KeHoach dòng 5: cột 'Giá trị' của 'Tên kế hoạch' có ký tự điều khiển "
        "U+0000 (␀)",
    ):
        assert line in out, out
    assert not any(c in out + err for c in "\x1b\x07\x00\x9b")
    code, out, _ = cchc(data, "plan", "list", "--json", today=SPRING)
    assert [p["id"] for p in json.loads(out)] == ["56-2020"]


def test_tabs_and_line_breaks_become_spaces_and_markup_stays_as_typed(tmp_path):
    data = tmp_path / "data"
    book = _hostile_book(
        tmp_path / "ok.xlsx",
        {
            ("NhiemVu", "C2"): f"Rà soát\tvăn bản\r\nquy phạm {MARKUP}",
            ("NhiemVu", "F2"): "=SUM(1,2)",
            ("NhiemVu", "B3"): "Cải cách\vthể chế",  # Word's line break pasted in
            ("NhiemVu", "F4"): "Báo cáo _x0041_ năm",  # text that reads as an escape, typed
        },
    )
    code, out, err = cchc(data, "plan", "import", book, "--yes", "--json", today=SPRING)
    assert code == 0, out + err
    code, out, _ = cchc(data, "tasks", "--plan", "138-2025", "--all", "--json", today=SPRING)
    tasks = {t["code"]: t for t in json.loads(out)}
    assert tasks["I.1"]["content"] == f"Rà soát văn bản quy phạm {MARKUP}"
    code, out, _ = cchc(data, "plan", "show", "138-2025", today=SPRING)
    assert "Rà soát văn bản quy phạm [b]Đậm[/b]" in out
    export = tmp_path / "back.xlsx"
    assert cchc(data, "plan", "export", "138-2025", "--out", export, today=SPRING)[0] == 0
    cells = load_workbook(export)["NhiemVu"]
    assert cells["F2"].data_type == "s" and cells["F2"].value == "=SUM(1,2)"
    assert cells["B3"].value == "Cải cách thể chế"
    assert cells["F4"].value == "Báo cáo _x005F_x0041_ năm"  # as Excel writes '_x0041_' typed
    code, out, _ = cchc(data, "plan", "import", export, "--yes", "--json", today=SPRING)
    assert code == 0 and json.loads(out)["stored"] is False  # the same plan, '_x0041_' too


def test_a_signed_plan_with_a_control_character_is_refused(tmp_path, seeded):
    office = Office(tmp_path, seeded)
    document = json.loads(json.dumps(office.document))
    next(t for t in document["tasks"] if t["code"] == "I.1")["content"] = HOSTILE
    letter = office.sign(document, "2025-12-20T09:00:00+07:00", "hostile.json")
    agency = tmp_path / "fresh-agency"
    for args in (
        ("init", "--agency", "so-khoa-hoc-cong-nghe", "--officer", "Trần Văn B"),
        ("office", "add", str(office.key_file), "--yes"),
    ):
        assert letter_cchc(agency, *args, today="2026-03-01").returncode == 0
    result = letter_cchc(agency, "plan", "add", str(letter), "--yes", today="2026-03-01")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Lỗi: Kế hoạch trong tệp có ký tự điều khiển ở nhiệm vụ I.1")
    assert "(nội dung): U+001B (␛), U+0007 (␇)" in result.stderr and "\x1b" not in result.stderr
    listed = letter_cchc(agency, "plan", "list", "--json", today="2026-03-01")
    assert [p["id"] for p in json.loads(listed.stdout)] == ["56-2020"]


@pytest.fixture
def stored_hostile(tmp_path, seeded):
    """A data folder whose Plan 56 task III.2 holds control characters and markup, as a
    plan stored before imports refused them would."""
    data = seeded(tmp_path / "data")
    ws = open_workspace(data, Clock(dt.date(2025, 3, 10)))
    try:
        document = plan_document_of(ws, "56-2020")
        task = next(t for t in document["tasks"] if t["code"] == "III.2")
        task["content"] = HOSTILE
        task["lead"]["text"] = "Sở Nội vụ\x1b]8;;http://x\x07"
        with ws.db.write_sql() as conn:
            plans_store.replace_plan(
                document, plan_id=document["plan"]["id"], loaded_at="", conn=conn
            )
    finally:
        ws.db.close()
    return data


def test_plain_output_of_a_stored_plan_shows_control_characters_as_marks(stored_hostile):
    for args in (
        ("tasks", "--all"),
        ("tasks", "--agency", "so-noi-vu", "--period", "2025-Q1"),
        ("plan", "show", "56-2020"),
    ):
        code, out, err = cchc(stored_hostile, *args, today="2025-03-10")
        assert code == 0, err
        assert "␛[31m" in out and "\x1b" not in out and "\x07" not in out, args
    code, out, _ = cchc(stored_hostile, "tasks", "--all", "--json", today="2025-03-10")
    assert {t["code"]: t["content"] for t in json.loads(out)}["III.2"] == HOSTILE  # data as is
    code, _, err = cchc(stored_hostile, "plan", "show", "\x1b[31m", today="2025-03-10")
    assert code == 2 and "Không có kế hoạch '␛[31m'" in refused(err)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_task_detail_shows_control_characters_as_marks(stored_hostile, size):
    ws = open_workspace(stored_hostile, Clock(dt.date(2025, 3, 10)))
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Nguyễn Thị Hoa")
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.press("slash", *"ra soat", "enter")  # the task list, filtered
            await pilot.pause()
            rows = {line.split()[0]: line for line in screen_text(app).splitlines() if line.split()}
            assert "Rà soát ␛[31m" in rows["III.2"], rows
            assert rows["III.2"].index("Chủ trì") == rows["III.5"].index("Chủ trì")  # aligned
            app.push_screen(TaskDetailScreen(ws, "III.2"))
            await pilot.pause()
            text = screen_text(app)
            assert "Rà soát ␛[31m đỏ␇ [b]Đậm[/b] [/]" in text, text
            assert "(văn bản ghi: Sở Nội vụ␛]8;;http://x␇)" in text
    finally:
        ws.db.close()
