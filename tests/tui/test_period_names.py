"""Messages name a reporting period as officers do ("Quý I/2025"), not by its id."""

from __future__ import annotations

from textual.widgets._toast import Toast

from cchc_tui.screens.progress_flow import edit_progress

from .conftest import SIZE


async def test_a_task_without_a_report_this_period_is_told_with_the_period_s_name(app):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        edit_progress(app, "I.1")  # a 2020 task; the period on screen is 2025-Q1
        await pilot.pause()
        toasts = [toast.render().plain for toast in app.screen.query(Toast)]
        assert any("không có báo cáo trong kỳ Quý I/2025 (" in t for t in toasts), toasts
        assert not any("kỳ 2025-Q1" in t for t in toasts)
        shown = " ".join(toasts)
        assert "từ 6 tháng đầu năm 2020 (2020-H1) đến Năm 2020 (2020-Y)" in shown
