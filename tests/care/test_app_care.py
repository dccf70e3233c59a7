"""The app's care at start-up: the day's backup once, and a banner when data is at risk."""

from __future__ import annotations

import sqlite3

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.services.backup import list_backups
from cchc_tui.services.workspace import DB_NAME, open_workspace

from .conftest import DAY


def _app(folder):
    ws = open_workspace(folder, Clock(DAY))
    return ws, CchcApp(ws, agency_id="so-noi-vu", officer="Nguyễn Thị Hoa")


async def test_first_start_of_the_day_makes_one_backup_and_shows_no_banner(tmp_path, seeded):
    ws, app = _app(seeded(tmp_path / "data"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(list_backups(ws)) == 1
        assert not app._notifications
    ws2, again = _app(ws.data_dir)  # a second start the same day: no second backup
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await again.workers.wait_for_complete()
        assert len(list_backups(ws2)) == 1
    ws.db.close()
    ws2.db.close()


async def test_a_damaged_database_gets_a_banner_that_names_doctor_and_no_backup(tmp_path, seeded):
    folder = seeded(tmp_path / "data")
    conn = sqlite3.connect(folder / DB_NAME)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'rejected_file_period'"
    ).fetchone()[0]
    conn.close()
    with open(folder / DB_NAME, "r+b") as handle:
        handle.seek((root - 1) * size)
        handle.write(b"\x00\xff\xff\xff")
    ws, app = _app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        [note] = [n for n in app._notifications if n.severity == "error"]
        assert "bị hỏng" in note.message and "cchc doctor" in note.message
        assert list_backups(ws) == []  # never a backup of a damaged file
    ws.db.close()
