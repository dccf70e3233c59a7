"""A synthetic year imported end to end: verdicts as planned, report figures recomputed apart."""

import base64
import datetime as dt
import json
from pathlib import Path

import pytest
import synthetic
from openpyxl import load_workbook

from cchc_tui.cli.main import main
from cchc_tui.domain.clock import Clock
from cchc_tui.services.catalog import load_plan, load_registry
from cchc_tui.services.office import keyring, report, report_tables, workbook
from cchc_tui.services.office.importer import import_files
from cchc_tui.services.workspace import open_workspace

YEAR = 2024
TODAY = dt.date(2025, 1, 20)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """Every registry agency plus one commune per district, four periods of 2024, imported."""
    root = tmp_path_factory.mktemp("year")
    ws = open_workspace(root / "data", Clock(TODAY))
    synthetic.register_communes(ws, 1)
    plan = load_plan(ws)
    periods = [p for p in plan.periods if p.year == YEAR]
    made = synthetic.make_set(plan, list(load_registry(ws, refresh=True)), periods, root / "set")
    for path in made.enrolments.values():
        keyring.add_enrolment(ws, keyring.preview_enrolment(ws, path.read_bytes()))
    outcomes = import_files(ws, [made.bundle_dir])
    yield ws, made, outcomes
    ws.db.close()


def test_every_file_gets_the_planned_verdict(year):
    _ws, made, outcomes = year
    got = {str(Path(o.file).relative_to(made.root)): o.verdict for o in outcomes}
    assert got == made.expected
    assert {"accepted", "duplicate", "fork", "gap", "rejected"} <= set(got.values())


def _bodies(made, period_id):
    """Latest accepted body per agency for a period, decoded apart from the project's code."""
    latest = {}
    for rel, verdict in made.expected.items():
        if verdict not in ("accepted", "gap"):
            continue
        body = json.loads(base64.b64decode(json.loads((made.root / rel).read_bytes())["payload"]))
        if body["period"] == period_id:
            held = latest.get(body["agency_id"])
            if held is None or body["seq"] > held["seq"]:
                latest[body["agency_id"]] = body
    return latest


def _expected_indicator_sums(ws, made, period_id):
    kinds = {a.id: a.kind for a in load_registry(ws)}
    sums = {}
    for indicator in load_plan(ws).indicators:
        num = den = 0
        for agency_id, body in _bodies(made, period_id).items():
            if kinds[agency_id] not in indicator.applies_to:
                continue
            values = [
                (r["revision"]["at"], -i, v)
                for i, r in enumerate(body["records"])
                for v in r["indicators"]
                if v["id"] == indicator.id
            ]
            if values:
                _at, _i, value = max(values, key=lambda x: (x[0], x[1]))
                num += value["numerator"]
                den += value["denominator"]
        sums[indicator.id] = (num, den)
    return sums


@pytest.mark.parametrize("period_id", ["2024-H1", "2024-Y"])
def test_report_figures_equal_the_imported_bundles(year, period_id):
    ws, made, _outcomes = year
    figures = {f.id: f for f in report.period_report(ws, period_id).indicators}
    expected = _expected_indicator_sums(ws, made, period_id)
    assert {k: (f.numerator, f.denominator) for k, f in figures.items()} == expected
    for f in figures.values():
        num, den = expected[f.id]
        assert f.value_bp == (round(num * 10_000 / den) if den else None)
    submitted = set(_bodies(made, period_id))
    grid = report.period_report(ws, period_id).grid
    assert {r.agency_id for r in grid.rows if r.cells[0].seq is not None} == submitted


def test_xlsx_and_markdown_read_back(year, tmp_path, capsys):
    ws, made, _outcomes = year
    xlsx, md = tmp_path / "tong-hop.xlsx", tmp_path / "tong-hop.md"
    args = ["--data-dir", str(ws.data_dir), "--today", TODAY.isoformat(), "report"]
    assert main([*args, "--period", "2024-Y", "--xlsx", str(xlsx), "--md", str(md)]) == 0
    assert capsys.readouterr().out.split() == [str(xlsx), str(md)]
    book = load_workbook(xlsx)
    assert book.sheetnames == [
        "Tình hình nộp",
        "Chưa nộp, trễ hạn",
        "Tiến độ nhiệm vụ",
        "Chỉ tiêu",
        "Chỉ tiêu theo cơ quan",
    ]
    headers = {
        "Tình hình nộp": report_tables.SUBMISSION_HEADERS,
        "Chưa nộp, trễ hạn": report_tables.OVERDUE_HEADERS,
        "Tiến độ nhiệm vụ": report_tables.TASK_HEADERS,
        "Chỉ tiêu theo cơ quan": report_tables.AGENCY_VALUE_HEADERS,
    }
    for sheet in book.worksheets:
        row = tuple(c.value for c in sheet[workbook.HEADER_ROW])
        assert row == headers.get(sheet.title, row)
        assert sheet.freeze_panes == "B4"
        assert sheet["A2"].value.startswith("Số liệu tính đến ngày 20/01/2025")
        assert "ngày chốt số liệu 14/12/2024" in sheet["A2"].value
    indicator_headers = [c.value for c in book["Chỉ tiêu"][workbook.HEADER_ROW]]
    assert "Mục tiêu 2020" in indicator_headers and "Mục tiêu 2025" in indicator_headers
    unit = indicator_headers.index("Đơn vị")  # Plan 56's indicators are all ratios
    assert {r[unit] for r in book["Chỉ tiêu"].iter_rows(min_row=4, values_only=True)} == {"%"}
    num, den = indicator_headers.index("Tổng tử số"), indicator_headers.index("Tổng mẫu số")
    rows = list(book["Chỉ tiêu"].iter_rows(min_row=4, values_only=True))
    expected = _expected_indicator_sums(ws, made, "2024-Y")
    assert {r[1]: (r[num], r[den]) for r in rows} == expected
    submissions = list(book["Tình hình nộp"].iter_rows(min_row=4, values_only=True))
    late = [r for r in submissions if r[2] == "trễ hạn"]
    assert late and all(r[5] > 0 for r in late)
    assert all(isinstance(r[4], dt.datetime) for r in late)  # "Ngày nộp": a date cell
    overdue = list(book["Chưa nộp, trễ hạn"].iter_rows(min_row=4, values_only=True))
    missing = [r for r in submissions if r[2] == "chưa nộp (quá hạn)"]
    assert len(overdue) == len(late) + len(missing)
    assert {r[1] for r in overdue} == {r[0] for r in late + missing}
    text = md.read_text("utf-8")
    assert text.startswith("# Tổng hợp báo cáo CCHC — Năm 2024")
    assert "_Số liệu tính đến ngày 20/01/2025" in text
    assert f"- Trễ hạn: {len(late)}" in text
    satisfaction = expected["satisfaction"]
    assert f"{satisfaction[0]}/{satisfaction[1]}" in text


def test_report_needs_an_output_file(year, capsys):
    ws, _made, _outcomes = year
    assert main(["--data-dir", str(ws.data_dir), "report", "--period", "2024-Y"]) == 2
    assert "--xlsx" in capsys.readouterr().err
