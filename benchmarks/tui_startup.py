"""Start-up time and memory of the TUI next to a hello-world Textual app, and key latency.

Prints, from one run:
  (a) a hello-world Textual app (a Static and a Footer) that exits after its first paint;
  (b) `cchc` opening on the task list of a seeded agency (profile set with `cchc init`),
      exiting once the list is painted (hidden switch CCHC_EXIT_AFTER_PAINT=1);
whole-process wall time (median of N runs) and peak RSS (wait4 rusage of each run), with
the ratios (targets: both <= 2.0). Then the median time from a key press to the end of the
repainted frame on the task list, two ways: in a real `cchc` process on a pseudo-terminal,
the wall time from writing the key to the last byte of output it caused (the app's cost,
its frame pacing and the pty; no test-harness pauses); and in-process, the CPU time the
app spends per key (handler, layout and render; Pilot's idle waits use no CPU).

Both apps run on a pseudo-terminal of 100x30 with the real terminal driver, with Python's
bytecode cache compiled beforehand, as an installed copy has it (benchmarks/_pyc.py: a cache
of their own even under PYTHONDONTWRITEBYTECODE, which made every start recompile the
program's modules; `--no-pyc` measures that way). The load average is printed with the
figures: other work on the machine slows the larger process more, so read a ratio with it.
With `--today none` no date is pinned: after the plan's end (31/12/2025) the app opens on
the final-review overview (Tổng quan) instead, and the key timings are skipped.
Usage: python benchmarks/tui_startup.py [--runs N] [--keys N] [--today YYYY-MM-DD|none]
       [--no-pyc]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import _pyc

COLUMNS, LINES = 100, 30
HELLO = """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Static


class Hello(App):
    def compose(self) -> ComposeResult:
        yield Static("Xin chào")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit)


Hello().run()
"""


def open_pty() -> tuple[int, int]:
    """A pseudo-terminal pair sized COLUMNS x LINES."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    return master, slave


def spawn(cmd: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    """Start `cmd` on a new pseudo-terminal; returns the process and the master side."""
    master, slave = open_pty()
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    return proc, master


def drain(master: int, timeout: float) -> tuple[int, float]:
    """Read until nothing arrives for `timeout` seconds; (bytes read, time of the last byte)."""
    total, last = 0, time.perf_counter()
    while True:
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            return total, last
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            return total, last
        if not chunk:
            return total, last
        total, last = total + len(chunk), time.perf_counter()


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run to its exit."""
    start = time.perf_counter()
    proc, master = spawn(cmd, env)
    while True:
        ready, _, _ = select.select([master], [], [], 10)
        if not ready:
            proc.kill()
            proc.wait()
            raise SystemExit(f"{cmd} did not exit")
        try:
            if not os.read(master, 65536):
                break
        except OSError:
            break
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    os.close(master)
    if status != 0:
        raise SystemExit(f"{cmd} failed with status {status}")
    return wall, usage.ru_maxrss / 1024


def key_latency(cmd: list[str], env: dict[str, str], keys: int) -> dict[str, float]:
    """Median ms from a key to the end of its repaint, for a filter key and a cursor move."""
    proc, master = spawn(cmd, env)
    try:
        return _measure_keys(proc, master, keys)
    finally:
        if proc.poll() is None:
            proc.kill()  # a terminal that goes away would leave it spinning
            proc.wait()
        os.close(master)


def _measure_keys(proc: subprocess.Popen, master: int, keys: int) -> dict[str, float]:
    drain(master, 1.0)  # first paint and the draft check
    results = {}
    # the list has 25 rows: `down` moves the cursor; `s` cycles the status filter;
    # `h` sorts by completion deadline (and back to plan order)
    for label, key in KEYS_PTY:
        samples = []
        for _ in range(keys):
            sent = time.perf_counter()
            os.write(master, key)
            count, last = drain(master, 0.15)
            if count:
                samples.append((last - sent) * 1000)
        results[label] = statistics.median(samples)
    os.write(master, b"\x11")  # Ctrl+Q
    drain(master, 0.5)
    proc.wait(timeout=5)
    return results


def handler_cpu(home: Path, keys: int) -> dict[str, float]:
    """Median CPU ms the app spends per key in-process (handler, layout, render; no sleeps).

    Runs headless with Pilot; `time.process_time` does not count Pilot's idle waits.
    """
    import asyncio
    import datetime as dt

    from cchc_tui.app import CchcApp
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services.workspace import open_workspace

    async def run() -> dict[str, float]:
        ws = open_workspace(home, Clock(dt.date(2025, 3, 10)))
        app = CchcApp(ws, agency_id="so-noi-vu", officer="Bench")
        out = {}
        async with app.run_test(size=(COLUMNS, LINES)) as pilot:
            await pilot.pause()
            for label, key in KEYS_PILOT:
                samples = []
                for _ in range(keys):
                    start = time.process_time()
                    await pilot.press(key)
                    samples.append((time.process_time() - start) * 1000)
                out[label] = statistics.median(samples)
        ws.db.close()
        return out

    return asyncio.run(run())


KEYS_PTY = (
    ("down (next row)", b"\x1b[B"),
    ("s (filter by status)", b"s"),
    ("h (sort by due)", b"h"),
)
KEYS_PILOT = (("down (next row)", "down"), ("s (filter by status)", "s"), ("h (sort by due)", "h"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=21)
    parser.add_argument("--today", default="2025-03-10", help="pinned date, or none")
    _pyc.add_option(parser)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="cchc-tui-bench-"))
    try:
        run(home, args)
    finally:  # the data folder and the bytecode cache
        shutil.rmtree(home, ignore_errors=True)


def run(home: Path, args: argparse.Namespace) -> None:
    """Measure in the data folder `home`; print the figures."""
    env = {
        **os.environ,
        "CCHC_HOME": str(home),
        "CCHC_TODAY": args.today,
        "TERM": "xterm-256color",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
    }
    if args.today == "none":
        del env["CCHC_TODAY"]
    env = _pyc.bytecode_env(env, home / "pycache", no_pyc=args.no_pyc)
    landing = "task list" if args.today != "none" else "final-review overview"
    init = [sys.executable, "-m", "cchc_tui", "init", "--agency", "so-noi-vu", "--officer", "Bench"]
    subprocess.run(init, env=env, check=True, stdout=subprocess.DEVNULL)
    _pyc.compile_package(env)  # as pip does at install
    load_before = _pyc.load_average()
    hello_file = home / "hello.py"
    hello_file.write_text(HELLO, encoding="utf-8")
    hello = [sys.executable, str(hello_file)]
    cchc = [sys.executable, "-m", "cchc_tui"]
    paint_env = {**env, "CCHC_EXIT_AFTER_PAINT": "1"}
    run_once(hello, env), run_once(cchc, paint_env)  # warm the file cache
    times: dict[str, list[float]] = {"hello": [], "cchc": []}
    peaks: dict[str, list[float]] = {"hello": [], "cchc": []}
    for _ in range(args.runs):
        for name, cmd, run_env in (("hello", hello, env), ("cchc", cchc, paint_env)):
            wall, peak = run_once(cmd, run_env)
            times[name].append(wall)
            peaks[name].append(peak)
    t = {k: statistics.median(v) for k, v in times.items()}
    m = {k: statistics.median(v) for k, v in peaks.items()}
    print(
        f"load average (1, 5, 15 min) before: {load_before}; after: {_pyc.load_average()};"
        f" bytecode cache: {_pyc.cache_label(env)}"
    )
    print(f"{'':<44} {'median s':>9} {'peak MiB':>9}   ({args.runs} runs each, alternating)")
    print(f"{'(a) hello world (Static + Footer)':<44} {t['hello']:>9.3f} {m['hello']:>9.1f}")
    print(f"{'(b) cchc, ' + landing + ' painted':<44} {t['cchc']:>9.3f} {m['cchc']:>9.1f}")
    print(
        f"{'ratio (b)/(a)  [targets <= 2.0]':<44} {t['cchc'] / t['hello']:>9.2f}"
        f" {m['cchc'] / m['hello']:>9.2f}"
    )
    if args.today == "none":
        return
    latency = key_latency(cchc, env, args.keys)
    cpu = handler_cpu(home, args.keys)
    print(f"\nkey press -> repainted frame on the task list (median of {args.keys}):")
    print(f"  load average (1, 5, 15 min) after the keys: {_pyc.load_average()}")
    print(f"  {'key':<24} {'pty, wall':>10} {'in-process CPU':>15}")
    for label, ms in latency.items():
        print(f"  {label:<24} {ms:7.1f} ms {cpu[label]:12.1f} ms")


if __name__ == "__main__":
    main()
