"""Backups of the local database: a consistent copy made with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cchc_tui.services.workspace import Workspace


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
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(ws.db.path)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dest.close()
    finally:
        source.close()
    partial.replace(target)
    return target


def list_backups(ws: Workspace) -> list[Path]:
    """Existing backups, newest first."""
    folder = backups_dir(ws)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("cchc-*.sqlite3"), reverse=True)
