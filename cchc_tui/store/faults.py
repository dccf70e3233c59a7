"""Faults of the data file, named without SQL: the layers above never see a sqlite3 error.

`DataFileError.kind` is one of `KINDS`; services/faults.py words each for the officer.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from cchc_tui.store.location import folder_condition

KINDS = frozenset(
    {
        "empty",  # zero-length cchc.sqlite3: never re-seeded as a new install
        "not_database",  # not an SQLite file (or a folder of that name)
        "corrupt",  # damaged pages, truncated file
        "too_new",  # written by a newer program
        "locked",  # another copy kept the write lock past the busy timeout
        "full",  # the disk is full
        "io",  # the disk failed a read or write
        "readonly_fs",  # the folder is on a read-only file system
        "no_access",  # this account may not read or write the file or folder
        "readonly_file",  # the file itself is marked read-only
        "cantopen",  # the file cannot be opened, no cause found
    }
)

# SQLite primary result codes (https://sqlite.org/rescode.html).
_BY_CODE = {
    3: "no_access",  # SQLITE_PERM
    5: "locked",  # SQLITE_BUSY
    6: "locked",  # SQLITE_LOCKED
    8: "readonly",  # SQLITE_READONLY
    10: "io",  # SQLITE_IOERR
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "cantopen",  # SQLITE_CANTOPEN
    23: "no_access",  # SQLITE_AUTH
    26: "not_database",  # SQLITE_NOTADB
}
# The same, from the message (Python 3.10 has no `sqlite_errorcode`).
_BY_TEXT = (
    ("database is locked", "locked"),
    ("database table is locked", "locked"),
    ("database or disk is full", "full"),
    ("disk i/o error", "io"),
    ("malformed", "corrupt"),
    ("file is not a database", "not_database"),
    ("readonly database", "readonly"),
    ("unable to open database", "cantopen"),
)


class DataFileError(Exception):
    """The data file (or its folder) cannot be used; `kind` says why, `path` which file."""

    def __init__(self, kind: str, path: Path, detail: str = "") -> None:
        assert kind in KINDS, kind
        super().__init__(f"{kind}: {path}" + (f" ({detail})" if detail else ""))
        self.kind = kind
        self.path = Path(path)
        self.detail = detail


def sqlite_error_in(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind `exc`: itself, SQLAlchemy's `.orig`, or a cause in its chain."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)
        if isinstance(orig, sqlite3.Error):
            return orig
        current = current.__cause__ or current.__context__
    return None


def _kind_of(error: sqlite3.Error) -> str | None:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _BY_CODE:
        return _BY_CODE[code & 0xFF]
    text = str(error).lower()
    return next((kind for needle, kind in _BY_TEXT if needle in text), None)


def database_fault(exc: BaseException, path: Path) -> DataFileError | None:
    """`exc` as a fault of the database file at `path`, or None if it is not one (a bug).

    A refused write or open is told by its cause in the folder (read-only disk, no
    permission, full disk) when one is seen.
    """
    if isinstance(exc, DataFileError):
        return exc
    error = sqlite_error_in(exc)
    if error is None:
        return None
    kind = _kind_of(error)
    if kind is None:
        return None
    if kind in ("readonly", "cantopen", "io"):
        kind = _cause_in_folder(path, kind)
    return DataFileError(kind, path, str(error))


def _cause_in_folder(path: Path, kind: str) -> str:
    """What the file system says about a refused open or write of `path`."""
    seen = folder_condition(path.parent)
    if seen is not None:
        return seen
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        return "no_access"
    return "readonly_file" if kind == "readonly" else kind
