"""What can be checked here of running on Windows (docs/windows.md lists what cannot).

Text files name their encoding (Windows would read and write cp1252/cp1258), POSIX-only
calls sit behind a Windows branch, replacing a file waits out a brief lock (antivirus,
Word, the indexer) and never leaves half a file, and console output survives a code page
that cannot hold Vietnamese.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_tui.store import files

REPO = Path(__file__).resolve().parent.parent
SOURCES = [
    path
    for folder in ("cchc_tui", "scripts", "benchmarks", "tests")
    for path in sorted((REPO / folder).rglob("*.py"))
]
PROGRAM = [path for path in SOURCES if path.is_relative_to(REPO / "cchc_tui")]

POSIX_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "pty", "tty"}
POSIX_CALLS = {
    "chmod", "fchmod", "lchmod", "chown", "getuid", "geteuid", "getgid", "getegid",
    "fork", "killpg", "setsid", "getpgid", "statvfs", "uname", "sync", "mkfifo",
}  # fmt: skip
PLATFORM_NAMES = {("os", "name"), ("sys", "platform"), ("platform", "system")}
POSIX_SIGNALS = {"SIGHUP", "SIGKILL", "SIGQUIT", "SIGTSTP", "SIGUSR1", "SIGUSR2", "SIGALRM"}


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(REPO)}:{node.lineno}"


def test_text_files_name_their_encoding():
    """ruff's PLW1514 sees `open()` and receivers it knows are Paths; this sees every
    `.read_text()` / `.write_text(text)` (fixtures like `tmp_path / "x"` included)."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            named = any(k.arg == "encoding" for k in node.keywords)
            positional = {"read_text": 1, "write_text": 2}.get(node.func.attr)
            if positional and not named and len(node.args) < positional:
                found.append(f"{where(path, node)} .{node.func.attr}() without encoding")
    assert found == []


def _is_platform_test(node: ast.AST) -> bool:
    """`os.name …`, `sys.platform …`, `platform.system()`, `hasattr(os, …)` in a condition."""
    for part in ast.walk(node):
        if (
            isinstance(part, ast.Attribute)
            and isinstance(part.value, ast.Name)
            and (part.value.id, part.attr) in PLATFORM_NAMES
        ):
            return True
        if isinstance(part, ast.Call) and getattr(part.func, "id", None) == "hasattr":
            return True
    return False


def _guarded(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside an `if`/conditional on the platform, or after `if os.name == "nt": return`."""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, (ast.If, ast.IfExp, ast.BoolOp)) and _is_platform_test(
            parent.test if not isinstance(parent, ast.BoolOp) else parent
        ):
            return True
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for statement in parent.body:
                if statement is child:
                    break
                if (
                    isinstance(statement, ast.If)
                    and _is_platform_test(statement.test)
                    and isinstance(statement.body[-1], (ast.Return, ast.Raise))
                ):
                    return True
        child, parent = parent, parents.get(parent)
    return False


def test_posix_only_calls_have_a_windows_branch():
    found = []
    for path in PROGRAM:
        tree = ast.parse(path.read_text("utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                names = {(node.module or "").split(".")[0]}
            else:
                names = set()
            posix = bool(names & POSIX_MODULES)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                posix = posix or (node.value.id == "os" and node.attr in POSIX_CALLS)
                posix = posix or (node.value.id == "signal" and node.attr in POSIX_SIGNALS)
            if posix and not _guarded(node, parents):
                found.append(f"{where(path, node)} {ast.unparse(node)[:60]}")
    assert found == []


def test_replace_waits_out_a_brief_lock(tmp_path, monkeypatch):
    target = tmp_path / "so-noi-vu_2025-Q1_0001.json"
    target.write_bytes(b"old")
    real_replace, calls, naps = os.replace, [], []

    def locked_twice(src, dst):
        calls.append(dst)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", locked_twice)
    monkeypatch.setattr(files.time, "sleep", naps.append)
    files.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(calls) == 3 and naps == list(files.RETRY_DELAYS[:2])
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_lock_that_stays_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "bao-cao.xlsx"
    target.write_bytes(b"old")

    def held_open(src, dst):
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(files.os, "replace", held_open)
    monkeypatch.setattr(files.time, "sleep", lambda _s: None)
    with pytest.raises(PermissionError):
        files.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def run_with_code_page(encoding: str, *args: str, data: Path) -> subprocess.CompletedProcess:
    """`python -m cchc_tui ARGS` whose stdout/stderr Python opens as `encoding`, as when a
    Windows console's output is redirected to a file or a pipe."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env.update(PYTHONIOENCODING=encoding, PYTHONUTF8="0")
    return subprocess.run(
        [sys.executable, "-m", "cchc_tui", *args, "--data-dir", str(data)],
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.mark.parametrize("encoding", ["cp1252", "cp1258"])
def test_vietnamese_output_survives_a_non_utf8_code_page(encoding, tmp_path):
    listed = run_with_code_page(encoding, "agencies", data=tmp_path / "data")
    assert listed.returncode == 0, listed.stderr.decode("utf-8", "replace")
    assert "Sở Nội vụ" in listed.stdout.decode("utf-8")
    refused = run_with_code_page(
        encoding, "tasks", "--agency", "Sở không có", data=tmp_path / "data"
    )
    err = refused.stderr.decode("utf-8")
    assert refused.returncode == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("Lỗi:")
    helped = run_with_code_page(encoding, "--help", data=tmp_path / "data")
    assert helped.returncode == 0 and "Kế hoạch 56/KH-UBND" in helped.stdout.decode("utf-8")
