"""`cchc restore` while the app has the data open: refused (exit 3, one line), nothing
moved; it used to move the database aside under the app, whose next save went into the
file kept aside while the app said it was saved."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import progress
from cchc_tui.services.workspace import DB_NAME, open_workspace

from .conftest import FIXED_DAY, cchc, run


def test_restore_waits_for_the_app_to_close_then_refuses(data):
    made = cchc(data, "backup")
    assert made.code == 0, made.err
    backup = Path(made.out.strip().splitlines()[-1])
    ws = open_workspace(data, Clock(FIXED_DAY))  # the app, open in another window
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    progress.record_progress(ws, slot, RawEntry("in_progress", "60", "sau sao lưu"), "A")
    # (no State.of here: reading the database with a plain open() would drop this
    # process's SQLite locks, the very thing the restore looks for)
    inode = (data / DB_NAME).stat().st_ino

    done = cchc(data, "restore", str(backup), "--yes")
    assert done.code == 3 and "đóng các cửa sổ cchc khác" in done.line
    assert (data / DB_NAME).stat().st_ino == inode and not (data / "restore-kept").exists()

    progress.record_progress(ws, slot, RawEntry("in_progress", "70", "vẫn lưu vào tệp"), "A")
    ws.db.close()
    shown = run("progress", "show", "--agency", "so-noi-vu", "--task", "I.3", "--period",
                "2025-Q1", "--json", "--data-dir", str(data), "--today", FIXED_DAY.isoformat())  # fmt: skip
    assert "vẫn lưu vào tệp" in shown.out

    done = cchc(data, "restore", str(backup), "--yes")  # the app closed: it goes ahead
    assert done.code == 0, done.err
    assert (data / "restore-kept").is_dir()
