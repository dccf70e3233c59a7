"""Where the keyboard is, at 80x24: the status group moves as drawn and keeps what is typed,
radio buttons and check boxes read without colour, fields don't select all on focus, and the
focused field is marked by a character, not only a colour."""

from __future__ import annotations

import pytest
from textual.widgets import Input, RadioButton, TextArea

from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.screens.settings import SettingsScreen
from cchc_tui.services.settings import get_profile, save_profile
from cchc_tui.widgets.toggles import GridRadioSet, MarkedCheckbox

from .conftest import SIZE, screen_lines, screen_text


async def open_form(pilot) -> ProgressForm:
    await pilot.press("slash", *"iii.2", "enter", "e")
    form = pilot.app.screen
    assert isinstance(form, ProgressForm)
    return form


def cursor_label(status: GridRadioSet) -> str:
    """The status the cursor is on (drawn highlighted), not necessarily the chosen one."""
    [button] = [b for b in status.query(RadioButton) if b.has_class("-selected")]
    return str(button.label)


async def test_arrow_keys_move_in_the_status_grid_as_it_is_drawn(app):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        status = form.query_one(GridRadioSet)
        assert form.focused is status
        seen = []
        for key in ("right", "right", "down", "down", "left", "up", "left"):
            await pilot.press(key)
            seen.append(cursor_label(status))
        assert seen == [
            "đang triển khai",  # right of "chưa triển khai"
            "đang triển khai",  # the row's end: stays
            "không phát sinh",  # below
            "không phát sinh",  # the last row: stays
            "hoàn thành",
            "chưa triển khai",
            "chưa triển khai",
        ]
        await pilot.press("down", "space")
        assert status.pressed_index == 2  # hoàn thành, chosen with Space
        assert form.query_one("#progress", Input).value == "100"


async def test_keys_typed_on_the_status_group_go_to_the_field_they_belong_in(app):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press(*"40")
        progress = form.query_one("#progress", Input)
        assert (progress.value, form.focused) == ("40", progress)
        form.query_one(GridRadioSet).focus()
        await pilot.press(*"Đã xong bước 1")
        result = form.query_one("#result", TextArea)
        assert (result.text, form.focused) == ("Đã xong bước 1", result)


async def test_radio_buttons_read_without_colour(app):
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot)
        await pilot.press("right", "enter")
        text = screen_text(app)
        assert "( ) chưa triển khai" in text and "(•) đang triển khai" in text
        assert "▐●▌" not in text


async def test_the_resend_check_box_reads_without_colour(app):
    async with app.run_test(size=SIZE):
        box = MarkedCheckbox("Ký lại thành gói số mới")
        await app.screen.mount(box)
        assert str(box.render()).startswith("[ ] Ký lại")
        box.toggle()
        assert str(box.render()).startswith("[x] Ký lại")


@pytest.mark.parametrize("size", [SIZE, (100, 30)], ids=["80x24", "100x30"])
async def test_a_field_is_not_selected_on_focus_so_a_key_does_not_replace_it(app, ws, size):
    """Chức vụ was overwritten with "25" and saved: typing now adds to what is there."""
    save_profile(ws, "so-noi-vu", "Nguyễn Thị Hoa", "Chuyên viên")
    app.officer_title = "Chuyên viên"
    async with app.run_test(size=size) as pilot:
        await pilot.press("f5")
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("tab")  # from the name to the title
        title = app.screen.query_one("#title", Input)
        assert app.screen.focused is title and title.selected_text == ""
        await pilot.press(*" 25", "ctrl+s")
        await app.workers.wait_for_complete()
    assert get_profile(ws).title == "Chuyên viên 25"


async def test_the_focused_field_is_marked_by_a_bar_not_only_a_colour(app):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        lines = screen_lines(app)
        status_rows = [line for line in lines if "chưa triển khai" in line or "hoàn thành" in line]
        assert all("▌(" in line for line in status_rows)  # the status group has the cursor
        await pilot.press("tab")
        progress = form.query_one("#progress", Input)
        assert form.focused is progress
        [row] = [i for i, line in enumerate(screen_lines(app)) if "Tiến độ (%" in line]
        assert "▌" in screen_lines(app)[row + 1]  # the line under the label: the field
        assert not any("▌(" in line for line in screen_lines(app))  # moved off the status
