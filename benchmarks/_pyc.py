"""Benchmark processes that run as an installed copy does: with the package's bytecode.

pip compiles a package at install, so a user's `cchc` never recompiles its modules. Here the
environment may say PYTHONDONTWRITEBYTECODE=1, which made every timed start recompile the
program's modules (about 70 of them before the first screen). These helpers give the child
processes a bytecode cache of their own (PYTHONPYCACHEPREFIX, a folder of the benchmark's)
and compile the package into it before timing; `--no-pyc` measures the old way, without.
The load average goes with the figures: other work on the machine slows the larger process
more than a hello-world app, so a ratio is only read with it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cchc_tui"


def add_option(parser: argparse.ArgumentParser) -> None:
    """The `--no-pyc` option: no bytecode cache, every start compiles the modules it imports."""
    parser.add_argument(
        "--no-pyc",
        action="store_true",
        help="no bytecode cache (every start compiles the modules it imports)",
    )


def bytecode_env(env: dict[str, str], cache: Path, *, no_pyc: bool) -> dict[str, str]:
    """`env` with Python's bytecode kept in `cache`, or written nowhere with `no_pyc`."""
    env = dict(env)
    if no_pyc:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def compile_package(env: dict[str, str]) -> None:
    """Compile the package into the bytecode cache of `env`, as pip does at install (nothing
    to do without a cache)."""
    if "PYTHONPYCACHEPREFIX" not in env:
        return
    command = [sys.executable, "-m", "compileall", "-q", str(PACKAGE)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


def cache_label(env: dict[str, str]) -> str:
    """'on' or 'off', for the line that prints the load average."""
    return "on" if "PYTHONPYCACHEPREFIX" in env else "off"


def load_average() -> str:
    """The load average over 1, 5 and 15 minutes, as `uptime` prints it."""
    if not hasattr(os, "getloadavg"):  # Windows has none
        return "n/a"
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())
