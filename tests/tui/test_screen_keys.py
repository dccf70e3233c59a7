"""A screen's F-key brings that screen to the front from anywhere, as a clerk expects."""

from __future__ import annotations

import pytest

from cchc_tui.screens.dashboard import DashboardScreen
from cchc_tui.screens.export import ExportScreen
from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.screens.settings import SettingsScreen
from cchc_tui.screens.task_detail import TaskDetailScreen
from cchc_tui.screens.tasks import TasksScreen

from .conftest import SIZE

SIZES = [SIZE, (100, 30)]


@pytest.mark.parametrize("size", SIZES)
async def test_f2_from_export_opened_on_the_dashboard(app, size):
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2", "f6")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert len(app.screen_stack) == 1  # export closed, as Esc would
        await pilot.press("f6", "f3")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        await pilot.press("f2")  # the dashboard itself, not the export left open on it
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_f3_from_export_opened_on_the_task_list(app, size):
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
        await pilot.press("f6")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen) and len(app.screen_stack) == 1


async def test_task_detail_then_f2_and_f3(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "enter")
        assert isinstance(app.screen, TaskDetailScreen)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f3")  # the list, not the detail left under F2
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen) and len(app.screen_stack) == 1
        await pilot.press("enter")
        assert isinstance(app.screen, TaskDetailScreen)
        await pilot.press("f3")  # in the same mode: back to the list
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen) and len(app.screen_stack) == 1


async def test_f5_f6_go_back_to_an_open_screen_instead_of_stacking(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "f6", "f5")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("f6")  # export is open under settings: back to it
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert [type(s) for s in app.screen_stack] == [DashboardScreen, ExportScreen]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_no_screen_key_closes_an_open_form(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, ProgressForm)
        await pilot.press("f1")  # help over the form
        await pilot.pause()
        await pilot.press("f2", "f3")  # not while the form is open under help
        await pilot.pause()
        assert any(isinstance(s, ProgressForm) for s in app.screen_stack)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressForm)
