"""First run → pick agency → my tasks → open a task → record progress → save → restart."""

from __future__ import annotations

from textual.widgets import DataTable

from cchc_tui.app import CchcApp
from cchc_tui.screens.onboarding import OnboardingScreen
from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.screens.task_detail import TaskDetailScreen
from cchc_tui.screens.tasks import TasksScreen
from cchc_tui.services.progress import resolve_slot, slot_history
from cchc_tui.services.settings import get_profile

from .conftest import SIZE, workspace


async def test_first_run_to_saved_progress_survives_restart(ws, data_dir):
    app = CchcApp(ws, agency_id=None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press(*"noi vu", "enter")
        await pilot.press(*"Nguyễn Thị Hoa", "enter")
        await pilot.press(*"Chuyên viên", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        profile = get_profile(ws)
        assert profile is not None
        assert (profile.agency_id, profile.officer, profile.title) == (
            "so-noi-vu",
            "Nguyễn Thị Hoa",
            "Chuyên viên",
        )
        assert isinstance(app.screen, TasksScreen)

        await pilot.press("slash", *"iii.2", "enter")
        assert app.screen.table.row_count == 1
        await pilot.press("enter")
        assert isinstance(app.screen, TaskDetailScreen)
        await pilot.press("e")
        assert isinstance(app.screen, ProgressForm)
        await pilot.press("right", "enter")  # status: đang triển khai (right of the first)
        await pilot.press("tab", *"60", "tab", *"Đã công khai 120 TTHC")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TaskDetailScreen)

    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    history = slot_history(ws, slot)
    assert [(r.entry.status, r.entry.progress, r.author) for r in history] == [
        ("in_progress", 60, "Nguyễn Thị Hoa")
    ]
    assert history[0].entry.result == "Đã công khai 120 TTHC"

    reopened = workspace(data_dir)
    profile = get_profile(reopened)
    again = CchcApp(reopened, agency_id=profile.agency_id, officer=profile.officer)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TasksScreen)
        row = next(r for r in again.screen.rows if r.code == "III.2")
        assert (row.status, row.progress) == ("in_progress", 60)
        await pilot.press("slash", *"III.2", "enter", "enter")
        history_table = again.screen.query_one("#history", DataTable)
        assert history_table.row_count == 1
        assert "trạng thái" in str(history_table.get_row_at(0)[3])  # cut to 80 columns…
        revision = str(again.screen.query_one("#revision").render())  # …in full below
        assert "Lần 1 — đang triển khai, 60%" in revision
        assert "Đã công khai 120 TTHC" in revision
    reopened.db.close()
