"""A damaged, empty, foreign, newer or locked `cchc.sqlite3`: one line, exit 3, the
traceback in the log, and the file exactly as it was (never re-seeded)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from .conftest import LOG, TODAY, State, cchc, logged

DB = "cchc.sqlite3"
READ = ("tasks", "--agency", "so-noi-vu")
WRITE = (
    "progress", "set", "--agency", "so-noi-vu", "--task", "I.3", "--period", "2025-Q1",
    "--status", "done", "--progress", "100", "--result", "Xong",
)  # fmt: skip
COMMANDS = pytest.mark.parametrize("command", [READ, WRITE], ids=["read", "write"])


def _fault(data, command, expect: str) -> str:
    """Run `command` on the broken folder; check the line, exit 3, the log, nothing changed."""
    before = State.of(data)
    done = cchc(data, *command)
    assert done.code == 3, done.err
    assert expect in done.line
    assert done.line.endswith(f"Chi tiết kỹ thuật: {data / LOG}")
    log = logged(data)
    assert "Traceback (most recent call last)" in log and done.line.split(" Chi tiết")[0] in log
    assert State.of(data) == before
    return done.line


@COMMANDS
def test_an_empty_database_is_refused_never_seeded_as_a_new_install(data, command):
    (data / DB).write_bytes(b"")
    line = _fault(data, command, "rỗng (0 byte)")
    assert "không tạo dữ liệu mới" in line and "chưa có bản sao lưu nào" in line
    assert (data / DB).stat().st_size == 0  # the profile is not silently replaced


def test_the_empty_database_line_names_the_newest_backup(data):
    backups = data / "backups"
    backups.mkdir()
    for name in ("cchc-20250301-090000.sqlite3", "cchc-20250308-170000.sqlite3"):
        (backups / name).write_bytes(b"SQLite format 3\x00")
    (data / DB).write_bytes(b"")
    line = _fault(data, READ, "rỗng (0 byte)")
    assert "cchc-20250308-170000.sqlite3" in line and "đè lên tệp này" in line


@COMMANDS
def test_a_file_that_is_not_a_database(data, command):
    (data / DB).write_bytes(os.urandom(64 * 1024))
    _fault(data, command, "không phải tệp dữ liệu của cchc")


def test_a_text_file_in_place_of_the_database(data):
    (data / DB).write_text("Báo cáo quý I\n", encoding="utf-8")
    _fault(data, WRITE, "không phải tệp dữ liệu của cchc")


def test_a_folder_in_place_of_the_database(data):
    (data / DB).unlink()
    (data / DB).mkdir()
    _fault(data, READ, "không phải tệp dữ liệu của cchc")


@COMMANDS
def test_a_truncated_database(data, command):
    raw = (data / DB).read_bytes()
    (data / DB).write_bytes(raw[: len(raw) // 2])
    _fault(data, command, "bị hỏng")


@COMMANDS
def test_a_database_with_damaged_pages(data, command):
    raw = bytearray((data / DB).read_bytes())
    raw[4096 : 4096 * 12] = b"\xa5" * (4096 * 11)  # the pages after the first
    (data / DB).write_bytes(bytes(raw))
    _fault(data, command, "bị hỏng")


def test_a_database_written_by_a_newer_program(data):
    conn = sqlite3.connect(data / DB)
    conn.execute("PRAGMA user_version=99")
    conn.close()
    _fault(data, WRITE, "phiên bản cchc mới hơn")


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("LOCKED", flush=True)
    time.sleep(60)
    """
)
SHORT_TIMEOUT = textwrap.dedent(
    """
    import sys
    import cchc_tui.store.database as database
    database.BUSY_TIMEOUT_MS = 500  # the real 15 s wait, shortened for the test
    from cchc_tui.cli.main import main
    raise SystemExit(main(sys.argv[1:]))
    """
)


def test_a_write_lock_held_longer_than_the_busy_timeout(data):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data / DB)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "LOCKED"
        before = State.of(data)
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                SHORT_TIMEOUT,
                *WRITE,
                "--data-dir",
                str(data),
                "--today",
                TODAY,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 3, proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith(f"Lỗi: tệp dữ liệu {data / DB} đang được một cửa sổ cchc khác ghi")
    assert "đóng các cửa sổ cchc khác" in line and str(data / LOG) in line
    assert "database is locked" in logged(data)
    assert State.of(data) == before
    assert cchc(data, *WRITE).code == 0  # once the other copy is gone, the save goes through


FIRST_START_KILLED = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    import cchc_tui.store.seeding as seeding
    def die(*args, **kwargs):
        os._exit(9)  # the power goes out while the new database is being seeded
    seeding._load_plan = die
    from cchc_tui.services.workspace import open_workspace
    open_workspace(Path(sys.argv[1]))
    """
)


def test_a_first_start_cut_short_leaves_no_half_made_database(tmp_path):
    folder = tmp_path / "fresh"
    proc = subprocess.run([sys.executable, "-c", FIRST_START_KILLED, str(folder)])
    assert proc.returncode == 9
    assert not (folder / DB).exists()  # never an empty or half-seeded cchc.sqlite3
    [leftover] = folder.glob(".cchc-new-*.sqlite3")
    os.utime(leftover, (0, 0))  # cut short long ago, not another copy starting now
    done = cchc(folder, *READ)
    assert done.code == 0 and "I.3" in done.out
    assert not list(folder.glob(".cchc-new-*"))


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_database_and_its_wal_are_readable_by_their_owner_only(tmp_path):
    from cchc_tui.services.workspace import open_workspace

    ws = open_workspace(tmp_path / "data")
    with ws.db.read() as conn:
        conn.execute("SELECT 1").fetchone()
        modes = {
            p.name: p.stat().st_mode & 0o777
            for p in (tmp_path / "data").iterdir()
            if p.name.startswith(DB)
        }
    ws.db.close()
    assert modes == {DB: 0o600, f"{DB}-wal": 0o600, f"{DB}-shm": 0o600}
    (tmp_path / "data" / DB).chmod(0o644)  # made by an older version
    open_workspace(tmp_path / "data").db.close()
    assert (tmp_path / "data" / DB).stat().st_mode & 0o777 == 0o600
