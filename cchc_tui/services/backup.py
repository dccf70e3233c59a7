"""Backups of the local database: a consistent copy under a dated name in `backups/`."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.services.workspace import Workspace
from cchc_tui.store.backup import copy_database


def backups_dir(ws: Workspace) -> Path:
    """Folder where backups are written."""
    return ws.data_dir / "backups"


def backup_database(ws: Workspace) -> Path:
    """Copy the database to `backups/cchc-YYYYMMDD-HHMMSS.sqlite3`; returns the new file.

    The copy is taken page by page under SQLite's own locking, so it is consistent
    even while the program is writing; a name already taken gets a numeric suffix.
    """
    stamp = ws.clock.now_iso()[:19].replace("-", "").replace(":", "").replace("T", "-")
    folder = backups_dir(ws)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"cchc-{stamp}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"cchc-{stamp}-{n}.sqlite3"
    copy_database(ws.db.path, target)
    return target


def list_backups(ws: Workspace) -> list[Path]:
    """Existing backups, newest first."""
    folder = backups_dir(ws)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("cchc-*.sqlite3"), reverse=True)
