"""The database file itself: made owner-only under a temporary name and linked into place,
so `cchc.sqlite3` is never seen half-made; an empty or foreign file is refused, never
re-seeded; a failure to open it is a `DataFileError`, never a sqlite3 error."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from cchc_tui.store.database import Database
from cchc_tui.store.faults import DataFileError, database_fault
from cchc_tui.store.files import link_into_place, restrict_to_owner
from cchc_tui.store.migrate import SchemaTooNew

_OS_KINDS = {
    errno.EACCES: "no_access",
    errno.EPERM: "no_access",
    errno.EROFS: "readonly_fs",
    errno.ENOSPC: "full",
}
SIDE_FILES = ("-wal", "-shm", "-journal")


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _create(path: Path, prepare: Callable[[Database], None]) -> None:
    """Build a new database beside `path` (owner-only from the start: SQLite gives its
    -wal and -shm files the database file's permissions), then link it into place."""
    import tempfile

    _drop_leftovers(path.parent)
    fd, name = tempfile.mkstemp(prefix=".cchc-new-", suffix=".sqlite3", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        restrict_to_owner(tmp)
        db = Database(tmp)
        prepare(db)
        db.close()
        link_into_place(tmp, path)  # False: another copy of the program made it first
    finally:
        for leftover in (tmp, *(_side(tmp, s) for s in SIDE_FILES)):
            leftover.unlink(missing_ok=True)


def _drop_leftovers(folder: Path, older_than: float = 3600) -> None:
    """Delete databases a first start cut short left half-made (never one still in use:
    only those untouched for an hour), with their -wal and -shm files."""
    import time

    for leftover in folder.glob(".cchc-new-*.sqlite3"):
        try:
            if time.time() - leftover.stat().st_mtime > older_than:
                for file in (leftover, *(_side(leftover, s) for s in SIDE_FILES)):
                    file.unlink(missing_ok=True)
        except OSError:
            continue


def _check_existing(path: Path) -> None:
    """Refuse a folder or an empty file before SQLite opens it (a file that is not SQLite
    is refused by SQLite itself: `not_database`).

    Only `stat`: the file is never opened outside SQLite. On POSIX, closing any handle of
    a file drops every lock this process holds on it, so a plain `open()` here, while
    another connection of this process has the database open, lets a second program
    checkpoint and delete the -wal under that connection and its saves are lost.
    """
    if path.is_dir():
        raise DataFileError("not_database", path, "a folder")
    try:
        size = path.stat().st_size
    except PermissionError as exc:
        raise DataFileError("no_access", path, str(exc)) from exc
    if size == 0:
        raise DataFileError("empty", path)


def _tighten(path: Path) -> None:
    """Owner-only permissions on a file made by an older version (0644); best effort."""
    if os.name == "nt":
        return
    for file in (path, *(_side(path, s) for s in SIDE_FILES)):
        try:
            st = file.stat()
            if st.st_mode & 0o077 and st.st_uid == os.geteuid():
                restrict_to_owner(file)
        except OSError:
            continue


def open_data_file(path: Path, prepare: Callable[[Database], None]) -> Database:
    """Open the database at `path`, creating it first if there is none.

    `prepare(db)` migrates and seeds; it runs on the new file before it gets its name,
    and again (finding nothing to do) on every open.
    """
    db = Database(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create(path, prepare)
        _check_existing(path)
        prepare(db)
    except SchemaTooNew as exc:
        db.close()
        raise DataFileError("too_new", path, str(exc)) from exc
    except sqlite3.Error as exc:
        db.close()
        raise (database_fault(exc, path) or exc) from exc
    except OSError as exc:  # the folder cannot be made, listed or written
        kind = _OS_KINDS.get(exc.errno or 0)
        if kind is None:
            raise
        raise DataFileError(kind, path, str(exc)) from exc
    _tighten(path)
    return db
