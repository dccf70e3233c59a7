"""Several writers on one data folder at once: the app, `cchc progress set` processes and
the backup.

Each round: this process (the app's part: one workspace, opened once) saves progress in a
thread every 50 ms and makes a backup every 0.5 s in another (as the start-up backup
does) for as long as `--writers` processes run `cchc progress set` on the same folder
(at least `--app-saves` saves); with `--reopen` the
folder is also opened again in this process each round (what a test calling the CLI
in-process does), then one process runs to its end before the app saves once more:
before the fix in store/datafile.py this lost the processes' saves.
Then SQLite's integrity_check, every save looked up by its text, and the figures: saves
made and found, the app's save time (median, max: lock waits included), the processes'
wall time.

Usage: python benchmarks/concurrent_writers.py [--rounds N] [--writers W] [--app-saves S]
       [--reopen]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import backup, progress
from cchc_tui.services.settings import save_profile
from cchc_tui.services.workspace import DB_NAME, open_workspace

DAY = dt.date(2025, 3, 10)
AGENCY = "so-noi-vu"
TASKS = ("I.3", "I.6", "I.7", "I.8")


def _cchc(data: Path, task: str, result: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    return subprocess.Popen(
        [sys.executable, "-m", "cchc_tui", "progress", "set", "--agency", AGENCY,
         "--task", task, "--period", "2025-Q1", "--status", "in_progress",
         "--progress", "50", "--result", result, "--data-dir", str(data),
         "--today", DAY.isoformat()],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def run(rounds: int, writers: int, app_saves: int, reopen: bool, backup_every: float) -> int:
    """Run the rounds; print the figures; 0 when the file is sound and nothing was lost."""
    data = Path(tempfile.mkdtemp(prefix="cchc-concurrent-")) / "data"
    ws = open_workspace(data, Clock(DAY))
    save_profile(ws, AGENCY, "Nguyễn Văn Đầu Mối")
    slot = progress.resolve_slot(ws, AGENCY, "I.3", "2025-Q1")
    expected: list[str] = []
    app_times: list[float] = []
    proc_times: list[float] = []
    errors: list[str] = []
    backups = 0

    def app_part(r: int, procs: list, once: bool = False) -> None:
        i = 0
        while i < (1 if once else app_saves) or any(p.poll() is None for *_, p in procs):
            i += 1
            time.sleep(0.05)
            text = f"app {r}.{i}{'.once' if once else ''}"
            start = time.perf_counter()
            try:
                progress.record_progress(ws, slot, RawEntry("in_progress", "40", text), "A")
            except Exception as exc:  # counted, the run goes on
                errors.append(f"app: {type(exc).__name__}: {exc}")
                continue
            app_times.append(time.perf_counter() - start)
            expected.append(text)

    def backup_part(procs: list) -> None:
        nonlocal backups
        while backup_every and any(proc.poll() is None for *_, proc in procs):
            try:
                backup.make_backup(ws, prune=False)
                backups += 1
            except Exception as exc:
                errors.append(f"backup: {type(exc).__name__}: {exc}")
            time.sleep(backup_every)

    def _finished(text: str, start: float, proc: subprocess.Popen) -> None:
        err = proc.communicate()[1].decode("utf-8", "replace").strip()
        proc_times.append(time.perf_counter() - start)
        if proc.returncode == 0:
            expected.append(text)
        else:
            errors.append(f"cchc exit {proc.returncode}: {err[-200:]}")

    started = time.perf_counter()
    for r in range(rounds):
        if reopen:  # then one process ends before the app saves again
            try:
                open_workspace(data, Clock(DAY))
            except Exception as exc:
                errors.append(f"reopen: {type(exc).__name__}: {exc}")
            text, start = f"cchc {r}.first", time.perf_counter()
            _finished(text, start, _cchc(data, "I.3", text))
            app_part(r, [], once=True)
        procs = []
        for w in range(writers):
            text = f"cchc {r}.{w}"
            procs.append((text, time.perf_counter(), _cchc(data, TASKS[w % len(TASKS)], text)))
        threads = [
            threading.Thread(target=app_part, args=(r, procs)),
            threading.Thread(target=backup_part, args=(procs,)),
        ]
        for thread in threads:
            thread.start()
        for text, start, proc in procs:
            _finished(text, start, proc)
        for thread in threads:
            thread.join()
    elapsed = time.perf_counter() - started
    ws.db.close()

    conn = sqlite3.connect(data / DB_NAME)
    try:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        found = {r[0] for r in conn.execute("SELECT result FROM revision")}
    except sqlite3.Error as exc:  # the figure the run is for
        integrity, found = [f"{type(exc).__name__}: {exc}"], set()
    finally:
        conn.close()
    lost = [text for text in expected if text not in found]
    print(f"folder            {data}")
    print(f"rounds x writers  {rounds} x {writers} cchc processes, app saving every 50 ms, "
          f"backups every {backup_every} s; reopen={reopen}")  # fmt: skip
    print(
        f"saves made        {len(expected)} (found {len(expected) - len(lost)}, lost {len(lost)})"
    )
    print(f"backups made      {backups}")
    print(f"errors            {len(errors)}")
    for line in errors[:5]:
        print(f"  {line}")
    print(f"integrity_check   {'; '.join(integrity[:3])}")
    if app_times:
        print(f"app save          median {statistics.median(app_times) * 1000:.0f} ms, "
              f"max {max(app_times) * 1000:.0f} ms")  # fmt: skip
    if proc_times:
        print(f"cchc process      median {statistics.median(proc_times):.2f} s, "
              f"max {max(proc_times):.2f} s")  # fmt: skip
    print(f"wall              {elapsed:.1f} s")
    return 0 if integrity == ["ok"] and not lost and not errors else 1


def main() -> int:
    """Parse the options and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--app-saves", type=int, default=10)
    parser.add_argument("--reopen", action="store_true")
    parser.add_argument("--backup-every", type=float, default=0.5, help="seconds; 0: none")
    args = parser.parse_args()
    return run(args.rounds, args.writers, args.app_saves, args.reopen, args.backup_every)


if __name__ == "__main__":
    sys.exit(main())
