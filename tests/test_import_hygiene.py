"""Imports as a fresh process sees them: each module alone, the headless CLI, deferred imports.

The import-linter contracts in pyproject.toml read the static import graph: layers, SQL
only in `cchc_tui.store`, a pure domain. They cannot tell whether a module imports on its
own or only after some other module happened to be imported first (a cycle that works in
one order), whether an import deferred into a function names something that exists, or
what a real command loads. Inside pytest every module the session ever touched is already
in `sys.modules`, so these run other interpreters and look.

To check ~100 modules in seconds rather than a minute, `_import_each` starts one
interpreter, runs there every import statement of `cchc_tui` that names another package
(textual, sqlmodel, the standard library...) but never imports `cchc_tui` itself, then
forks a child per module: each child starts with no `cchc_tui` module loaded and imports
only its own. Deferred imports of other packages are checked with nothing preloaded.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

import cchc_tui

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="the import server forks")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(cchc_tui.__file__).resolve().parent
# Importing `cchc_tui.__main__` runs the command: test_a_headless_command_... runs it.
RUNS_ON_IMPORT = {"cchc_tui.__main__"}

# Runs in the fresh interpreter. Reads on stdin {"preload": [[module, [names]]...],
# "groups": [[[module, [names]]...]...], "jobs": n, "package_dir": cchc_tui's folder, to
# compile up front, or null}; prints {module: {"import": null | "what failed", "names":
# {name: "what failed"}}} (names are tried once the module imported). Each group runs in a
# forked child, at most `jobs` at once, whose output goes to a file of its own so a module
# printing at import cannot garble the answer; a child that hangs is killed.
_SERVER = r"""
import compileall, importlib, json, os, shutil, signal, sys, tempfile, traceback

request = json.load(sys.stdin)
for name, names in request["preload"]:
    try:
        module = importlib.import_module(name)
        for attr in names:
            if not hasattr(module, attr):
                importlib.import_module(f"{name}.{attr}")
    except ImportError:
        pass  # another platform's module (msvcrt...): a child that needs it will say so
early = sorted(m for m in sys.modules if m == "cchc_tui" or m.startswith("cchc_tui."))
if early:
    sys.exit(f"the preload imported {early}")
work = tempfile.mkdtemp()
if request["package_dir"]:
    # Compile cchc_tui once here, not in every child (PYTHONDONTWRITEBYTECODE may be set):
    # into a temporary folder, never the source tree. Only cchc_tui is written there.
    sys.pycache_prefix, sys.dont_write_bytecode = os.path.join(work, "pyc"), False
    compileall.compile_dir(request["package_dir"], quiet=2)
    sys.dont_write_bytecode = True


def check(target, names):
    try:
        module = importlib.import_module(target)
    except BaseException:
        return {"import": traceback.format_exc(), "names": {}}
    missing = {}
    for name in names:  # as `from target import name` resolves it
        try:
            if not hasattr(module, name):
                importlib.import_module(f"{target}.{name}")
        except BaseException:
            missing[name] = traceback.format_exc()
    return {"import": None, "names": missing}


def child(group, out):
    signal.alarm(60)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    log = os.open(out + ".log", os.O_WRONLY | os.O_CREAT)
    os.dup2(log, 1)
    os.dup2(log, 2)
    result = {target: check(target, names) for target, names in group}
    with open(out, "w") as f:
        json.dump(result, f)
    sys.stdout.flush()
    os._exit(0)


pending = list(request["groups"])
running, results = {}, {}
while pending or running:
    while pending and len(running) < request["jobs"]:
        group = pending.pop()
        out = os.path.join(work, str(len(pending)))
        pid = os.fork()
        if pid == 0:
            child(group, out)
        running[pid] = (group, out)
    pid, status = os.wait()
    group, out = running.pop(pid)
    try:
        with open(out) as f:
            results.update(json.load(f))
    except OSError:
        with open(out + ".log") as f:
            failed = f"child ended with status {status}: {f.read()}"
        results.update({target: {"import": failed, "names": {}} for target, _ in group})
shutil.rmtree(work)
print(json.dumps(results))
"""


def _env() -> dict[str, str]:
    """This environment less any CCHC_* setting (every command here names its folder)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}


def _import_each(
    groups: list[list[tuple[str, list[str]]]],
    preload: list[tuple[str, list[str]]],
    *,
    ours: bool,
) -> dict[str, dict]:
    """Per group of (module, names), a child with no cchc_tui module loaded imports each
    module of the group and takes its `names` from it.

    {module: {"import": None or the traceback, "names": {name: traceback of the failure}}}.
    """
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    request = {
        "preload": preload,
        "groups": groups,
        "jobs": max(2, jobs or 1),
        "package_dir": str(PACKAGE_DIR) if ours else None,
    }
    proc = subprocess.run(
        [sys.executable, "-c", _SERVER],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _sources() -> dict[str, Path]:
    """Every module of the package, by walking its folder."""
    paths = (p for p in PACKAGE_DIR.rglob("*.py") if "__pycache__" not in p.parts)
    return {_module_name(p): p for p in sorted(paths)}


def _is_ours(module: str) -> bool:
    return module == "cchc_tui" or module.startswith("cchc_tui.")


def _imports(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, list[str]]]:
    """(imported module, names taken from it) for each import statement under `tree`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            found.append((target, [a.name for a in node.names if a.name != "*"]))
    return found


@cache
def _deferred_imports() -> dict[str, list[str]]:
    """{module: names} of every import made inside a function body anywhere in cchc_tui."""
    deferred: dict[str, set[str]] = {}
    for module, path in _sources().items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                for target, names in _imports(fn, module, path.name == "__init__.py"):
                    deferred.setdefault(target, set()).update(names)
    return {target: sorted(names) for target, names in sorted(deferred.items())}


@cache
def _other_packages() -> list[tuple[str, list[str]]]:
    """Every import statement in cchc_tui, anywhere, of a module that is not cchc_tui's."""
    found = set()
    for module, path in _sources().items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for target, names in _imports(tree, module, path.name == "__init__.py"):
            if not _is_ours(target):
                found.add((target, tuple(names)))
    return [(target, list(names)) for target, names in sorted(found)]


def _failures(result: dict) -> str:
    """What went wrong in one check, or "" if it all imported."""
    if result["import"]:
        return result["import"]
    return "".join(f"name {name!r}:\n{error}" for name, error in result["names"].items())


@pytest.fixture(scope="module")
def alone() -> dict[str, dict]:
    """Each cchc_tui module imported in a child with no other cchc_tui module loaded.

    Deferred imports of cchc_tui modules ride along: the child also resolves the names
    that functions take from its module.
    """
    deferred = _deferred_imports()
    checks = {m: deferred.get(m, []) for m in _sources() if m not in RUNS_ON_IMPORT}
    for target, names in deferred.items():
        if _is_ours(target):
            checks.setdefault(target, names)
    groups = [[check] for check in checks.items()]
    return _import_each(groups, preload=_other_packages(), ours=True)


def test_the_walk_finds_the_package():
    modules = _sources()
    assert {"cchc_tui", "cchc_tui.__main__", "cchc_tui.app", "cchc_tui.cli.main"} <= set(modules)
    assert "cchc_tui.domain.bundle.keys" in modules and len(modules) > 50
    assert any(_is_ours(target) for target in _deferred_imports())


@needs_fork
@pytest.mark.parametrize("module", [m for m in _sources() if m not in RUNS_ON_IMPORT])
def test_module_imports_alone(alone, module):
    failed = alone[module]["import"]
    assert failed is None, f"`import {module}` in a fresh process:\n{failed}"


@needs_fork
@pytest.mark.parametrize("target", [t for t in _deferred_imports() if _is_ours(t)])
def test_deferred_import_resolves(alone, target):
    names = ", ".join(_deferred_imports()[target]) or "(the module)"
    failed = _failures(alone[target])
    assert not failed, f"deferred import of {names} from {target}:\n{failed}"


@needs_fork
def test_deferred_third_party_imports_resolve_in_a_fresh_process():
    """`from openpyxl.styles import …`, `from platformdirs import …`: nothing preloaded.

    One child per package: the modules of one package that cchc_tui defers share it.
    """
    by_package: dict[str, list[tuple[str, list[str]]]] = {}
    for target, names in _deferred_imports().items():
        if not _is_ours(target) and target.split(".")[0] not in sys.stdlib_module_names:
            by_package.setdefault(target.split(".")[0], []).append((target, names))
    assert by_package, "no deferred third-party import found: is the walk broken?"
    results = _import_each(list(by_package.values()), preload=[], ours=False)
    failed = {t: _failures(r) for t, r in results.items() if _failures(r)}
    assert not failed, "\n".join(f"{t}:\n{err}" for t, err in failed.items())


def _loaded(code: str, *, watch: tuple[str, ...] = ("textual",)) -> tuple[list[str], str]:
    """Run `code` in a fresh interpreter; the watched packages it loaded, and its stdout."""
    wrapper = (
        "import sys\n"
        "try:\n" + "".join(f"    {line}\n" for line in code.splitlines()) + "finally:\n"
        f"    loaded = [m for m in {watch!r} if m in sys.modules]\n"
        "    sys.stderr.write('\\nLOADED ' + repr(loaded) + '\\n')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=_env(),
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    last = proc.stderr.rstrip().splitlines()[-1]
    assert last.startswith("LOADED "), proc.stderr
    return ast.literal_eval(last.removeprefix("LOADED ")), proc.stdout


def test_importing_the_cli_does_not_load_textual():
    loaded, _ = _loaded("import cchc_tui.cli.main")
    assert loaded == []


def test_a_headless_command_does_not_load_textual(tmp_path):
    """`python -m cchc_tui agencies --data-dir TMP`, run the way `-m` runs it."""
    argv = ["cchc", "agencies", "--data-dir", str(tmp_path / "data")]
    loaded, out = _loaded(
        "import runpy\n"
        f"sys.argv = {argv!r}\n"
        "try:\n"
        "    runpy.run_module('cchc_tui', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as done:\n"
        "    assert done.code in (0, None), done.code"
    )
    assert "so-noi-vu" in out  # the command really ran
    assert loaded == []
