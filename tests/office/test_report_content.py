"""What the report holds for a scripted period: every difficulty and proposal, real dates,
the agencies to remind, pages that print, and two files that fail apart."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from cchc_tui.cli.main import main
from cchc_tui.domain.safe_text import cell_text, markdown_inline, one_line
from cchc_tui.screens.office.detail import report_text
from cchc_tui.screens.office.tables import task_rows
from cchc_tui.services.catalog import load_plan
from cchc_tui.services.office import workbook
from cchc_tui.services.office.report import period_figures

from .conftest import on_day, run_import
from .hostile import ScriptedSender, formula_cells

TODAY = "2025-04-01"
NAMES = {
    "so-noi-vu": "Sở Nội vụ",
    "so-tu-phap": "Sở Tư pháp",
    "huyen-yen-son": "UBND huyện Yên Sơn",
}


def _body(path):
    return json.loads(base64.b64decode(json.loads(path.read_bytes())["payload"]))


@pytest.fixture
def period(office, inbox, tmp_path):
    """2025-Q1 seen on 1/4/2025: three agencies report (one late), Sở Tài chính does not."""
    sent = {}
    for agency_id, day, texts in (
        ("so-noi-vu", "2025-03-10", {"difficulties": "Thiếu biên chế cho {task}\vcần 2 người"}),
        ("so-tu-phap", "2025-03-20", {"difficulties": "=1+1 khi làm {task}"}),
        ("huyen-yen-son", "2025-03-12", {"difficulties": "[/] Kinh phí {task} chưa cấp"}),
    ):
        sender = ScriptedSender(office, agency_id, inbox)
        sender.texts = {
            "*": {
                "result": "Đã làm {task}",
                **texts,
                "proposals": f"Đề nghị UBND tỉnh hỗ trợ {agency_id} ({{task}})",
                "evidence": "12/KH-UBND",
            }
        }
        sender.enrol()
        sent[agency_id] = _body(sender.send("2025-Q1", day))
    ws = on_day(office, TODAY)
    run_import(ws, inbox)
    xlsx, md = tmp_path / "q1.xlsx", tmp_path / "q1.md"
    base = ["--data-dir", str(ws.data_dir), "--today", TODAY, "report", "--period", "2025-Q1"]
    assert main([*base, "--xlsx", str(xlsx), "--md", str(md)]) == 0
    return ws, sent, load_workbook(xlsx), md.read_text("utf-8")


def _rows(sheet) -> list[dict]:
    headers = [c.value for c in sheet[workbook.HEADER_ROW]]
    return [
        dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True)
    ]


def test_every_difficulty_and_proposal_is_in_the_workbook_and_no_cell_is_a_formula(period):
    _ws, sent, book, _md = period
    assert formula_cells(book) == []
    rows = {(r["Cơ quan"], r["Nhiệm vụ"]): r for r in _rows(book["Tiến độ nhiệm vụ"])}
    found = 0
    for agency_id, body in sent.items():
        for record in body["records"]:
            if record["status"] == "not_reported":
                continue
            row = rows[NAMES[agency_id], record["task"]]
            assert row["Khó khăn, vướng mắc"] == cell_text(record["difficulties"])
            assert row["Đề xuất, kiến nghị"] == cell_text(record["proposals"])
            assert row["Văn bản kết quả"] == "12/KH-UBND ngày 05/03/2025"
            found += 2
    assert found > 40
    assert rows["Sở Nội vụ", "I.9"]["Khó khăn, vướng mắc"] == "Thiếu biên chế cho I.9↵cần 2 người"
    assert rows["Sở Tư pháp", "II.2"]["Khó khăn, vướng mắc"] == "=1+1 khi làm II.2"
    cell = next(
        c for c in book["Tiến độ nhiệm vụ"]["H"] if c.value == "=1+1 khi làm II.2"
    )  # a string cell Excel keeps as text when edited
    assert cell.data_type == "s" and cell.quotePrefix


def test_an_agency_both_lead_and_partner_is_one_row_showing_both(period):
    _ws, _sent, book, _md = period
    rows = [r for r in _rows(book["Tiến độ nhiệm vụ"]) if r["Nhiệm vụ"] == "I.9"]
    mine = [r for r in rows if r["Cơ quan"] == "Sở Nội vụ"]
    assert [r["Vai trò"] for r in mine] == ["Chủ trì, Phối hợp"]


def test_dates_are_dates_and_the_caption_says_as_of_and_cut_off(period):
    _ws, _sent, book, _md = period
    submitted = {r["Cơ quan"]: r for r in _rows(book["Tình hình nộp"])}
    assert submitted["Sở Nội vụ"]["Ngày nộp"] == dt.datetime(2025, 3, 10)
    assert submitted["Sở Nội vụ"]["Hạn nộp"] == dt.datetime(2025, 3, 15)
    for sheet in book.worksheets:
        caption = sheet["A2"].value
        assert "Số liệu tính đến ngày 01/04/2025" in caption
        assert "ngày chốt số liệu 14/03/2025" in caption and "15/03/2025" in caption
    sheet = book["Tình hình nộp"]
    row = next(c.row for c in sheet["A"] if c.value == "Sở Nội vụ")
    assert sheet[f"E{row}"].number_format == "DD/MM/YYYY"  # shown dd/mm/yyyy


def test_the_reminder_sheet_lists_late_and_missing_agencies_with_days_overdue(period):
    _ws, _sent, book, md = period
    overdue = {r["Cơ quan"]: r for r in _rows(book["Chưa nộp, trễ hạn"])}
    assert overdue["Sở Tài chính"]["Tình trạng"] == "chưa nộp (quá hạn)"
    assert overdue["Sở Tài chính"]["Số ngày quá hạn"] == 17
    assert overdue["Sở Tài chính"]["Hạn nộp"] == dt.datetime(2025, 3, 15)
    assert overdue["Sở Tư pháp"]["Tình trạng"] == "trễ hạn"
    assert overdue["Sở Tư pháp"]["Số ngày quá hạn"] == 5
    assert "Sở Nội vụ" not in overdue and "UBND huyện Yên Sơn" not in overdue
    assert "## Cơ quan chưa nộp hoặc nộp trễ" in md
    assert "| Sở Tài chính | Sở, ban, ngành | chưa nộp (quá hạn) | 15/03/2025 |  | 17 |" in md


def test_each_agency_indicator_value_is_listed(period):
    ws, sent, book, md = period
    titles = {i.id: i.title for i in load_plan(ws).indicators}
    listed = {
        (r["Chỉ tiêu"], r["Cơ quan"]): (r["Báo cáo tại nhiệm vụ"], r["Tử số"], r["Mẫu số"])
        for r in _rows(book["Chỉ tiêu theo cơ quan"])
    }
    reported: dict[tuple, set] = {}
    for agency_id, body in sent.items():
        for record in body["records"]:
            for v in record["indicators"]:
                key = (titles[v["id"]], NAMES[agency_id])
                reported.setdefault(key, set()).add(
                    (record["task"], v["numerator"], v["denominator"])
                )
    assert reported and set(listed) == set(reported)
    assert all(listed[key] in values for key, values in reported.items())
    assert "## Phụ lục: số liệu chỉ tiêu của từng cơ quan" in md


def test_the_markdown_has_every_difficulty_and_proposal_escaped(period):
    _ws, sent, _book, md = period
    for body in sent.values():
        for record in body["records"]:
            if record["status"] != "not_reported":
                assert markdown_inline(record["difficulties"]) in md
                assert markdown_inline(record["proposals"]) in md
    assert "\\[/\\] Kinh phí" in md and "[/] Kinh phí" not in md
    assert "_Số liệu tính đến ngày 01/04/2025" in md
    assert "| Chỉ tiêu | Cách tổng hợp | Mục tiêu 2020 | Mục tiêu 2025 |" in md


def test_the_office_task_view_and_drill_down_show_difficulties_and_proposals(period):
    ws, sent, _book, _md = period
    figures = period_figures(ws, "2025-Q1")
    rows = dict(task_rows(figures.tasks, figures.kinds, "district"))
    record = next(r for r in sent["huyen-yen-son"]["records"] if r["status"] != "not_reported")
    cells = rows[f"{record['task']}|huyen-yen-son"]
    assert cells[6].plain == one_line(record["difficulties"])
    assert cells[7].plain == one_line(record["proposals"])
    task = next(t for t in figures.tasks if t.code == record["task"])
    role, report = next((ro, r) for ro, r in task.by_agency() if r.agency_id == "huyen-yen-son")
    text = report_text(task, role, report).plain
    assert record["difficulties"] in text and record["proposals"] in text


def test_every_sheet_prints_landscape_one_page_wide_with_headers_and_page_numbers(period):
    _ws, _sent, book, _md = period
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$3:$3"
        assert sheet.oddFooter.center.text == "Trang &P/&N"
        assert all(c.alignment.wrap_text for c in sheet["G"][3:] if isinstance(c.value, str))


def test_a_file_that_cannot_be_written_does_not_stop_the_other(period, tmp_path, capsys):
    ws, _sent, _book, _md = period
    base = ["--data-dir", str(ws.data_dir), "--today", TODAY, "report", "--period", "2025-Q1"]
    folder = tmp_path / "la-thu-muc.xlsx"
    folder.mkdir()
    md = tmp_path / "van-ban.md"
    assert main([*base, "--xlsx", str(folder), "--md", str(md)]) == 3
    out, err = capsys.readouterr()
    assert out.split() == [str(md)] and md.read_text("utf-8").startswith("# Tổng hợp")
    [line] = err.splitlines()
    assert line.startswith("Lỗi: Không ghi được tệp Excel") and str(folder) in line


def test_a_value_the_workbook_cannot_hold_is_named_and_the_markdown_still_written(
    period, tmp_path, capsys, monkeypatch
):
    ws, _sent, _book, _md = period
    put = workbook._put

    def fragile(cell, value):
        if isinstance(value, str) and value.startswith("Thiếu biên chế cho I.9"):
            raise ValueError("giá trị không ghi được")
        put(cell, value)

    monkeypatch.setattr(workbook, "_put", fragile)
    base = ["--data-dir", str(ws.data_dir), "--today", TODAY, "report", "--period", "2025-Q1"]
    xlsx, md = tmp_path / "hong.xlsx", tmp_path / "con.md"
    assert main([*base, "--xlsx", str(xlsx), "--md", str(md)]) == 3
    out, err = capsys.readouterr()
    assert not xlsx.exists() and out.split() == [str(md)]
    assert "Thiếu biên chế cho I.9" in md.read_text("utf-8")
    assert "cơ quan Sở Nội vụ, nhiệm vụ I.9, cột “Khó khăn, vướng mắc”" in err
    assert err.startswith("Lỗi: Không tạo được tệp Excel")
