"""The bar at the top keeps itself current: on every screen, after F4 and after a save."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from cchc_tui.screens import task_detail
from cchc_tui.screens.dashboard import DashboardScreen
from cchc_tui.screens.export import ExportScreen
from cchc_tui.screens.settings import SettingsScreen
from cchc_tui.screens.task_detail import TaskDetailScreen
from cchc_tui.screens.tasks import TasksScreen
from cchc_tui.services import catalog
from cchc_tui.widgets.context_bar import ContextBar

from .conftest import SIZE


def bar(app) -> str:
    return str(app.screen.query_one(ContextBar).render())


async def test_period_change_shows_on_every_screen(app, ws):
    q1, year = (catalog.find_period(ws, p).label for p in ("2025-Q1", "2024-Y"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        assert bar(app).startswith(" Nhiệm vụ ") and q1 in bar(app)
        steps = [("f2", DashboardScreen), ("f6", ExportScreen), ("escape f5", SettingsScreen)]
        for keys, screen in steps:
            await pilot.press(*keys.split())
            assert isinstance(app.screen, screen)
            for direction, label in (("up", year), ("down", q1)):
                await pilot.press("f4", direction, "enter")
                await pilot.pause()
                assert label in bar(app), (screen, bar(app))
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f3", "slash", *"iii.2", "enter", "enter")
        assert isinstance(app.screen, TaskDetailScreen)
        assert bar(app).startswith(" Nhiệm vụ III.2 ")
        await pilot.press("f4", "up", "enter")
        await pilot.pause()
        assert year in bar(app)
        await pilot.press("escape")  # back on the list: changed while it was covered
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen) and year in bar(app)


async def test_saved_settings_show_in_the_bar_of_every_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "hạn nộp 15/03/2025" in bar(app)
        await pilot.press("f5")
        assert isinstance(app.screen, SettingsScreen)
        app.screen.query_one("#deadline", Input).value = "10"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "hạn nộp 10/03/2025" in bar(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen) and "hạn nộp 10/03/2025" in bar(app)
        await pilot.press("f6")
        assert isinstance(app.screen, ExportScreen) and "hạn nộp 10/03/2025" in bar(app)


async def test_task_detail_reads_the_history_once_and_follows_the_cursor(app, monkeypatch):
    reads = []
    real = task_detail.slot_history
    monkeypatch.setattr(
        task_detail, "slot_history", lambda ws, slot: reads.append(slot.period_id) or real(ws, slot)
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TaskDetailScreen)
        assert reads == [app.period_id] == [screen.period_id]
        slots = screen.query_one("#slots", DataTable)
        ids = [key.value for key in slots.rows]
        assert slots.cursor_row == ids.index(app.period_id)
        await pilot.press("up")
        await pilot.pause()
        before = ids[ids.index(app.period_id) - 1]
        assert screen.period_id == before and reads == [app.period_id, before]
