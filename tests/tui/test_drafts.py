"""A draft of the open form survives a crash and is offered on the next start."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

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
        await pilot.press("slash", *"iii.2", "enter", "e", "right", "enter", "tab", *"70")
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
        form.query_one("#result", TextArea).text = "Đã làm"  # no empty-result warning
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
        await pilot.press("slash", *"iii.2", "enter", "e", "right", "enter", "tab", *"35")
        await pilot.press("ctrl+q")
        await app.workers.wait_for_complete()
    drafts = pending_drafts(ws, "so-noi-vu", load_plan(ws).id)
    assert [(d.task_code, d.entry.progress) for d in drafts] == [("III.2", "35")]


async def test_an_unexpected_error_writes_the_open_form_to_its_draft_first(ws, monkeypatch):
    """No autosave tick runs here: the app's exception path writes what was just typed."""
    from cchc_tui.screens import progress_form
    from cchc_tui.widgets.evidence_row import EvidenceRow

    monkeypatch.setattr(progress_form, "AUTOSAVE_SECONDS", 3600.0)

    def broken(self) -> None:
        raise RuntimeError("lỗi thử khi thêm văn bản")

    monkeypatch.setattr(EvidenceRow, "focus_first", broken)
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    with pytest.raises(RuntimeError):  # Pilot re-raises it for the test
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("slash", *"iii.2", "enter", "e", "right", "enter", "tab", *"45")
            await pilot.press("tab", *"Vừa gõ xong")
            assert pending_drafts(ws, "so-noi-vu", load_plan(ws).id) == []  # no tick yet
            await pilot.press("ctrl+n")  # the error
            await pilot.pause()
    [draft] = pending_drafts(ws, "so-noi-vu", load_plan(ws).id)
    assert (draft.task_code, draft.entry.progress, draft.entry.result) == (
        "III.2",
        "45",
        "Vừa gõ xong",
    )


async def test_each_tick_writes_what_changed_and_nothing_while_nothing_changes(ws, monkeypatch):
    from cchc_tui.screens import progress_form

    assert progress_form.AUTOSAVE_SECONDS <= 1.0  # at most a second of typing at risk
    monkeypatch.setattr(progress_form, "AUTOSAVE_SECONDS", 3600.0)  # the test ticks by hand
    app = CchcApp(ws, agency_id="so-noi-vu", officer="Hoa")
    written = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "e")
        form = app.screen
        assert isinstance(form, ProgressForm)
        app.write_draft = written.append  # the drafts the ticks would write
        form._autosave_if_changed()
        assert written == []  # nothing typed
        await pilot.press("right", "enter", "tab", *"20")
        form._autosave_if_changed()
        await pilot.pause()
        form._autosave_if_changed()  # no key since the last tick
        await pilot.pause()
        assert [(m.entry.status, m.entry.progress) for m in written] == [("in_progress", "20")]
