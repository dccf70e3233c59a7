"""One fixed hostile sample through every office screen (Pilot): the three tabs of F7's
home, each drill-down, the import screen. Nothing crashes; the text shows as sent."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from cchc_tui.screens.office import OfficeHomeScreen
from cchc_tui.screens.office.detail import BundleDetailScreen, ContributionsScreen
from cchc_tui.screens.office.importing import ImportScreen
from cchc_tui.screens.office.tables import SubmissionsTable, TaskProgressTable

from .conftest import on_day, run_import
from .hostile import ScriptedSender
from .test_screens import OfficeApp

OFFICER = "[/b]Trần [i]B"
RESULT = "[/] Đã xong\vphần 2 [link=http://x]bấm[/link]"
DIFFICULTY = "=cmd|' /C calc'!A0 chuông\x07 \x1b[31mđỏ"
PROPOSAL = "[b]Đề nghị[/b] @SUM(A1) \u0301"


@pytest.fixture
def hostile(office, inbox, tmp_path):
    """Sở Nội vụ signs hostile text for 2025-Q1; Sở Tư pháp's 2025-Y file quotes markup."""
    sender = ScriptedSender(office, "so-noi-vu", inbox)
    sender.texts = {"*": {"result": RESULT, "difficulties": DIFFICULTY, "proposals": PROPOSAL}}
    sender.enrol()
    sender.send("2025-Q1", "2025-03-10", signer={"officer": OFFICER, "title": "[red]=1+1"})
    (inbox / "so-tu-phap_2025-Y_0007.json").write_bytes(b'{"[/]":1,"[/]":2}')
    ws = on_day(office, "2025-04-01")
    run_import(ws, inbox)
    later = tmp_path / "later"
    later.mkdir()
    (later / "[b]x[red]_2025-Q1_0001.json").write_bytes(b"{")
    (later / "so-tu-phap_2025-Y_0008.json").write_bytes(b'{"[/]":1,"[/]":2}')
    return ws, later


async def _settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _open_cell(app, pilot, agency_id: str, period_id: str) -> str:
    table = app.screen.query_one(SubmissionsTable)
    column = 1 + [c.key.value for c in table.ordered_columns][1:].index(period_id)
    table.move_cursor(row=table.get_row_index(agency_id), column=column)
    await pilot.press("enter")
    await _settle(app, pilot)
    assert isinstance(app.screen, BundleDetailScreen)
    text = _text(app.screen, "#detail-text")
    await pilot.press("escape")
    return text


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_hostile_text_through_every_office_screen(hostile, size):
    ws, later = hostile
    app = OfficeApp(ws)
    async with app.run_test(size=size) as pilot:
        await _settle(app, pilot)
        refused = await _open_cell(app, pilot, "so-tu-phap", "2025-Y")
        assert "“[/]” lặp lại hai lần" in refused
        signed = await _open_cell(app, pilot, "so-noi-vu", "2025-Q1")
        assert f"Người ký: {OFFICER} — [red]=1+1" in signed

        await pilot.press("[")  # back to 2025-Q1, the period the bundle is for
        await _settle(app, pilot)
        await pilot.press("2")
        await _settle(app, pilot)
        tasks = app.screen.query_one(TaskProgressTable)
        keys = [k.value for k in tasks.rows if k.value.endswith("|so-noi-vu")]
        assert keys
        row = tasks.get_row(keys[0])
        assert row[5].plain.startswith("[/] Đã xong↵phần 2")
        assert row[6].plain.startswith("=cmd|' /C calc'!A0 chuông␇ ␛[31mđỏ")
        tasks.move_cursor(row=tasks.get_row_index(keys[0]))
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, BundleDetailScreen)
        report = _text(app.screen, "#detail-report")
        assert "[/] Đã xong↵phần 2 [link=http://x]bấm[/link]" in report
        assert "[b]Đề nghị[/b] @SUM(A1)" in report and "chuông␇ ␛[31mđỏ" in report
        assert OFFICER in _text(app.screen, "#detail-text")
        await pilot.press("escape")

        await pilot.press("3")
        await _settle(app, pilot)
        indicators = app.screen.query_one("#indicators-table", DataTable)
        with_values = next(
            k.value for k in indicators.rows if app.screen.figures[k.value].contributions
        )
        indicators.move_cursor(row=indicators.get_row_index(with_values))
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, ContributionsScreen)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert OFFICER in _text(app.screen, "#detail-text")
        await pilot.press("escape", "escape")
        await pilot.pause()

        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one(Input).value = str(later)
        await pilot.press("enter")
        await _settle(app, pilot)
        outcomes = app.screen.query_one("#import-table", DataTable)
        cells = [c.plain for r in range(outcomes.row_count) for c in outcomes.get_row_at(r)]
        assert "[b]x[red]_2025-Q1_0001.json" in cells
        assert any("“[/]” lặp lại" in c for c in cells)
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, OfficeHomeScreen)
