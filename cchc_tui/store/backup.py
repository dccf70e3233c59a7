"""A consistent copy of the database file, made with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def copy_database(source: Path, target: Path) -> None:
    """Copy the database at `source` to `target` (a new file) as one self-contained file.

    The copy is taken page by page under SQLite's own locking, so it is consistent even
    while the program is writing; it is written beside `target` (owner-only from the
    start) and renamed into place.
    """
    partial = target.with_suffix(".partial")
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))  # owner-only
    src = sqlite3.connect(source)
    try:
        dest = sqlite3.connect(partial)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dest.close()
    finally:
        src.close()
    partial.replace(target)
