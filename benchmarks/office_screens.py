"""The office's F7 first paint next to a hello-world Textual app, and import as a whole process.

Builds a cold receiving install (registry + synthetic communes, every key enrolled, the
office profile on), writes a synthetic year (scripts/make_synthetic_bundles.py: every
agency × 4 periods), then:
  1. `cchc import DIR` as a whole process: files per second (target >= 300/s);
  2. `cchc` opening on that install with CCHC_EXIT_AFTER_PAINT=1 (the F7 Submissions
     view painted, then exit) against the hello-world app of benchmarks/tui_startup.py,
     both on a 100x30 pseudo-terminal, alternating, median of N: the ratio (target <= 2.0).

Python runs with its bytecode cache, as an installed program does (pip compiles it at
install), in a folder of its own (PYTHONPYCACHEPREFIX) even when the environment says
PYTHONDONTWRITEBYTECODE: without the cache every start recompiles about 70 of the
program's modules, which a user's install never does. `--no-pyc` measures that way
(benchmarks/_pyc.py, shared with tui_startup.py). The load average is printed with the
figures: other work on the machine slows the larger process more than the hello-world
app, so a ratio is only read with it.

Usage: python benchmarks/office_screens.py [--runs 7] [--communes 19] [--year 2024] [--no-pyc]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _pyc
from tui_startup import COLUMNS, HELLO, LINES, run_once


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--communes", type=int, default=19)
    parser.add_argument("--year", type=int, default=2024)
    _pyc.add_option(parser)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="cchc-office-screens-"))
    try:
        return run(root, args)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(root: Path, args: argparse.Namespace) -> int:
    today = dt.date(args.year + 1, 1, 20)
    data = root / "office"
    script = Path(__file__).resolve().parent.parent / "scripts" / "make_synthetic_bundles.py"
    subprocess.run(
        [
            *(sys.executable, str(script), str(root / "set"), "--year", str(args.year)),
            *("--communes", str(args.communes), "--data-dir", str(data), "--enrol"),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    manifest = json.loads((root / "set" / "manifest.json").read_text("utf-8"))
    env = {
        **os.environ,
        "CCHC_HOME": str(data),
        "CCHC_TODAY": today.isoformat(),
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
    }
    env = _pyc.bytecode_env(env, root / "pycache", no_pyc=args.no_pyc)
    cchc = [sys.executable, "-m", "cchc_tui"]
    init = [*cchc, "receiver", "init", "--officer", "Bench"]
    subprocess.run(init, env=env, check=True, stdout=subprocess.DEVNULL)

    _pyc.compile_package(env)  # as pip does at install
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.run(
        [*cchc, "import", "--json", str(root / "set" / "bundles")], env=env, capture_output=True
    )
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        print(proc.stderr.decode("utf-8", "replace")[-2000:], file=sys.stderr)
        return 1
    files = len(json.loads(proc.stdout))

    hello_file = root / "hello.py"
    hello_file.write_text(HELLO, encoding="utf-8")
    hello = [sys.executable, str(hello_file)]
    paint_env = {**env, "CCHC_EXIT_AFTER_PAINT": "1"}
    run_once(hello, env), run_once(cchc, paint_env)  # warm the file cache
    times: dict[str, list[float]] = {"hello": [], "f7": []}
    for _ in range(args.runs):
        for name, cmd, run_env in (("hello", hello, env), ("f7", cchc, paint_env)):
            times[name].append(run_once(cmd, run_env)[0])
    t = {k: statistics.median(v) for k, v in times.items()}

    load = os.getloadavg()[0]
    print(f"agencies: {manifest['agencies']}, periods: 4 ({args.year}), files: {files}")
    print(
        f"load average (1 min) before the import: {load_before:.2f}, at the end: {load:.2f};"
        f" bytecode cache: {_pyc.cache_label(env)}"
    )
    print(
        f"cchc import (whole process, cold install): {seconds:.2f} s"
        f" = {files / seconds:.0f} files/s, exit {proc.returncode}  [target >= 300/s]"
    )
    print(f"{'':<48} {'median s':>9}   ({args.runs} runs each, alternating, 100x30 pty)")
    print(f"{'(a) hello world (Static + Footer)':<48} {t['hello']:>9.3f}")
    print(f"{'(b) cchc on the receiving install, F7 painted':<48} {t['f7']:>9.3f}")
    print(f"{'ratio (b)/(a)  [target <= 2.0]':<48} {t['f7'] / t['hello']:>9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
