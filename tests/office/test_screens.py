"""The receiving office's screens at 80×24: submissions with data, drill-down, import."""

from textual.app import App
from textual.widgets import DataTable, Input, Static

from cchc_tui.screens.office import OfficeHomeScreen
from cchc_tui.screens.office.detail import BundleDetailScreen
from cchc_tui.screens.office.importing import ImportScreen
from cchc_tui.screens.office.tables import SubmissionsTable

from .conftest import on_day, run_import


class OfficeApp(App):
    """A tiny host app, as app.py will push the receiver's home screen."""

    def __init__(self, ws) -> None:
        super().__init__()
        self.ws = ws

    def on_mount(self) -> None:
        self.push_screen(OfficeHomeScreen(self.ws))


async def _settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_submissions_show_data_and_enter_drills_into_the_bundle(office, sender, inbox):
    nv = sender("so-noi-vu")
    nv.send("2025-Q1", "2025-03-10")
    nv.send("2025-Q1", "2025-03-12")
    ws = on_day(office, "2025-04-01")
    run_import(ws, inbox)
    app = OfficeApp(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        table = app.screen.query_one(SubmissionsTable)
        assert table.row_count > 30
        row = table.get_row("so-noi-vu")
        assert "đúng hạn" in row[1].plain
        assert table.get_row("so-tu-phap")[1].plain == "✗ chưa nộp"
        table.move_cursor(row=table.get_row_index("so-noi-vu"), column=1)
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, BundleDetailScreen)
        assert app.screen.detail.counted.seq == 2
        text = str(app.screen.query_one("#detail-text", Static).render())
        assert "Sở Nội vụ" in text and "Gói số 2" in text
        assert app.screen.detail.counted.fingerprint in text
        await pilot.press("escape")
        await pilot.press("3")
        await _settle(app, pilot)
        indicators = app.screen.query_one("#indicators-table", DataTable)
        assert indicators.row_count == 11


async def test_import_screen_runs_in_a_worker_and_the_grid_reloads(office, sender, inbox):
    nv = sender("so-noi-vu")
    nv.send("2025-Q1", "2025-03-10")
    (inbox / "broken.json").write_bytes(b"{")
    ws = on_day(office, "2025-04-01")
    app = OfficeApp(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        assert app.screen.query_one(SubmissionsTable).get_row("so-noi-vu")[1].plain == "✗ chưa nộp"
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one(Input).value = str(inbox)
        await pilot.press("enter")
        await _settle(app, pilot)
        outcomes = app.screen.query_one(DataTable)
        assert outcomes.row_count == 2
        assert "2 tệp" in str(app.screen.query_one("#import-summary", Static).render())
        await pilot.press("escape")
        await _settle(app, pilot)
        assert isinstance(app.screen, OfficeHomeScreen)
        grid = app.screen.query_one(SubmissionsTable)
        assert "đúng hạn" in grid.get_row("so-noi-vu")[1].plain
