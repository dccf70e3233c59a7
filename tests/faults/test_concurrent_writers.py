"""The app (in this process) and `cchc progress set` processes save to one data folder at
once: the file stays sound and every save is there.

The data folder is opened a second time in this process mid-way, as a test calling the CLI
in-process does: that open used to read the file's header with a plain `open()`, whose
close dropped this process's SQLite locks (POSIX locks belong to the process, not the
handle); a `cchc` process ending then took the file for unused, checkpointed and deleted
the -wal under the open workspace: its saves were lost (16 of 40 revisions left with
integrity_check "ok") or the next open failed with "disk I/O error".
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading

import pytest

from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import progress
from cchc_tui.services.workspace import DB_NAME, open_workspace

from .conftest import FIXED_DAY, TODAY, run

IN_PROCESS_SAVES = 12
TASKS = ("I.3", "I.3", "I.6", "I.7")  # two in the slot the app writes


def _set(data, task: str, result: str) -> subprocess.Popen:
    """`cchc progress set` in a fresh process, not waited for."""
    return subprocess.Popen(
        [sys.executable, "-m", "cchc_tui", "progress", "set", "--agency", "so-noi-vu",
         "--task", task, "--period", "2025-Q1", "--status", "in_progress",
         "--progress", "50", "--result", result, "--data-dir", str(data), "--today", TODAY],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def _results(data) -> list[str]:
    conn = sqlite3.connect(data / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [r[0] for r in conn.execute("SELECT result FROM revision")]
    finally:
        conn.close()


def test_saves_of_the_app_and_of_cchc_processes_at_once_are_all_kept(data):
    ws = open_workspace(data, Clock(FIXED_DAY))
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    entry = lambda i: RawEntry(status="in_progress", progress="40", result=f"app {i}")  # noqa: E731
    progress.record_progress(ws, slot, entry(0), "A")
    open_workspace(data, Clock(FIXED_DAY))  # a second open in this process, as main([...])
    first = _set(data, "I.3", "cchc first")  # ends before the app saves again
    assert first.wait(timeout=120) == 0, first.stderr.read().decode("utf-8", "replace")
    failures: list[BaseException] = []

    def app_saves() -> None:
        try:
            for i in range(1, IN_PROCESS_SAVES):
                progress.record_progress(ws, slot, entry(i), "A")
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    writer = threading.Thread(target=app_saves)
    procs = [_set(data, task, f"cchc {n} {task}") for n, task in enumerate(TASKS)]
    writer.start()
    for proc in procs:
        err = proc.communicate(timeout=120)[1].decode("utf-8", "replace")
        assert proc.returncode == 0, err
    writer.join(timeout=120)
    assert not failures, failures
    progress.record_progress(ws, slot, entry(IN_PROCESS_SAVES), "A")  # after they all ended
    ws.db.close()

    results = _results(data)
    for i in range(IN_PROCESS_SAVES + 1):
        assert f"app {i}" in results
    for result in ("cchc first", *(f"cchc {n} {task}" for n, task in enumerate(TASKS))):
        assert result in results
    assert len(results) == 1 + IN_PROCESS_SAVES + 2 + len(TASKS)  # the template's own, too
    shown = run("progress", "show", "--agency", "so-noi-vu", "--task", "I.3", "--period",
                "2025-Q1", "--json", "--data-dir", str(data), "--today", TODAY)  # fmt: skip
    assert shown.code == 0 and "cchc 1 I.3" in shown.out and f"app {IN_PROCESS_SAVES}" in shown.out


# A separate process asks for SQLite's exclusive lock on the file (the byte range that
# every open connection holds a read lock on): granted means the file looks unused.
PROBE = textwrap.dedent("""
    import fcntl, os, sys
    fd = os.open(sys.argv[1], os.O_RDWR)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000000 + 2)
        print("free")
    except OSError:
        print("held")
""")


@pytest.mark.skipif(os.name == "nt", reason="POSIX locks: Windows locks per handle")
def test_opening_the_folder_again_keeps_this_process_s_hold_on_the_file(data):
    ws = open_workspace(data, Clock(FIXED_DAY))
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    progress.record_progress(ws, slot, RawEntry("in_progress", "40", "app"), "A")

    def probe() -> str:
        args = [sys.executable, "-c", PROBE, str(data / DB_NAME)]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()

    assert probe() == "held"
    open_workspace(data, Clock(FIXED_DAY)).db.close()
    assert probe() == "held"  # a cchc process ending now must not delete the -wal
    ws.db.close()
    assert probe() == "free"
