"""Invalid input is refused in place with nothing written; undo; --agency without a profile."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import RawEntry
from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.screens.task_detail import TaskDetailScreen
from cchc_tui.services.progress import record_progress, resolve_slot, slot_history
from cchc_tui.services.settings import get_profile
from cchc_tui.widgets.evidence_row import EvidenceRow

from .conftest import SIZE


async def open_form(pilot, code: str) -> ProgressForm:
    await pilot.press("slash", *code.lower(), "enter", "e")
    form = pilot.app.screen
    assert isinstance(form, ProgressForm)
    return form


def error_text(form: ProgressForm, selector: str) -> str:
    return str(form.query_one(selector, Static).render())


@pytest.mark.parametrize(
    ("keys", "selector", "reason"),
    [
        (["right", "enter", "tab", *"150"], "#err-progress", "150 không hợp lệ"),
        (
            ["down", "enter", "tab", "backspace", "backspace", "backspace", *"40"],
            "#err-progress",
            "cần tiến độ 100%",
        ),
    ],
    ids=["progress-150", "done-with-40"],
)
async def test_invalid_progress_is_refused_and_nothing_written(app, ws, keys, selector, reason):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "III.2")
        await pilot.press(*keys, "ctrl+s")
        await app.workers.wait_for_complete()
        assert app.screen is form  # still open, with the reason next to the field
        assert reason in error_text(form, selector)
        assert form.query_one("#progress", Input).has_class("-invalid")
    assert slot_history(ws, resolve_slot(ws, "so-noi-vu", "III.2", None)) == []


async def test_impossible_evidence_date_is_refused(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "III.2")
        await pilot.press("right", "enter", "tab", *"50")
        row = form.query_one(EvidenceRow)
        number, day, _ = row.query(Input)
        number.value, day.value = "56/kh-ubnd", "31/02/2025"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        assert app.screen is form
        assert "31/02/2025 không tồn tại" in str(row.query_one(".ev-error", Static).render())
        assert form.focused is day
    assert slot_history(ws, resolve_slot(ws, "so-noi-vu", "III.2", None)) == []


async def test_escape_asks_before_throwing_away_edits(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, "III.2")
        await pilot.press("right", "enter", "escape")
        assert app.screen is not form  # the question
        await pilot.press("n")  # keep editing
        assert app.screen is form
        await pilot.press("escape", "y")
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, ProgressForm)
    assert slot_history(ws, resolve_slot(ws, "so-noi-vu", "III.2", None)) == []


async def test_undo_restores_an_earlier_revision_as_a_new_one(app, ws):
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    record_progress(ws, slot, RawEntry(status="in_progress", progress="40", result="Bước 1"), "Hoa")
    record_progress(ws, slot, RawEntry(status="in_progress", progress="10", result="Nhầm"), "Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "enter")
        assert isinstance(app.screen, TaskDetailScreen)
        history = app.screen.query_one("#history", DataTable)
        assert history.row_count == 2
        history.focus()
        await pilot.press("down", "u", "y")  # the older one (lần 1), then confirm
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert history.row_count == 3
    revisions = slot_history(ws, slot)
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[-1].restored_from == 1
    assert revisions[-1].entry == revisions[0].entry


async def test_agency_option_without_profile_asks_the_name_at_first_save(ws):
    app = CchcApp(ws, agency_id="so-noi-vu", officer=None)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, "III.2")
        await pilot.press("enter", "ctrl+s")  # chưa triển khai, 0 %
        await pilot.press(*"Lan", "enter", "enter")
        await app.workers.wait_for_complete()
    history = slot_history(ws, resolve_slot(ws, "so-noi-vu", "III.2", None))
    assert [(r.entry.status, r.author) for r in history] == [("not_started", "Lan")]
    assert get_profile(ws).officer == "Lan"
