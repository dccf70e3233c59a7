"""What is due first and what counts as a report, on screen (issue 13)."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console
from textual.widgets import Input, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.screens.dashboard import DashboardScreen
from cchc_tui.screens.dialogs import ConfirmDialog
from cchc_tui.screens.help import HelpScreen
from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.screens.tasks import TasksScreen
from cchc_tui.services.progress import resolve_slot, slot_history

from .conftest import SIZE, screen_text, workspace

NOV = dt.date(2025, 11, 20)


async def open_form(pilot, code: str) -> ProgressForm:
    await pilot.press("slash", *code.lower(), "enter", "e")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ProgressForm)
    return form


async def test_h_sorts_the_task_list_by_completion_deadline(data_dir):
    ws = workspace(data_dir, Clock(NOV))
    app = CchcApp(ws, agency_id="so-tu-phap", officer="Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TasksScreen)
        table = screen.table
        plan_order = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        await pilot.press("h")
        codes = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        rows = {r.code: r for r in screen.rows}
        dues = [rows[c].due or dt.date.max for c in codes]
        assert dues == sorted(dues) and codes != plan_order
        assert "theo hạn" in str(screen.query_one("#filters", Static).render())
        text = screen_text(app)
        assert "Hạn hoàn thành" in text and "còn 25 ngày" in text
        await pilot.press("h")
        assert [table.get_row_at(i)[0].plain for i in range(table.row_count)] == plan_order
    ws.db.close()


async def test_the_two_deadlines_have_two_names_and_f1_explains_them(data_dir):
    ws = workspace(data_dir, Clock(NOV))
    app = CchcApp(ws, agency_id="so-tu-phap", officer="Hoa")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        text = screen_text(app)
        assert "Hạn nộp báo cáo 15/12/2025" in text
        assert "Hạn hoàn thành" in text  # the to-do column
        todo = app.screen.data.attention
        dues = [a.row.due or dt.date.max for a in todo if not a.overdue]
        assert dues == sorted(dues)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.renderable())
        page = " ".join(console.export_text().split())
        assert "Hai loại hạn" in page
        assert "Hạn nộp báo cáo ngày phải gửi gói báo cáo" in page
        assert "Hạn hoàn thành ngày nhiệm vụ phải làm xong" in page
        assert "h xếp theo hạn hoàn thành" in page
    ws.db.close()


async def test_choosing_done_sets_100_percent_by_itself(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "III.2")
        await pilot.press("right", "enter", "tab", *"60")  # đang triển khai, 60 %
        assert form.query_one("#progress", Input).value == "60"
        await pilot.press("shift+tab", "left", "down", "enter")  # hoàn thành
        assert form.query_one("#progress", Input).value == "100"


async def test_a_report_that_says_nothing_is_confirmed_before_saving(app, ws):
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "III.2")
        await pilot.press("right", "enter", "tab", *"40", "ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "chưa ghi kết quả" in dialog.question
        await pilot.press("k")  # Sửa lại: back to the form, nothing written
        assert app.screen is form and slot_history(ws, slot) == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("c")  # Vẫn lưu
        await app.workers.wait_for_complete()
        await pilot.pause()
    [revision] = slot_history(ws, slot)
    assert (revision.entry.status, revision.entry.progress) == ("in_progress", 40)


async def test_a_future_document_date_is_confirmed_and_errors_go_when_fixed(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "III.2")
        await pilot.press("right", "enter", "tab", *"150", "ctrl+s")
        await pilot.pause()
        assert "150" in str(form.query_one("#err-progress", Static).render())
        progress = form.query_one("#progress", Input)
        progress.value = "50"
        await pilot.pause()
        await pilot.pause()
        assert str(form.query_one("#err-progress", Static).render()).strip() == ""
        assert not progress.has_class("-invalid")
        form.query_one("#result", expect_type=None).text = "Đã công khai"
        number, day, _ = form.query(".ev-number, .ev-date, .ev-summary")
        number.value, day.value = "56/KH-UBND", "01/06/2025"  # after 10/03/2025
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "sau hôm nay (10/03/2025)" in app.screen.question


async def test_the_export_preview_shows_result_and_documents_not_a_false_zero(app, ws):
    from textual.widgets import DataTable

    from cchc_tui.domain.progress import RawEntry
    from cchc_tui.services.progress import record_progress

    slot = resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    entry = RawEntry(
        "in_progress",
        "40",
        result="Đã xây dựng [b]dự thảo[/b] đề án",
        evidence=[("12/QD-SNV", "01/03/2025", "Quyết định")],
    )
    record_progress(ws, slot, entry, "Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        table = app.screen.query_one("#export-slots", DataTable)
        row = table.get_row("I.3")
        assert row[3] == "40%" and row[4] == "1"
        assert str(row[5]).startswith("Đã xây dựng [b]dự")  # shortened, text as typed
        unreported = table.get_row("I.6")
        assert str(unreported[2]) == "chưa báo cáo" and unreported[3] == ""
