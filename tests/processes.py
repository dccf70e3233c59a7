"""`cchc` as users run it: a fresh `python -m cchc_tui` process, none of the caller's
CCHC_* settings, a data folder and a fixed day."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cchc(data: Path, *args: str, today: str) -> subprocess.CompletedProcess:
    """`python -m cchc_tui ARGS --data-dir DATA --today DAY`, text decoded as UTF-8."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    return subprocess.run(
        [sys.executable, "-m", "cchc_tui", *args, "--data-dir", str(data), "--today", today],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
