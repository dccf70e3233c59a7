"""Start-up stays light: no SQLModel, SQLAlchemy, pydantic or pendulum before the list is painted."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.screens.dashboard import DashboardScreen
from cchc_tui.screens.tasks import TasksScreen

from .conftest import SIZE, workspace

HEAVY = ("sqlmodel", "sqlalchemy", "pydantic", "pendulum")


def test_task_list_paints_without_the_write_path(tmp_path):
    workspace(tmp_path / "data").db.close()  # seeded beforehand, as after `cchc init`
    code = textwrap.dedent(
        f"""
        import asyncio, datetime as dt, sys
        from cchc_tui.app import CchcApp
        from cchc_tui.domain.clock import Clock
        from cchc_tui.services.workspace import open_workspace

        async def main():
            ws = open_workspace({str(tmp_path / "data")!r}, Clock(dt.date(2025, 3, 10)))
            app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                assert type(app.screen).__name__ == "TasksScreen", app.screen
                assert app.screen.table.row_count > 0
                print([m for m in {HEAVY!r} if m in sys.modules])

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


async def test_period_switch_from_any_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        assert app.period_id == "2025-Q1"
        await pilot.press("f4", "up", "enter")  # the period before: Năm 2024
        assert app.period_id == "2024-Y"
        assert all(
            r.due is None or r.due.year <= 2024 for r in app.screen.rows if r.end_kind == "annual"
        )
        await pilot.press("f2")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f4", "down", "enter")
        assert app.period_id == "2025-Q1"
        assert app.screen.data.period.id == "2025-Q1"


@pytest.mark.parametrize("size", [SIZE, (100, 30)], ids=["80x24", "100x30"])
async def test_after_the_plan_ends_the_app_opens_on_the_final_review(data_dir, size):
    """After 31/12/2025 the officer lands on the overview, told the plan ended, which
    period is the last and what can still be done; the task list is one key away."""
    ws = workspace(data_dir, Clock(dt.date(2026, 12, 1)))
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.period_id == "2025-Y"
        assert isinstance(app.screen, DashboardScreen)
        summary = " ".join(str(app.screen.query_one("#summary").render()).split())
        assert "Kế hoạch 56/KH-UBND đã kết thúc ngày 31/12/2025." in summary
        assert "Kỳ tổng kết cuối cùng: Năm 2025." in summary
        assert "xuất lại gói (F6)" in summary and "báo cáo Word (w)" in summary
        assert "cchc report --stage" in summary
        await pilot.press("f3")
        assert isinstance(app.screen, TasksScreen)
    ws.db.close()


async def test_before_the_plan_ends_the_app_opens_on_the_task_list(data_dir):
    ws = workspace(data_dir, Clock(dt.date(2025, 11, 20)))
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TasksScreen)
    ws.db.close()


async def test_receiving_office_views_on_f7(ws):
    from cchc_tui.screens.office import OfficeHomeScreen
    from cchc_tui.services.office.profile import save_office_profile

    save_office_profile(ws, "Trần Văn Nam")
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        assert isinstance(app.screen, OfficeHomeScreen)
        await pilot.press("f3")
        assert isinstance(app.screen, TasksScreen)
