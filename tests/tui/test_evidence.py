"""Evidence documents in the progress form: added and filled from any screen, at 80x24 and
100x30; removal asks first and can be taken back; a row is readable before it is composed."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from cchc_tui.domain.progress import RawEntry
from cchc_tui.screens.dialogs import ConfirmDialog
from cchc_tui.screens.progress_form import ProgressForm
from cchc_tui.services.progress import record_progress, resolve_slot, slot_history
from cchc_tui.widgets.evidence_row import EvidenceRow

from .conftest import SIZE, screen_text

DOCS = [
    ("12/KH-SNV", "05/03/2025", "Kế hoạch tuyên truyền"),
    ("15/BC-SNV", "08/03/2025", "Báo cáo"),
]


async def open_form_from(pilot, start: str) -> ProgressForm:
    """F3 then `e` on III.2, or F2 then `e` on the first task to do."""
    if start == "tasks":
        await pilot.press("f3", "slash", *"iii.2", "enter", "e")
    else:
        await pilot.press("f2", "e")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ProgressForm)
    return form


async def add_document(pilot, number: str, day: str, summary: str) -> None:
    await pilot.press("ctrl+n", *number, "tab", *day, "tab", *summary)


@pytest.mark.parametrize("size", [SIZE, (100, 30)], ids=["80x24", "100x30"])
@pytest.mark.parametrize("start", ["tasks", "dashboard"])
async def test_two_evidence_documents_are_added_filled_and_saved(app, ws, size, start):
    async with app.run_test(size=size) as pilot:
        form = await open_form_from(pilot, start)
        code = form.context.slot.task_code
        await pilot.press("right", "enter", "tab", *"30")  # đang triển khai, 30 %
        for doc in DOCS:
            await add_document(pilot, *doc)
        rows = list(form.query(EvidenceRow))
        assert [row.values for row in rows] == DOCS  # the first Ctrl+N used the empty row
        assert form.focused is rows[-1].query_one(".ev-summary", Input)
        form.query_one("#result", TextArea).text = "Đã tuyên truyền"  # no empty-result warning
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ProgressForm)
    [revision] = slot_history(ws, resolve_slot(ws, "so-noi-vu", code, None))
    assert [(e.number, e.summary) for e in revision.entry.evidence] == [
        (number, summary) for number, _, summary in DOCS
    ]


async def test_a_third_document_after_two_saved_ones_gets_the_cursor(app, ws):
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    record_progress(ws, slot, RawEntry("in_progress", "40", evidence=[*DOCS]), "Hoa")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form_from(pilot, "tasks")
        await add_document(pilot, "20/TB-SNV", "09/03/2025", "Thông báo")
        rows = list(form.query(EvidenceRow))
        assert [row.values for row in rows] == [*DOCS, ("20/TB-SNV", "09/03/2025", "Thông báo")]
        assert form.collect().evidence[-1] == ("20/TB-SNV", "09/03/2025", "Thông báo")


def test_a_row_not_composed_yet_reads_as_created():
    """The autosave may read a row between its mount and its compose: no query fails."""
    row = EvidenceRow("56/KH-UBND", "20/05/2020", "Kế hoạch")
    assert row.values == ("56/KH-UBND", "20/05/2020", "Kế hoạch")
    assert row.filled and not EvidenceRow().filled
    row.show_errors("sai", "sai")  # nothing to mark yet, and no error
    assert row.first_invalid() is None


async def press_remove(pilot, form: ProgressForm, index: int) -> None:
    button = list(form.query(EvidenceRow))[index].query_one(".ev-remove")
    button.focus()
    await pilot.press("enter")
    await pilot.pause()


async def test_removing_a_filled_document_asks_first_and_can_be_taken_back(app, ws):
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    record_progress(ws, slot, RawEntry("in_progress", "40", evidence=[*DOCS]), "Hoa")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form_from(pilot, "tasks")
        await press_remove(pilot, form, 0)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Bỏ văn bản “12/KH-SNV” khỏi mẫu?" in screen_text(app)
        await pilot.press("n")  # "Giữ lại"
        assert app.screen is form and len(form.query(EvidenceRow)) == 2

        await press_remove(pilot, form, 0)
        await pilot.press("y")
        await pilot.pause()
        assert [row.values for row in form.query(EvidenceRow)] == DOCS[1:]
        assert "Ctrl+Z Lấy lại văn bản" in screen_text(app)  # the footer offers it
        assert form.focused is form.query_one("#undo-remove")

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [row.values for row in form.query(EvidenceRow)] == DOCS  # back where it was
        assert not form.query_one("#undo-remove").display
        assert form.focused is form.query(EvidenceRow).first().query_one(".ev-number")
        assert not form.dirty
    assert len(slot_history(ws, slot)) == 1  # nothing was saved meanwhile


async def test_an_empty_row_goes_without_a_question(app):
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form_from(pilot, "tasks")
        await press_remove(pilot, form, 0)
        assert app.screen is form
        assert len(form.query(EvidenceRow)) == 0
        assert form.focused is form.query_one("#add-evidence")
        assert "Ctrl+Z" not in screen_text(app).splitlines()[-2]  # nothing to take back
