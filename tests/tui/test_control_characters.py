"""Text pasted with invisible control characters: the form names them, offers to remove them;
`cchc progress set` refuses them (exit 2) naming the field and the character."""

from __future__ import annotations

import subprocess
import sys

from textual.widgets import Static, TextArea

from cchc_tui.screens.dialogs import ConfirmDialog
from cchc_tui.services.progress import resolve_slot, slot_history

from .conftest import SIZE
from .test_progress_form import open_form

PASTED = "Thiếu người\vcần bổ sung\x07"


async def test_the_form_names_control_characters_and_removes_them_when_asked(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "III.2")
        await pilot.press("right", "enter", "tab", *"50")
        form.query_one("#difficulties", TextArea).text = PASTED
        form.query_one("#result", TextArea).text = "Đã bổ sung"  # no empty-result warning
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(Static).render())
        assert "U+0007 (␇)" in question  # (the text area itself breaks the line at \v)
        error = str(form.query_one("#err-difficulties", Static).render())
        assert error.startswith("Khó khăn có ký tự điều khiển") and "U+0007" in error
        await pilot.click("#yes")
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#difficulties", TextArea).text == "Thiếu người\ncần bổ sung"
        assert str(form.query_one("#err-difficulties", Static).render()) == ""
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    [saved] = slot_history(ws, resolve_slot(ws, "so-noi-vu", "III.2", None))
    assert saved.entry.difficulties == "Thiếu người\ncần bổ sung"


async def test_keeping_the_text_leaves_it_for_the_officer_to_fix(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "III.2")
        await pilot.press("right", "enter", "tab", *"50")
        form.query_one("#result", TextArea).text = PASTED
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#no")
        await pilot.pause()
        assert app.screen is form
        assert "\x07" in form.query_one("#result", TextArea).text  # left as it was
    assert slot_history(ws, resolve_slot(ws, "so-noi-vu", "III.2", None)) == []


def test_progress_set_refuses_control_characters_naming_field_and_character(tmp_path):
    data = str(tmp_path / "data")

    def cchc(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "cchc_tui", *args, "--data-dir", data, "--today", "2025-03-10"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    assert cchc("init", "--agency", "so-noi-vu", "--officer", "Nguyễn Văn A").returncode == 0
    base = ["progress", "set", "--task", "III.2", "--period", "2025-Q1", "--status", "in_progress"]
    run = cchc(*base, "--progress", "40", "--proposals", "Đề nghị\vbổ sung")
    assert run.returncode == 2 and run.stdout == ""
    [line] = run.stderr.splitlines()
    assert line.startswith("Lỗi: Đề xuất có ký tự điều khiển")
    assert "U+000B (xuống dòng của Word, Shift+Enter)" in line
    shown = cchc("progress", "show", "--task", "III.2", "--period", "2025-Q1", "--json")
    assert shown.returncode == 0 and "Đề nghị" not in shown.stdout  # nothing was written
