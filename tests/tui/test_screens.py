"""Help, settings, backups, the command palette and indicator values in the form."""

from __future__ import annotations

from textual.widgets import Button, Input, TextArea

from cchc_tui.screens.dialogs import ViewNumberDialog
from cchc_tui.screens.help import HelpScreen
from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.screens.settings import SettingsScreen
from cchc_tui.services.backup import list_backups
from cchc_tui.services.progress import resolve_slot, slot_history
from cchc_tui.services.settings import deadline_day
from cchc_tui.widgets.indicator_inputs import IndicatorInputs

from .conftest import SIZE, screen_text


async def test_help_on_f1_and_question_mark_shows_keys_and_data_folder(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "hoàn thành" in text and "Cơ sở dữ liệu" in text
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_settings_deadline_day_and_backup(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        assert isinstance(app.screen, SettingsScreen)
        day = app.screen.query_one("#deadline", Input)
        day.value = "25"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "từ 1 đến 20" in str(app.screen.query_one("#err-deadline").render())
        assert deadline_day(ws) == 15
        day.value = "10"
        await pilot.press("ctrl+s", "ctrl+b")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert deadline_day(ws) == 10
    backup, _automatic = list_backups(ws)  # newest first: Ctrl+B, then the day's automatic one
    assert backup.parent == ws.data_dir / "backups" and backup.stat().st_size > 0


async def test_command_palette_matches_without_diacritics(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"luu bo loc")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ViewNumberDialog)


async def test_indicator_values_are_saved_with_the_progress(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "e", "right", "enter", "tab", *"50")
        form = app.screen
        assert isinstance(form, ProgressForm)
        widget = next(w for w in form.query(IndicatorInputs) if w.indicator.id == "one_stop")
        numerator, denominator = widget.query(Input)
        numerator.value, denominator.value = "120", "100"
        await pilot.press("ctrl+s")
        assert app.screen is form  # numerator above denominator is refused
        assert "lớn hơn mẫu số" in str(widget.query_one(".ind-error").render())
        numerator.value = "95"
        form.query_one("#result", TextArea).text = "Đã công khai"  # no empty-result warning
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
    [revision] = slot_history(ws, resolve_slot(ws, "so-noi-vu", "III.2", None))
    assert [(v.indicator_id, v.numerator, v.denominator) for v in revision.entry.indicators] == [
        ("one_stop", 95, 100)
    ]


async def test_settings_buttons_save_back_up_and_switch_theme(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        theme = app.theme
        app.screen.query_one("#theme", Button).press()
        await pilot.pause()
        assert app.theme != theme
        app.screen.query_one("#backup", Button).press()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#backups").render())
        assert "Bản sao lưu tốt gần nhất: " in shown and "2 bản (giữ 14)" in shown
        app.screen.query_one("#deadline", Input).value = "12"
        app.screen.query_one("#save", Button).press()
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert deadline_day(ws) == 12


async def test_theme_change_redraws_the_dashboard_without_reading_again(app, monkeypatch):
    from cchc_tui.screens import dashboard as module

    reads = []
    real = module.dashboard
    monkeypatch.setattr(module, "dashboard", lambda *a: reads.append(a) or real(*a))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert len(reads) == 1
        app.action_toggle_theme()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(reads) == 1 and app.screen.todo.row_count > 0
