"""The dashboard's "Tạo báo cáo Word" key and the report settings in F5."""

from __future__ import annotations

from docx import Document
from textual.widgets import Input

from cchc_tui.screens.dialogs import ConfirmDialog
from cchc_tui.services.word import write as word_write
from cchc_tui.services.word.settings import report_settings

from .conftest import SIZE


async def test_w_writes_the_report_says_where_and_offers_to_open_it(app, ws, monkeypatch):
    opened = []
    monkeypatch.setattr(word_write, "open_in_default_program", lambda p: opened.append(p))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        target = ws.data_dir / "bao-cao" / f"bao-cao-{app.agency_id}-2025-Q1.docx"
        assert str(target) in dialog.question
        await pilot.press("y")
        await pilot.pause()
    assert opened == [target]
    assert "BÁO CÁO" in [p.text for p in Document(str(target)).paragraphs]


async def test_f5_saves_the_signer_and_section_iv_text(app, ws):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f5")
        app.screen.query_one("#report-signer_name", Input).value = "Trần Thị B"
        app.screen.query_one("#report-next_steps", Input).value = "[b]Tập trung[/b]"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = report_settings(ws)
    assert (saved.signer_name, saved.next_steps) == ("Trần Thị B", "[b]Tập trung[/b]")
