"""The "Thư từ Sở Nội vụ" screen: opened with t from the dashboard, it lists what was
loaded with signer and date; a receipt path typed there is loaded; a bad file is refused."""

from __future__ import annotations

import datetime as dt

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.screens.letters import LettersScreen
from cchc_tui.services.workspace import open_workspace


def _text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


async def _open(installs, size):
    ws = open_workspace(installs.agency, Clock(dt.date(2025, 3, 14)))
    return ws, CchcApp(ws, agency_id="so-tu-phap", officer="Trần Văn B")


async def test_receipt_typed_on_the_letters_screen_is_loaded_and_listed(installs):
    installs.run(installs.agency, "office", "add", str(installs.office_key_file()), "--yes")
    [receipt] = installs.receipts()
    for size in ((80, 24), (100, 30)):
        ws, app = await _open(installs, size)
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.press("f2")
                await pilot.pause()
                await pilot.press("t")
                await pilot.pause()
                assert isinstance(app.screen, LettersScreen)
                text = _text(app)
                assert "Thư từ Sở Nội vụ" in text and "vân tay" in text
                app.screen.query_one("#letters-path").value = str(receipt)
                await pilot.press("enter")
                await pilot.pause()
                text = _text(app)
                assert "Biên nhận" in text
                assert "Quý I/2025: gói số 1, nhận 12/03/2025, đúng hạn" in text
                await pilot.press("escape")
                await pilot.pause()
                assert "Sở Nội vụ đã nhận gói số 1 ngày 12/03/2025, đúng hạn" in _text(app)
        finally:
            ws.db.close()


async def test_a_file_that_is_not_the_offices_is_refused_on_the_screen(installs, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"payloadType": "[b]x[/b]", "payload": "", "signatures": []}', "utf-8")
    ws, app = await _open(installs, (80, 24))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(LettersScreen(ws))
            await pilot.pause()
            app.screen.query_one("#letters-path").value = str(bad)
            await pilot.press("enter")
            await pilot.pause()
            assert "Chưa nạp thư nào" in _text(app)
            assert any("Không nạp" in str(n.message) for n in app._notifications)
    finally:
        ws.db.close()
