"""services/faults.py on its own: every kind has its words and exit code; the log is
owner-only and bounded; a fault never raises while it is being reported."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

from cchc_tui.services import faults
from cchc_tui.store.faults import KINDS, DataFileError, database_fault


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_data_file_kind_has_one_line_and_exit_3(kind, tmp_path):
    fault = faults.describe(DataFileError(kind, tmp_path / "cchc.sqlite3"), tmp_path)
    assert (fault.kind, fault.exit_code) == (kind, 3)
    assert fault.line.startswith("Lỗi: ") and "\n" not in fault.line
    assert str(tmp_path) in fault.message  # says which file or folder


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("database is locked", "locked"),
        ("database or disk is full", "full"),
        ("database disk image is malformed", "corrupt"),
        ("file is not a database", "not_database"),
    ],
)
def test_sqlite_errors_are_named_without_sql_above_the_store(message, kind, tmp_path):
    error = sqlite3.OperationalError(message)
    wrapped = RuntimeError("raised while handling it")
    wrapped.__cause__ = error
    for exc in (error, wrapped):
        found = database_fault(exc, tmp_path / "cchc.sqlite3")
        assert found is not None and found.kind == kind
    assert database_fault(sqlite3.IntegrityError("UNIQUE constraint failed"), tmp_path) is None


class WindowsError_(OSError):
    """An OSError as Windows raises it, with its `winerror` (POSIX has no such attribute)."""

    def __init__(self, code: int, winerror: int, filename: str) -> None:
        super().__init__(code, "Windows", filename)
        self.winerror = winerror


@pytest.mark.parametrize(
    ("exc", "kind", "code"),
    [
        (OSError(errno.ENOSPC, "No space", "/d/x"), "full", 3),
        (OSError(errno.EROFS, "Read-only", "/d/x"), "readonly_fs", 3),
        (PermissionError(errno.EACCES, "Denied", "/d/x"), "no_access", 3),
        (OSError(errno.ENAMETOOLONG, "Too long", "/d/" + "x" * 300), "name_too_long", 2),
        (WindowsError_(errno.EACCES, 32, "C:\\bao-cao.xlsx"), "held_open", 3),
        (WindowsError_(errno.ENOENT, 206, "C:\\dai"), "name_too_long", 2),
        (OSError(errno.EIO, "I/O", "/d/x"), "io", 3),
        (OSError(errno.ELOOP, "Loop", "/d/x"), "os", 3),
    ],
)
def test_file_system_errors(exc, kind, code, tmp_path):
    fault = faults.describe(exc, tmp_path)
    assert (fault.kind, fault.exit_code) == (kind, code)
    assert len(fault.line) < 400  # a 300-character name is shortened in the line


def test_an_unknown_error_is_a_bug_told_plainly(tmp_path):
    fault = faults.describe(KeyError("x"), tmp_path)
    assert (fault.kind, fault.exit_code) == ("unexpected", 3)
    assert "(KeyError)" in fault.message and "vẫn còn nguyên" in fault.message


def test_the_log_is_owner_only_bounded_and_never_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(faults, "LOG_MAX_BYTES", 2000)
    for n in range(30):
        try:
            raise ValueError(f"lần {n}")
        except ValueError as exc:
            path = faults.write_log(exc, tmp_path, line="Lỗi: thử", command="cchc tasks")
    assert path == tmp_path / "logs" / "cchc-errors.log"
    logs = sorted(p.name for p in path.parent.iterdir())
    assert logs == ["cchc-errors.log", "cchc-errors.log.1"]  # one older generation only
    assert all((path.parent / n).stat().st_size < 4000 for n in logs)
    assert "ValueError: lần 29" in path.read_text("utf-8")
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o600
    missing = tmp_path / "khong-co"
    assert faults.write_log(ValueError(), missing, line="") is None and not missing.exists()


def test_report_adds_the_log_file_to_the_line(tmp_path):
    try:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))
    except OSError as exc:
        fault = faults.report(exc, tmp_path, command="cchc progress set")
    assert fault.line.endswith(f"Chi tiết kỹ thuật: {tmp_path / 'logs' / 'cchc-errors.log'}")
    assert "lệnh: cchc progress set" in Path(fault.log).read_text("utf-8")
