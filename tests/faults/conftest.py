"""Fault tests: `cchc` run as a fresh process on a data folder that is then broken.

`run(...)` starts `python -m cchc_tui …` (optionally as the unprivileged user 65534 via
setpriv), with no CCHC_* variable inherited; `State.of(folder)` records what a fault must
not change: the database's bytes and the files of the folder (the log excepted).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from nacl.pwhash import argon2id

from cchc_tui.domain.bundle import keys as key_files
from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import keys, progress
from cchc_tui.services.settings import save_profile
from cchc_tui.services.workspace import open_workspace

FIXED_DAY = dt.date(2025, 3, 10)
TODAY = FIXED_DAY.isoformat()
PHRASE = "mat khau thu nghiem"
SETPRIV = shutil.which("setpriv")
NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"]
LOG = Path("logs") / "cchc-errors.log"
SIDE = ("-wal", "-shm")  # SQLite's own files: opening a database may touch them


@dataclass(frozen=True)
class Done:
    """A finished `cchc` process."""

    code: int
    out: str
    err: str

    @property
    def line(self) -> str:
        """The only line on stderr (fails if there is a traceback or anything else)."""
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("Lỗi: "), self.err
        return lines[0]


def run(*args: str, user: bool = False, timeout: float = 60, stdin: str | None = None) -> Done:
    """`cchc ARGS` in a fresh process (as user 65534 when `user`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    prefix = [SETPRIV, *NOBODY] if user else []
    proc = subprocess.run(
        [*prefix, sys.executable, "-m", "cchc_tui", *args],
        capture_output=True,
        env=env,
        timeout=timeout,
        input=(stdin or "").encode(),
        cwd=tempfile.gettempdir(),
    )
    decode = lambda b: b.decode("utf-8", "replace")  # noqa: E731
    assert "Traceback" not in decode(proc.stderr), decode(proc.stderr)
    return Done(proc.returncode, decode(proc.stdout), decode(proc.stderr))


def cchc(data: Path, *args: str, **kwargs) -> Done:
    """`cchc ARGS --data-dir DATA --today 2025-03-10`."""
    return run(*args, "--data-dir", str(data), "--today", TODAY, **kwargs)


@dataclass(frozen=True)
class State:
    """What a refused command must leave as it was."""

    files: dict[str, str]

    @classmethod
    def of(cls, folder: Path) -> State:
        """Every file under `folder` by content, except the error log and SQLite's -wal/-shm."""
        found = {}
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            rel = path.relative_to(folder)
            if path.is_dir() or rel.parts[0] == "logs" or path.name.endswith(SIDE):
                continue
            found[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
        return cls(found)


def logged(folder: Path) -> str:
    """The error log's text ('' if there is none)."""
    path = folder / LOG
    return path.read_text("utf-8") if path.exists() else ""


@pytest.fixture(scope="session")
def template(tmp_path_factory) -> Path:
    """A used data folder: profile, a key, one saved revision (made once, copied per test)."""
    folder = tmp_path_factory.mktemp("template") / "data"
    ws = open_workspace(folder, Clock(FIXED_DAY))
    save_profile(ws, "so-noi-vu", "Nguyễn Văn Đầu Mối")
    with pytest.MonkeyPatch.context() as cheap:  # as tests/conftest.py's fast_kdf does
        cheap.setattr(key_files, "KDF_OPSLIMIT", argon2id.OPSLIMIT_MIN)
        cheap.setattr(key_files, "KDF_MEMLIMIT", argon2id.MEMLIMIT_MIN)
        keys.init_key(ws, "so-noi-vu", PHRASE)
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    progress.record_progress(
        ws, slot, RawEntry(status="in_progress", progress="40", result="Đang làm"), "A"
    )
    ws.db.close()
    return folder


@pytest.fixture
def data(template, tmp_path) -> Path:
    """A copy of the used data folder."""
    return Path(shutil.copytree(template, tmp_path / "data"))


@pytest.fixture
def shared_tmp():
    """A folder the unprivileged user can reach (pytest's own is root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="cchc-fault-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["chmod", "-R", "u+rwX", str(folder)], check=False)
    shutil.rmtree(folder, ignore_errors=True)
