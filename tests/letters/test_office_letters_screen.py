"""Gửi các cơ quan (l on the office's F7 home): the office key's fingerprint, receipts of
the period written with the passphrase typed there; a wrong passphrase writes nothing."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import Input

from cchc_tui.domain.clock import Clock
from cchc_tui.screens.office import OfficeHomeScreen
from cchc_tui.screens.office.letters import OfficeLettersScreen
from cchc_tui.services.office.office_key import office_key
from cchc_tui.services.workspace import open_workspace


class Host(App):
    def __init__(self, ws) -> None:
        super().__init__()
        self.ws = ws

    def on_mount(self) -> None:
        self.push_screen(OfficeHomeScreen(self.ws))


def _text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


async def _settle(app, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_receipts_written_from_the_office_screen(installs):
    ws = open_workspace(installs.office, Clock(dt.date(2025, 3, 14)))  # period 2025-Q1
    out = installs.tmp / "from-app"
    try:
        app = Host(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            await _settle(app, pilot)
            await pilot.press("l")
            await _settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, OfficeLettersScreen)
            assert office_key(ws).fingerprint in _text(app)
            screen.query_one("#office-letters-out", Input).value = str(out)
            screen.query_one("#office-letters-pass", Input).value = "sai mat khau"
            screen.query_one("#receipts").press()
            await _settle(app, pilot)
            assert not out.exists() or not list(out.iterdir())
            assert any("Không làm được" in str(n.message) for n in app._notifications)
            screen.query_one("#office-letters-pass", Input).value = "mat khau thu nghiem"
            screen.query_one("#receipts").press()
            await _settle(app, pilot)
            assert [p.name for p in out.iterdir()] == ["so-tu-phap_2025-Q1_bien-nhan_0001.json"]
    finally:
        ws.db.close()
