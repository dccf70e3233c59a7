"""Marking a bundle sent from the overview (g) and the export screen, and the overview's Cần
làm table keeping the task's title readable, at 80x24 and 100x30."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Button, DataTable, Input, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.screens.dashboard import DashboardScreen
from cchc_tui.screens.dialogs import ConfirmDialog
from cchc_tui.screens.mark_sent import SentDayDialog
from cchc_tui.services import keys
from cchc_tui.services.export import export_period, submission_status
from cchc_tui.services.settings import save_profile

from .conftest import SIZE, screen_text, workspace

PHRASE = "mat khau thu nghiem"
UNSENT = "Đã xuất gói số 1 ngày 10/03/2025 (chưa đánh dấu đã gửi)."
SENT = "Đã gửi gói số 1 ngày 10/03/2025, chờ Sở Nội vụ xác nhận."


def summary(app) -> str:
    """The overview's summary as one line (the console wraps it)."""
    text = str(app.screen.query_one("#summary", Static).render())
    return " ".join(text.split())


def mark(ws) -> str | None:
    return submission_status(ws, "so-noi-vu", "2025-Q1").sent_on


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def keyed(ws, tmp_path):
    save_profile(ws, "so-noi-vu", "Nguyễn Thị Hoa", "Chuyên viên")
    keys.init_key(ws, "so-noi-vu", PHRASE)
    return ws


@pytest.mark.parametrize("size", [SIZE, (100, 30)])
async def test_g_on_the_overview_marks_the_bundle_sent_and_takes_it_back(app, keyed, size):
    export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")
        await settle(pilot)
        assert UNSENT in summary(app) and "bấm g để đánh dấu" in summary(app)
        assert UNSENT.split(" (")[0] in screen_text(app)  # on the console, not scrolled off

        await pilot.press("g")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SentDayDialog)
        assert "Đánh dấu đã gửi gói số 1 qua thư điện tử?" in screen_text(app)
        field = dialog.query_one("#sent-day", Input)
        assert field.value == "10/03/2025" and dialog.focused is field
        field.value = "11/03/2025"  # tomorrow: refused under the field, nothing written
        await pilot.press("enter")
        await pilot.pause()
        assert "chưa đến" in str(dialog.query_one("#err-sent-day", Static).render())
        assert app.screen is dialog and mark(keyed) is None
        field.value = "[b]09/03[/b]"  # typed text is shown as typed, never as markup
        await pilot.press("enter")
        await pilot.pause()
        assert "[b]09/03[/b]" in str(dialog.query_one("#err-sent-day", Static).render())
        field.value = "10/03/2025"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert mark(keyed) == "2025-03-10"
        assert SENT in summary(app)

        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Bỏ đánh dấu đã gửi gói số 1" in screen_text(app)
        await pilot.press("escape")  # thôi: still marked
        await settle(pilot)
        assert mark(keyed) == "2025-03-10"
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert mark(keyed) is None and UNSENT in summary(app)


async def test_g_without_a_bundle_says_to_export_first(app, keyed):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert any("xuất gói ở F6 trước" in str(n.message) for n in app._notifications)


async def test_the_export_screen_offers_the_mark_once_the_file_is_written(app, keyed):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert not app.screen.query_one("#mark-sent", Button).display  # nothing written yet
        await pilot.press(*PHRASE, "enter")
        await settle(pilot)
        button = app.screen.query_one("#mark-sent", Button)
        assert button.display and app.screen.focused is button
        assert str(button.label) == "Đánh dấu đã gửi gói số 1…"
        await pilot.pause()
        assert "Đánh dấu đã gửi gói số 1…" in screen_text(app)  # scrolled into view
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SentDayDialog)
        await pilot.press("enter")  # today, as offered
        await settle(pilot)
        assert mark(keyed) == "2025-03-10"
        assert str(app.screen.query_one("#mark-sent", Button).label).startswith("Bỏ đánh dấu")
        summary_text = str(app.screen.query_one("#export-summary", Static).render())
        assert SENT in " ".join(summary_text.split())


def title_cells(app) -> list[str]:
    """The Cần làm table's title cells as drawn (cut with … when they do not fit)."""
    table = app.screen.query_one("#todo", DataTable)
    return [str(table.get_row_at(i)[-1]) for i in range(table.row_count)]


@pytest.mark.parametrize("today", [dt.date(2025, 11, 20), dt.date(2026, 12, 1)])
@pytest.mark.parametrize("size", [SIZE, (100, 30)])
async def test_the_todo_titles_stay_readable(data_dir, today, size):
    ws = workspace(data_dir, Clock(today))
    app = CchcApp(ws, agency_id="so-tu-phap", officer="Hoa")
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            titles = title_cells(app)
            assert titles and all(len(t) >= 30 for t in titles)
            shown = screen_text(app)
            assert titles[0] in shown  # the whole cell is on the console, not cut by the edge
            assert "Hạn hoàn thành" in shown and "Cần làm" in shown
            assert ("quá hạn" if today.year == 2026 else "chưa báo cáo") in shown
            assert ("Vai trò" in shown) == (size[0] >= 100)
            lines = [line for line in app.screen._compositor.render_strips()]
            assert all(line.cell_length <= size[0] for line in lines)
    finally:
        ws.db.close()


async def test_after_the_end_the_statement_stays_on_top_when_the_console_resizes(data_dir):
    """The Cần làm table has the focus, but focusing it must not scroll the plan's-end
    statement away (a real console sends a resize at start; Textual then scrolls to centre
    a focused widget it cannot show whole)."""
    ws = workspace(data_dir, Clock(dt.date(2026, 12, 1)))
    app = CchcApp(ws, agency_id="so-tu-phap", officer="Hoa")
    try:
        async with app.run_test(size=(80, 23)) as pilot:
            await pilot.pause()
            await pilot.resize_terminal(*SIZE)
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert app.screen.focused is app.screen.query_one("#todo", DataTable)
            text = screen_text(app)
            assert "Kế hoạch 56/KH-UBND đã kết thúc ngày 31/12/2025" in text
            assert "Còn làm được" in text
    finally:
        ws.db.close()


@pytest.mark.parametrize(
    ("size", "late"), [(SIZE, "chưa báo cáo"), ((120, 30), "chưa báo cáo, quá hạn nộp")]
)
async def test_a_late_unreported_task_says_so_in_full_only_where_there_is_room(
    data_dir, size, late
):
    ws = workspace(data_dir, Clock(dt.date(2026, 12, 1)))
    app = CchcApp(ws, agency_id="so-tu-phap", officer="Hoa")
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            table = app.screen.query_one("#todo", DataTable)
            reasons = {str(table.get_row_at(i)[-3]) for i in range(table.row_count)}
            assert {r for r in reasons if not r.startswith("quá hạn ")} == {late}, reasons
            assert all(len(t) >= 30 for t in title_cells(app))
    finally:
        ws.db.close()
