"""The app for a body that ended in 2025, and for the body that took over its tasks."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.screens.onboarding import OnboardingScreen
from cchc_tui.screens.tasks import TasksScreen
from cchc_tui.services.settings import get_profile
from cchc_tui.services.workspace import open_workspace


def screen_text(app: CchcApp) -> str:
    """The terminal's text as the officer sees it (the screen on top), lines joined."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


LATE_2025 = dt.date(2025, 11, 20)  # 2025-Y is being reported; the districts ended on 30/6


@pytest.fixture
def late_ws(tmp_path):
    ws = open_workspace(tmp_path / "data", Clock(LATE_2025))
    yield ws
    ws.db.close()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_onboarding_a_dissolved_district_says_it_ended_and_who_took_over(late_ws, size):
    app = CchcApp(late_ws, agency_id=None)
    async with app.run_test(size=size) as pilot:
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press(*"huyen yen son", "enter")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Đã chọn: Ủy ban nhân dân huyện Yên Sơn" in text
        assert "đã kết thúc hoạt động ngày 30/06/2025" in text
        assert "UBND cấp xã tiếp nhận nhiệm vụ từ 01/07/2025" in text
        await pilot.press(*"Hoàng Văn Cường", "enter", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert get_profile(late_ws).agency_id == "huyen-yen-son"
        assert isinstance(app.screen, TasksScreen)
        assert app.period_id == "2025-H1"  # its last period, not the current 2025-Y
        assert "6 tháng đầu năm 2025" in screen_text(app)


async def test_the_successor_sees_an_inherited_task_marked_with_its_origin(late_ws):
    app = CchcApp(late_ws, agency_id="so-khoa-hoc-cong-nghe", officer="Trần Văn Bình")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.period_id == "2025-Y"
        await pilot.press("slash", *"vi.1", "enter")
        await pilot.pause()
        row = app.screen.table.current_row
        assert row.code == "VI.1" and row.roles == ("lead",)
        text = " ".join(screen_text(app).split())
        assert "Chủ trì*" in text and "kế thừa từ Sở TT&TT" in text


async def test_the_export_screen_refuses_a_period_after_the_body_ended(late_ws):
    from cchc_tui.screens.export import ExportScreen

    app = CchcApp(late_ws, agency_id="huyen-yen-son", officer="Hoàng Văn Cường")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.period_id = "2025-Y"
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        text = " ".join(screen_text(app).split())
        assert "không xuất được kỳ Năm 2025" in text
        assert "kỳ cuối cùng của cơ quan là 6 tháng đầu năm 2025 (2025-H1)" in text
        assert not app.screen.query_one("#sign").display
        assert not app.screen.query_one("#key-setup").display
        assert "còn 25 ngày" not in text  # not its period: no countdown
