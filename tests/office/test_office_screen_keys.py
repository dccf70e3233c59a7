"""F7 on Sở Nội vụ's install brings its home to the front, closing what covers it as Esc
would (tests/tui/test_screen_keys.py: the agency's F-keys)."""

from __future__ import annotations

from textual.widgets import Input

from cchc_tui.app import CchcApp
from cchc_tui.screens.office import OfficeHomeScreen
from cchc_tui.screens.office.importing import ImportScreen
from cchc_tui.screens.office.tables import SubmissionsTable

from .conftest import on_day


async def test_f7_from_the_import_closes_it_as_esc_would_and_the_grid_reloads(
    office, sender, inbox
):
    """On Sở Nội vụ's install: F7 over the import screen is its home, with what came in."""
    sender("so-noi-vu").send("2025-Q1", "2025-03-10")
    app = CchcApp(on_day(office, "2025-04-01"), agency_id=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OfficeHomeScreen)
        assert (
            app.screen.query_one(SubmissionsTable)
            .get_row("so-noi-vu")[1]
            .plain.endswith("chưa nộp")
        )
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one(Input).value = str(inbox)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f7")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OfficeHomeScreen) and len(app.screen_stack) == 1
        grid = app.screen.query_one(SubmissionsTable)
        assert "đúng hạn" in grid.get_row("so-noi-vu")[1].plain
