"""A way round every key a Windows console, Windows Terminal or a laptop may swallow.

F-keys often need Fn on laptops (F1..F6 are volume and brightness there) and Windows
Terminal keeps F11 and Alt+Enter for itself; Ctrl+letter chords reach the app in conhost
and in Windows Terminal alike, but a keyboard hook (Unikey, a screen reader) may take one.
So: each F-key and Ctrl chord of the app is also a palette command (Ctrl+P, typed without
diacritics), and a form's Ctrl+S is also its "Lưu" button. docs/windows.md has the table.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button

from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.services.progress import resolve_slot, slot_history

from .conftest import SIZE


def chorded(key: str) -> bool:
    """An F-key or a Ctrl chord: the keys some keyboards or consoles do not pass on."""
    return key.startswith("ctrl+") or (key.startswith("f") and key[1:].isdigit())


async def test_each_function_key_and_ctrl_chord_of_the_app_is_a_palette_command(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.is_office = True  # F7 is offered on the office's install only
        offered = {command.callback.__name__ for command in app.palette_commands(app.screen)}
    for binding in app.BINDINGS:
        if binding.action == "command_palette" or not any(map(chorded, binding.key.split(","))):
            continue
        assert f"action_{binding.action}" in offered, binding.key


@pytest.mark.parametrize(
    ("typed", "opens"),
    [
        ("tro giup", "HelpScreen"),
        ("cai dat", "SettingsScreen"),
        ("xuat goi", "ExportScreen"),
        ("chon ky", "PeriodPicker"),
    ],
)
async def test_the_palette_opens_what_a_function_key_opens(app, typed, opens):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *typed)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == opens


async def test_the_palette_reaches_the_dashboard_and_quits(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"tong quan")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "dashboard"
        await pilot.press("ctrl+p", *"thoat")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not app.is_running


async def test_the_form_saves_from_its_button_without_ctrl_s(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"i.6", "enter", "e", "right", "enter", "tab", *"50")
        form = app.screen
        assert isinstance(form, ProgressForm)
        form.query_one("#result").text = "Đã tuyên truyền"  # no empty-result warning
        form.query_one("#save", Button).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ProgressForm)
    [revision] = slot_history(ws, resolve_slot(ws, "so-noi-vu", "I.6", None))
    assert revision.entry.progress == 50
