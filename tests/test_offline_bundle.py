"""The offline install folder, built and installed here as an office PC gets it.

`scripts/build_offline_bundle.py` is the only step that reaches the package index. Every
install (`sh install.sh`) and every `cchc` run afterwards happens inside `unshare -n`, with
no network at all, where this machine allows it (root on Linux); elsewhere pip's
`--no-index` alone keeps the install off the index.

Linux x64 and this machine's CPython only; the Windows wheels are checked by the build
script's own walk over the dependencies with Windows markers and tags (docs/windows.md).
Two bundles and three installs take a few minutes, so the tests run only when asked, as
.ci/run does:

    CCHC_BUNDLE_TESTS=1 .venv/bin/python -m pytest -q tests/test_offline_bundle.py
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from build_offline_bundle import PYTHONS

from cchc_tui import __version__

REPO = Path(__file__).resolve().parent.parent
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
pytestmark = pytest.mark.skipif(
    os.environ.get("CCHC_BUNDLE_TESTS") != "1" or sys.platform != "linux" or PYTHON not in PYTHONS,
    reason="builds and installs offline bundles: set CCHC_BUNDLE_TESTS=1 (Linux, CPython 3.10-3.14)",
)
TODAY = ["--today", "2025-03-10"]
PASSPHRASE = "mật khẩu nâng cấp 2025"
PROBE = "CREATE TABLE upgrade_probe (n INTEGER);\nINSERT INTO upgrade_probe VALUES (1);\n"


def _no_network_prefix() -> list[str]:
    """`unshare -n` where it works here (a new network namespace has no way out)."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], check=False).returncode == 0:
        return [unshare, "-n"]
    return []


NO_NET = _no_network_prefix()


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without CCHC_* and pip settings, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CCHC_", "PIP_"))}
    return {**env, "PYTHONDONTWRITEBYTECODE": "1", **extra}


def build(out: Path, source: Path = REPO) -> Path:
    """A Linux bundle for this CPython, from the tree at `source`."""
    script = REPO / "scripts" / "build_offline_bundle.py"
    argv = [sys.executable, str(script), str(out), "--platform", "linux", "--python", PYTHON]
    done = subprocess.run(
        [*argv, "--source", str(source)], capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"linux: CPython {PYTHON}" in done.stdout, done.stdout
    return out


def install(bundle: Path, folder: Path) -> float:
    """Copy `bundle` over `folder` and run its install.sh offline; seconds taken."""
    shutil.copytree(bundle, folder, dirs_exist_ok=True)
    started = time.perf_counter()
    done = subprocess.run(
        [*NO_NET, "sh", str(folder / "install.sh")],
        env=clean_env(PYTHON=sys.executable),
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return time.perf_counter() - started


def cchc(folder: Path, data: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run the installed `cchc` offline on the data folder `data`; its stdout."""
    done = subprocess.run(
        [*NO_NET, str(folder / "venv" / "bin" / "cchc"), "--data-dir", str(data), *TODAY, *args],
        env=clean_env(**(env or {})),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        stdin=subprocess.DEVNULL,
        timeout=180,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, f"cchc {' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def start_app(folder: Path, data: Path) -> str:
    """Open the installed app on an 80x24 pseudo-terminal, offline; it exits once the task
    list is painted (CCHC_EXIT_AFTER_PAINT=1). What it drew, as text."""
    import fcntl  # POSIX only, like this whole file
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    argv = [*NO_NET, str(folder / "venv" / "bin" / "cchc"), "--data-dir", str(data), *TODAY]
    env = clean_env(CCHC_EXIT_AFTER_PAINT="1", TERM="xterm-256color")
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    drawn, deadline = b"", time.monotonic() + 120
    while time.monotonic() < deadline:
        if not select.select([master], [], [], 1)[0]:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the app closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    assert proc.wait(timeout=30) == 0, drawn[-2000:]
    return drawn.decode("utf-8", "replace")


def next_version(version: str) -> str:
    """The version after `version` ("0.2.0" -> "0.2.1"): pip skips an equal one."""
    major, minor, micro = (int(re.match(r"\d+", p).group()) for p in version.split(".")[:3])
    return f"{major}.{minor}.{micro + 1}"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The bundle of the working tree, as `build_offline_bundle.py` writes it."""
    return build(tmp_path_factory.mktemp("bundle") / "cchc-offline")


def test_installs_without_network_and_starts(bundle, tmp_path):
    assert (bundle / "README.txt").read_text("utf-8-sig").count(PYTHON) >= 1
    seconds = install(bundle, tmp_path / "cchc")
    print(f"offline install: {seconds:.1f} s, network cut: {bool(NO_NET)}")
    app, data = tmp_path / "cchc", tmp_path / "data"
    assert cchc(app, data, "--version").strip() == f"cchc {__version__}"
    assert "Sở Nội vụ" in cchc(app, data, "agencies")
    cchc(app, data, "init", "--agency", "so noi vu", "--officer", "Nguyễn Thị Hoa")
    screen = start_app(app, data)
    assert "Sở Nội vụ" in screen and "Nhiệm vụ" in screen


def snapshot(app: Path, data: Path) -> dict[str, object]:
    """What the user relies on: progress history, key, exported files."""
    return {
        "progress": json.loads(
            cchc(app, data, "progress", "show", "--task", "I.6", "--period", "2025-Q1", "--json")
        ),
        "key": json.loads(cchc(app, data, "keys", "show", "--json")),
        "exports": {p.name: p.read_bytes() for p in sorted((data / "exports").glob("*.json"))},
    }


def test_upgrade_keeps_progress_keys_and_chain(bundle, tmp_path):
    app, data = tmp_path / "cchc", tmp_path / "data"
    install(bundle, app)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", "utf-8")
    key = ["--passphrase-file", str(secret)]
    cchc(app, data, "init", "--agency", "so-noi-vu", "--officer", "Nguyễn Thị Hoa")
    entry = ["--task", "I.6", "--period", "2025-Q1", "--status", "in_progress"]
    cchc(app, data, "progress", "set", *entry, "--progress", "40", "--result", "Đã họp [b]x[/b]")
    cchc(app, data, "keys", "init", *key)
    cchc(app, data, "keys", "enrol", "--out", str(tmp_path / "enrol.json"), *key)
    first = Path(cchc(app, data, "export", "--period", "2025-Q1", *key).strip())
    before = snapshot(app, data)

    # The next release: this tree with a higher version and one more migration.
    source = tmp_path / "next-source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "*cache*"))
    version = next_version(__version__)
    init = source / "cchc_tui" / "__init__.py"
    text = init.read_text("utf-8")
    init.write_text(text.replace(f'"{__version__}"', f'"{version}"'), "utf-8")
    (source / "db" / "9999_upgrade_probe.sql").write_text(PROBE, "utf-8")
    install(build(tmp_path / "bundle-next", source), app)  # copied over the old folder

    assert cchc(app, data, "--version").strip() == f"cchc {version}"
    assert "Sở Nội vụ" in start_app(app, data)
    after = snapshot(app, data)
    assert after == before
    with sqlite3.connect(data / "cchc.sqlite3") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 9999
        assert db.execute("SELECT count(*) FROM upgrade_probe").fetchone()[0] == 1

    # An unchanged period exports the very same bytes; a change continues the chain.
    assert Path(cchc(app, data, "export", "--period", "2025-Q1", *key).strip()) == first
    cchc(app, data, "progress", "set", *entry, "--progress", "70", "--result", "Đã ban hành")
    second = Path(cchc(app, data, "export", "--period", "2025-Q1", *key).strip())
    assert second.name == first.name.replace("_0001", "_0002")
    office = tmp_path / "office"
    cchc(app, office, "init", "--receiver", "--officer", "Trần Thị Tổng Hợp")
    cchc(app, office, "keyring", "add", str(tmp_path / "enrol.json"), "--yes")
    outcomes = json.loads(cchc(app, office, "import", "--json", str(first), str(second)))
    assert [(o["seq"], o["verdict"]) for o in outcomes] == [(1, "accepted"), (2, "accepted")]
    with sqlite3.connect(data / "cchc.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM upgrade_probe").fetchone()[0] == 1
