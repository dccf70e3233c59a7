"""Whole-process time and peak memory of `cchc tasks --agency … --json`,
side by side with `python -c "import sqlmodel"` in the same run.

Usage: python benchmarks/cli_tasks.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def wall_time(cmd: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall-clock seconds of `cmd` over `runs` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr.decode())
    return statistics.median(times)


def peak_of(cmd: list[str], env: dict[str, str]) -> float:
    """Peak RSS (MiB) of one run, measured in a fresh Python wrapper process."""
    wrapper = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd], env=env, capture_output=True, text=True
    )
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="cchc-bench-")
    env = {**os.environ, "CCHC_HOME": home, "CCHC_TODAY": "2025-03-10"}
    cchc = [sys.executable, "-m", "cchc_tui", "tasks", "--agency", "so-noi-vu", "--json"]
    subprocess.run(cchc, env=env, check=True, stdout=subprocess.DEVNULL)  # first run seeds
    baseline = [sys.executable, "-c", "import sqlmodel"]
    rows = []
    for name, cmd in (
        ("python -c 'import sqlmodel'", baseline),
        ("cchc tasks --agency so-noi-vu --json", cchc),
    ):
        wall = wall_time(cmd, env, args.runs)
        peak = statistics.median(peak_of(cmd, env) for _ in range(3))
        rows.append((name, wall, peak))
    print(f"{'command':<40} {'median s':>9} {'peak MiB':>9}")
    for name, wall, peak in rows:
        print(f"{name:<40} {wall:>9.3f} {peak:>9.1f}")
    (_, w0, p0), (_, w1, p1) = rows
    print(f"ratio cchc/sqlmodel: time {w1 / w0:.2f}, peak memory {p1 / p0:.2f}  ({args.runs} runs)")


if __name__ == "__main__":
    main()
