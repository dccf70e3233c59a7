"""Receiving office: import of a full year of every agency's bundles, and first paint.

Builds a cold workspace (registry + synthetic communes, every key enrolled, no bundle),
writes a synthetic year (scripts/make_synthetic_bundles.py), then measures:
  1. `import_files` in-process, as bundles per second (target >= 200/s);
  2. `cchc import --json DIR` as a whole process on another cold copy;
  3. time to first paint of the Submissions view for that data (target < 1 s),
     in a fresh process, from process start and from the App's start;
  4. `cchc report --period YEAR-Y --xlsx --md` as a whole process (median of 3), with
     the workbook's size and sheets' rows.

The processes run with Python's bytecode cache, compiled beforehand as pip does at
install, in a folder of their own (PYTHONPYCACHEPREFIX, even under PYTHONDONTWRITEBYTECODE);
the load average is printed with the figures (2 and 4 slow down with other work).

Usage: python benchmarks/office_import.py [--communes 19] [--year 2024] [--no-pyc]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _pyc

PAINT = r"""
import time
T0 = time.perf_counter()
import asyncio, datetime as dt, sys
from pathlib import Path
from textual.app import App
from cchc_tui.domain.clock import Clock
from cchc_tui.services.workspace import open_workspace
from cchc_tui.screens.office import OfficeHomeScreen
from cchc_tui.screens.office.tables import SubmissionsTable

ws = open_workspace(Path(sys.argv[1]), Clock(dt.date.fromisoformat(sys.argv[2])))

class Host(App):
    def on_mount(self):
        self.push_screen(OfficeHomeScreen(ws))

async def main():
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        t_app = time.perf_counter()
        while True:
            await pilot.pause()
            table = app.screen.query_one(SubmissionsTable) if isinstance(app.screen, OfficeHomeScreen) else None
            if table is not None and table.row_count:
                await pilot.pause()  # one more refresh: the rows are on screen
                break
        done = time.perf_counter()
        print(f"{done - T0:.3f} {done - t_app:.3f} {table.row_count}")
        await app.workers.wait_for_complete()

asyncio.run(main())
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=19)
    parser.add_argument("--year", type=int, default=2024)
    _pyc.add_option(parser)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="cchc-office-bench-"))
    try:
        return run(root, args.year, args.communes, no_pyc=args.no_pyc)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(root: Path, year: int, communes: int, *, no_pyc: bool = False) -> int:
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services.office.importer import import_files
    from cchc_tui.services.workspace import open_workspace

    today = dt.date(year + 1, 1, 20)
    cold = root / "cold"
    script = Path(__file__).resolve().parent.parent / "scripts" / "make_synthetic_bundles.py"
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(script),
            str(root / "set"),
            "--year",
            str(year),
            "--communes",
            str(communes),
            "--data-dir",
            str(cold),
            "--enrol",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    generated = time.perf_counter() - started
    files = json.loads((root / "set" / "manifest.json").read_text("utf-8"))
    for name in ("a", "b"):  # two cold copies: one in-process, one for the CLI
        shutil.copytree(cold, root / name)

    ws = open_workspace(root / "a", Clock(today))
    start = time.perf_counter()
    outcomes = import_files(ws, [root / "set" / "bundles"])
    seconds = time.perf_counter() - start
    ws.db.close()
    verdicts: dict[str, int] = {}
    for o in outcomes:
        verdicts[o.verdict] = verdicts.get(o.verdict, 0) + 1

    env = {**os.environ, "CCHC_HOME": str(root / "b"), "CCHC_TODAY": today.isoformat()}
    env = _pyc.bytecode_env(env, root / "pycache", no_pyc=no_pyc)
    _pyc.compile_package(env)  # as pip does at install
    load = _pyc.load_average()
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "cchc_tui", "import", "--json", str(root / "set" / "bundles")],
        env=env,
        capture_output=True,
    )
    cli_seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):  # 1: some files refused, as the synthetic set plans
        return _failed("cchc import --json", proc)
    cli_rows = len(json.loads(proc.stdout))

    paints = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", PAINT, str(root / "a"), today.isoformat()],
            capture_output=True,
            text=True,
            env=env,
        )
        if out.returncode != 0:
            return _failed("first paint of the Submissions view", out)
        paints.append([float(x) for x in out.stdout.split()[:2]] + [int(out.stdout.split()[2])])
    paints.sort()
    from_start, from_app, rows = paints[1]

    reports = []
    for n in range(3):
        xlsx, md = root / f"report-{n}.xlsx", root / f"report-{n}.md"
        report_cmd = [sys.executable, "-m", "cchc_tui", "report", "--period", f"{year}-Y"]
        start = time.perf_counter()
        out = subprocess.run(
            [*report_cmd, "--xlsx", str(xlsx), "--md", str(md)],
            env={**env, "CCHC_HOME": str(root / "a")},
            capture_output=True,
        )
        reports.append(time.perf_counter() - start)
        if out.returncode != 0:
            return _failed("cchc report --xlsx --md", out)
    from openpyxl import load_workbook

    sheets = {s.title: s.max_row - 3 for s in load_workbook(root / "report-0.xlsx").worksheets}

    print(
        f"agencies: {files['agencies']}, bundle files: {len(outcomes)} (generated in {generated:.1f} s)"
    )
    print(f"verdicts: {verdicts}")
    print(f"load average before the whole-process import: {load}; bytecode cache: "
          f"{_pyc.cache_label(env)}")  # fmt: skip
    print(
        f"import (in-process, cold workspace): {seconds:.2f} s = {len(outcomes) / seconds:.0f} bundles/s"
    )
    print(
        f"cchc import --json (whole process, cold copy): {cli_seconds:.2f} s"
        f" = {cli_rows / cli_seconds:.0f} bundles/s, exit {proc.returncode}"
    )
    print(
        f"Submissions view first paint ({rows} rows, median of 3): {from_app:.3f} s after the app"
        f" started, {from_start:.3f} s after process start"
    )
    print(
        f"cchc report --period {year}-Y --xlsx --md (whole process, median of 3):"
        f" {sorted(reports)[1]:.2f} s; xlsx {(root / 'report-0.xlsx').stat().st_size:,} bytes,"
        f" md {(root / 'report-0.md').stat().st_size:,} bytes; rows per sheet {sheets}"
    )
    return 0


def _failed(what: str, proc: subprocess.CompletedProcess) -> int:
    """Say which measured process failed, with the end of what it wrote (a crash's traceback)."""
    err = proc.stderr.decode("utf-8", "replace") if isinstance(proc.stderr, bytes) else proc.stderr
    print(f"{what}: exit {proc.returncode}\n{err[-2000:]}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
