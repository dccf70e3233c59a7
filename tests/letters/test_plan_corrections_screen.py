"""A corrected plan loaded on the "Thư từ Sở Nội vụ" screen: the changes are shown (file
text as typed, never markup) and the plan is replaced only after "Nạp"."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_tui.app import CchcApp
from cchc_tui.cli.main import main
from cchc_tui.domain.clock import Clock
from cchc_tui.screens.letters import LettersScreen
from cchc_tui.screens.letters_plan import PlanChangesDialog
from cchc_tui.services.plans import plan_document_of
from cchc_tui.services.workspace import open_workspace
from tests.letters.plan_versions import Office, corrected

AGENCY = "so-khoa-hoc-cong-nghe"


def _text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


@pytest.fixture
def setup(tmp_path, seeded):
    office = Office(tmp_path, seeded)
    data = seeded(tmp_path / "agency")
    run = ("--data-dir", str(data), "--today", "2026-03-01")
    assert main(["init", "--agency", AGENCY, "--officer", "Trần Văn B", *run]) == 0
    assert main(["office", "add", str(office.key_file), "--yes", *run]) == 0
    v1 = office.sign(office.document, "2025-12-20T09:00:00+07:00", "v1.json")
    assert main(["plan", "add", str(v1), "--yes", *run]) == 0
    args = ("--plan", "138-2025", "--task", "I.2", "--period", "2026-Q1", "--progress", "20")
    assert main(["progress", "set", *args, "--status", "in_progress", "--result", "x", *run]) == 0
    v2 = office.sign(corrected(office.document), "2026-01-05T08:00:00+07:00", "v2.json")
    return data, v2


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_changes_are_shown_then_the_correction_is_loaded(setup, size):
    data, v2 = setup
    ws = open_workspace(data, Clock(dt.date(2026, 3, 1)))
    try:
        app = CchcApp(ws, agency_id=AGENCY, officer="Trần Văn B")
        async with app.run_test(size=size) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, LettersScreen)
            app.screen.query_one("#letters-path").value = str(v2)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PlanChangesDialog)
            text = _text(app)
            assert "Bản sửa đổi, thay bản Sở ký lúc 09:00 20/12/2025" in text
            assert "+ I.3  Nhiệm vụ bổ sung" in text and "- I.2  Chuyển đổi số" in text
            assert "~ I.1 (nội dung)  Rà soát [b]văn bản[/b] [/] =HYPERLINK(1)" in text
            assert "1 báo cáo tiến độ của nhiệm vụ bị bỏ vẫn được giữ." in text
            assert "Nạp" in text and "Thôi" in text
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, LettersScreen)
            table = app.screen.query_one("#letters-table")
            summaries = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
            assert summaries[0] == "Kế hoạch 138/KH-UBND: 3 nhiệm vụ (bản sửa đổi)"
        held = plan_document_of(ws, "138-2025")
        assert [t["code"] for t in held["tasks"]] == ["I.1", "II.1", "I.3"]
    finally:
        ws.db.close()


async def test_thoi_leaves_the_plan_held(setup):
    data, v2 = setup
    ws = open_workspace(data, Clock(dt.date(2026, 3, 1)))
    try:
        before = plan_document_of(ws, "138-2025")
        app = CchcApp(ws, agency_id=AGENCY, officer="Trần Văn B")
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(LettersScreen(ws))
            await pilot.pause()
            app.screen.query_one("#letters-path").value = str(v2)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PlanChangesDialog)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, LettersScreen)
        assert plan_document_of(ws, "138-2025") == before
    finally:
        ws.db.close()
