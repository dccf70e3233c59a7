"""A draft of the open form survives a crash and is offered on the next start."""

from __future__ import annotations

from textual.widgets import Input

from cchc_tui.app import CchcApp
from cchc_tui.screens.dialogs import DraftsDialog
from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.services.catalog import load_plan
from cchc_tui.services.drafts import pending_drafts
from cchc_tui.services.progress import resolve_slot, slot_history

from .conftest import SIZE, workspace


async def type_and_crash(ws) -> None:
    """Open III.2, type, let the autosave run, then drop the app without saving."""
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "e", "down", "enter", "tab", *"70")
        form = app.screen
        assert isinstance(form, ProgressForm)
        form.autosave()  # what the timer does every few seconds
        await pilot.pause()
        await app.workers.wait_for_complete()
    # leaving the context without closing the form is the crash: nothing dismissed it


async def test_draft_restored_after_a_crash(ws, data_dir):
    await type_and_crash(ws)
    plan_id = load_plan(ws).id
    drafts = pending_drafts(ws, "so-noi-vu", plan_id)
    assert [(d.task_code, d.entry.status, d.entry.progress) for d in drafts] == [
        ("III.2", "in_progress", "70")
    ]

    again = workspace(data_dir)
    app = CchcApp(again, agency_id="so-noi-vu", officer="Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsDialog)
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, ProgressForm)
        assert form.query_one("#progress", Input).value == "70"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
    history = slot_history(again, resolve_slot(again, "so-noi-vu", "III.2", None))
    assert [(r.entry.status, r.entry.progress) for r in history] == [("in_progress", 70)]
    assert pending_drafts(again, "so-noi-vu", plan_id) == []
    again.db.close()


async def test_draft_can_be_thrown_away(ws, data_dir):
    await type_and_crash(ws)
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsDialog)
        await pilot.press("x")
        await app.workers.wait_for_complete()
    assert pending_drafts(ws, "so-noi-vu", load_plan(ws).id) == []


async def test_quitting_with_an_open_form_keeps_it_as_a_draft(ws):
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "e", "down", "enter", "tab", *"35")
        await pilot.press("ctrl+q")
        await app.workers.wait_for_complete()
    drafts = pending_drafts(ws, "so-noi-vu", load_plan(ws).id)
    assert [(d.task_code, d.entry.progress) for d in drafts] == [("III.2", "35")]
