"""The office works per plan: two plans sharing a period id (2026-H1) each show only the
bundles that name them, in the grid, the drill-down, the figures and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_tui.domain.office import rules
from cchc_tui.services import plans
from cchc_tui.services.office.bundles import cell_detail
from cchc_tui.services.office.report import period_figures, period_report
from cchc_tui.services.office.submissions import submissions
from cchc_tui.services.workspace import Workspace
from tests.office.conftest import Sender, on_day, run_import
from tests.plans.sheets import META_140, TASKS_140, write_plan

DAY = "2026-06-16"
"""The day after 2026-H1's deadline (15/06): an agency without a bundle is missing."""
KHCN, NOI_VU = "so-khoa-hoc-cong-nghe", "so-noi-vu"


def two_plans(ws: Workspace, folder: Path, indicators_140=()) -> None:
    """Store the 138 plan and the 140 plan, both of 2026."""
    for path in (
        write_plan(folder / "138.xlsx"),
        write_plan(folder / "140.xlsx", meta=META_140, tasks=TASKS_140, indicators=indicators_140),
    ):
        preview = plans.preview_import(ws, path)
        assert preview.ok, (preview.problems, preview.unresolved)
        plans.import_plan_document(ws, preview.document)


def send_under(ws: Workspace, plan_id: str, sender: Sender, day: str) -> Path:
    """The agency's next bundle for 2026-H1 under `plan_id` (its body names that plan)."""
    plans.select_plan(ws, plan_id)
    return sender.send("2026-H1", day)


@pytest.fixture
def shared_period(office, inbox, tmp_path) -> Workspace:
    """Sở KH&CN sent 2026-H1 under plan 138, Sở Nội vụ under plan 140; both imported."""
    ws = on_day(office, DAY)
    two_plans(ws, tmp_path)
    khcn, noi_vu = Sender(ws, KHCN, inbox), Sender(ws, NOI_VU, inbox)
    khcn.enrol()
    noi_vu.enrol()
    files = [
        send_under(ws, "138-2025", khcn, "2026-06-10"),
        send_under(ws, "140-2025", noi_vu, "2026-06-12"),
    ]
    assert [o.verdict for o in run_import(ws, *files)] == ["accepted", "accepted"]
    return ws


def cells(ws: Workspace) -> dict[str, str]:
    """Status of each of the two agencies' 2026-H1 cells."""
    grid = submissions(ws, ["2026-H1"])
    return {r.agency_id: r.cells[0].status for r in grid.rows if r.agency_id in (KHCN, NOI_VU)}


def test_each_plans_grid_shows_only_the_bundles_naming_it(shared_period):
    ws = shared_period
    plans.select_plan(ws, "138-2025")
    assert cells(ws) == {KHCN: rules.ON_TIME, NOI_VU: rules.MISSING}
    plans.select_plan(ws, "140-2025")
    assert cells(ws) == {KHCN: rules.MISSING, NOI_VU: rules.ON_TIME}


def test_the_drill_down_and_the_figures_follow_the_plan(shared_period):
    ws = shared_period
    plans.select_plan(ws, "140-2025")
    assert [b.seq for b in cell_detail(ws, NOI_VU, "2026-H1").bundles] == [1]
    assert cell_detail(ws, KHCN, "2026-H1").bundles == ()
    [task] = period_figures(ws, "2026-H1").tasks
    assert task.code == "I.1" and task.title.startswith("Xây dựng kho dữ liệu")
    assert [r.agency_id for r in task.leads] == [NOI_VU] and task.leads[0].body_sha256
    plans.select_plan(ws, "138-2025")
    assert cell_detail(ws, NOI_VU, "2026-H1").bundles == ()
    report = period_report(ws, "2026-H1")
    assert report.plan_number == "138/KH-UBND" and "138/KH-UBND" in report.title
    assert {t.code for t in report.tasks} == {"I.1", "I.2", "II.1"}
    [figure] = report.indicators
    assert figure.id == "so_hoa"  # the 138 plan's indicator, not the 140 plan's


def test_a_plan_holding_no_bundle_yet_shows_every_agency_missing(office, tmp_path):
    ws = on_day(office, DAY)
    two_plans(ws, tmp_path)
    plans.select_plan(ws, "140-2025")
    assert set(cells(ws).values()) == {rules.MISSING}


def test_submissions_and_report_take_the_plan_as_fresh_processes(office, inbox, tmp_path):
    from tests.test_cli_reorganisation import cchc

    ws = on_day(office, DAY)
    two_plans(ws, tmp_path)
    khcn, noi_vu = Sender(ws, KHCN, inbox), Sender(ws, NOI_VU, inbox)
    enrolments = []
    for s in (khcn, noi_vu):
        enrolments.append(tmp_path / f"{s.agency.id}.enrol.json")
        enrolments[-1].write_bytes(s.enrolment())
    send_under(ws, "138-2025", khcn, "2026-06-10")
    send_under(ws, "140-2025", noi_vu, "2026-06-12")
    data = tmp_path / "snv"
    assert cchc(data, "init", "--receiver", "--officer", "Trần Thị Tổng Hợp", today=DAY)[0] == 0
    for name in ("138.xlsx", "140.xlsx"):
        assert cchc(data, "plan", "import", tmp_path / name, "--yes", today=DAY)[0] == 0
    for enrolment in enrolments:
        assert cchc(data, "keyring", "add", enrolment, "--yes", today=DAY)[0] == 0
    code, out, err = cchc(data, "import", inbox, today=DAY)
    assert code == 0 and out.strip().splitlines()[-1] == "2 tệp — nhận: 2", out + err

    def statuses(*plan: str) -> dict[str, str]:
        code, out, err = cchc(
            data, "submissions", *plan, "--period", "2026-H1", "--json", today=DAY
        )
        assert code == 0, err
        rows = {r["agency_id"]: r["cells"][0]["status"] for r in json.loads(out)}
        return {a: rows[a] for a in (KHCN, NOI_VU)}

    assert statuses("--plan", "138-2025") == {KHCN: rules.ON_TIME, NOI_VU: rules.MISSING}
    assert statuses("--plan", "140-2025") == {KHCN: rules.MISSING, NOI_VU: rules.ON_TIME}
    assert statuses() == statuses("--plan", "140-2025")  # both span today: the later one
    code, out, _ = cchc(data, "submissions", "--plan", "140-2025", "--period", "2026-H1", today=DAY)
    assert code == 0 and "đúng hạn" in next(line for line in out.splitlines() if "Nội vụ" in line)
    report = tmp_path / "bao-cao.md"
    args = ("report", "--plan", "138-2025", "--period", "2026-H1", "--md", report)
    assert cchc(data, *args, today=DAY)[0] == 0
    text = report.read_text("utf-8")
    assert "(Kế hoạch 138/KH-UBND)" in text and "- Đúng hạn: 1" in text
    assert "Xây dựng kho dữ liệu" not in text  # the 140 plan's task
    code, _, err = cchc(data, "submissions", "--plan", "999-2030", today=DAY)
    assert code == 2 and "Không có kế hoạch '999-2030'" in err
    secret = tmp_path / "pass.txt"
    secret.write_text("mật khẩu của Sở đủ dài", encoding="utf-8")
    assert cchc(data, "receiver", "key", "init", "--passphrase-file", secret, today=DAY)[0] == 0
    for plan, agency in (("138-2025", KHCN), ("140-2025", NOI_VU)):
        out_dir = tmp_path / f"receipts-{plan}"
        args = ("receipts", "--plan", plan, "--period", "2026-H1", "--out", out_dir)
        code, out, err = cchc(data, *args, "--passphrase-file", secret, today=DAY)
        assert code == 0, err
        assert [p.name for p in out_dir.iterdir()] == [f"{agency}_2026-H1_bien-nhan_0001.json"]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_on_f7_p_switches_plan_and_the_title_and_grid_follow(shared_period, size):
    from cchc_tui.app import CchcApp
    from cchc_tui.screens.office import OfficeHomeScreen
    from cchc_tui.screens.office.tables import SubmissionsTable

    ws = shared_period
    ws.cache.clear()  # as on a fresh start: both plans span today, the later one is shown
    app = CchcApp(ws, agency_id=None)

    async def settle() -> None:
        await app.workers.wait_for_complete()
        await pilot.pause()

    def h1(agency_id: str) -> str:
        table = app.screen.query_one(SubmissionsTable)
        return table.get_row(agency_id)[table.get_column_index("2026-H1")].plain

    async with app.run_test(size=size) as pilot:
        await settle()
        assert isinstance(app.screen, OfficeHomeScreen)
        assert app.title == "CCHC — Kế hoạch 140/KH-UBND"
        assert str(app.screen.query_one("#office-plan").render()) == "KH 140/KH-UBND"
        assert (h1(NOI_VU), h1(KHCN)) == ("✓ đúng hạn", "✗ chưa nộp")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("up", "enter")
        await settle()
        assert isinstance(app.screen, OfficeHomeScreen)
        assert app.title == "CCHC — Kế hoạch 138/KH-UBND"
        assert str(app.screen.query_one("#office-plan").render()) == "KH 138/KH-UBND"
        assert (h1(NOI_VU), h1(KHCN)) == ("✗ chưa nộp", "✓ đúng hạn")
        await pilot.press("2")
        await settle()
        tasks = app.screen.query_one("#tasks-table")
        assert {str(k.value).split("|")[0] for k in tasks.rows} == {"I.1", "I.2", "II.1"}
        await pilot.press("ctrl+p", *"chon ke hoach")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle()
        assert app.title == "CCHC — Kế hoạch 140/KH-UBND"
        assert (h1(NOI_VU), h1(KHCN)) == ("✓ đúng hạn", "✗ chưa nộp")


def _send_values(ws, sender: Sender, plan_id: str, task: str, values: list[dict]) -> Path:
    """A 2026-H1 bundle under `plan_id` whose record of `task` carries `values`."""
    from cchc_tui.services.catalog import find_period, load_plan
    from tests.office.conftest import at_day

    plans.select_plan(ws, plan_id)
    at = at_day("2026-06-10")
    records = sender.records("2026-H1", at)
    [record] = [r for r in records if r["task"] == task]
    record.update(
        status="in_progress",
        progress_bp=5000,
        result="Đang làm",
        indicators=values,
        revision={"number": 1, "at": at, "by": "Cán bộ đầu mối"},
    )
    envelope = sender.signer.export(load_plan(ws), find_period(ws, "2026-H1"), records, at)
    path = sender.folder / f"{sender.agency.id}_{plan_id}.json"
    path.write_bytes(envelope)
    return path


def test_a_count_travels_over_one_but_a_ratio_over_one_is_refused(office, inbox, tmp_path):
    from tests.plans.sheets import INDICATORS_140

    ws = on_day(office, DAY)
    two_plans(ws, tmp_path, indicators_140=INDICATORS_140)
    khcn, noi_vu = Sender(ws, KHCN, inbox), Sender(ws, NOI_VU, inbox)
    khcn.enrol()
    noi_vu.enrol()
    ratio = _send_values(
        ws, khcn, "138-2025", "I.2", [{"id": "so_hoa", "numerator": 5, "denominator": 1}]
    )
    count = _send_values(
        ws, noi_vu, "140-2025", "I.1", [{"id": "ho_so_so", "numerator": 180, "denominator": 1}]
    )
    refused, accepted = run_import(ws, ratio, count)
    assert refused.verdict == "rejected"
    assert "chỉ tiêu so_hoa là tỷ lệ %, tử số (5) lớn hơn mẫu số (1)" in refused.reason
    assert accepted.verdict == "accepted"
    plans.select_plan(ws, "140-2025")
    [figure] = period_figures(ws, "2026-H1").indicators
    assert (figure.unit_label, figure.value_bp, figure.target_bp, figure.met) == (
        "hồ sơ",
        180,
        150,
        True,
    )
    assert figure.format(figure.value_bp) == "180 hồ sơ"


def test_a_units_text_from_the_plan_is_shown_as_typed(office, tmp_path):
    from cchc_tui.screens.office.tables import indicator_rows
    from cchc_tui.services.office.markdown import markdown_bytes
    from cchc_tui.services.office.workbook import workbook_bytes

    hostile = "+lần[b]x[/]"  # a formula prefix and markup
    row = ("ho_so_so", "Hồ sơ được số hóa", hostile, "150", "2026", "Sở, ban, ngành", "1.1")
    ws = on_day(office, DAY)
    two_plans(ws, tmp_path, indicators_140=[row])
    plans.select_plan(ws, "140-2025")
    [(_key, cells)] = indicator_rows(period_figures(ws, "2026-H1").indicators)
    assert cells[2].plain == f"150 {hostile}"
    report = period_report(ws, "2026-H1")
    assert "150 +lần\\[b\\]x\\[/\\]" in markdown_bytes(report).decode("utf-8")
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(workbook_bytes(report)))["Chỉ tiêu"]
    [unit] = [c for c in sheet[4] if c.value == hostile]
    assert unit.data_type == "s" and unit.quotePrefix
