"""Build a folder that installs cchc-tui on office PCs without Internet.

    python scripts/build_offline_bundle.py OUT [--platform linux|windows|all]
                                               [--python 3.11 ...] [--source DIR]

Only this step needs the package index. It builds the project's wheel from the working
tree (`pip wheel --no-deps`, in a temporary copy so the tree stays clean), downloads wheels
of every dependency for Windows x64 and Linux x64 (manylinux, glibc >= 2.28) and each
CPython version (default 3.10-3.14), then checks per OS and version that an offline install
finds everything, with the target's markers and tags (pip judges markers on this machine).
A version that lacks a wheel is reported and left out of README.txt and the install
scripts, which come from scripts/offline/. OUT must be new or empty.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from offline.wheelset import TARGETS, Target, missing_requirements, read_wheel

PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
TEMPLATES = Path(__file__).resolve().parent / "offline"
FILES = {"windows": ("install.bat", "cchc.bat"), "linux": ("install.sh", "cchc.sh")}
SKIP_IN_COPY = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".*_cache", "tests"
)


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this interpreter's pip; output captured as UTF-8 text."""
    return subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        check=False,
    )


def build_project_wheel(source: Path, into: Path) -> Path:
    """`pip wheel --no-deps` of a copy of `source`; returns the wheel file."""
    copy = into / "source"
    shutil.copytree(source, copy, ignore=SKIP_IN_COPY)
    done = pip("wheel", "--no-deps", "--quiet", "--wheel-dir", str(into / "wheel"), str(copy))
    if done.returncode:
        raise SystemExit(f"pip wheel failed:\n{done.stderr}")
    return next((into / "wheel").glob("*.whl"))


def download(requirements: list[str], folder: Path, target: Target, python: str) -> str:
    """`pip download` binary wheels for `target` and CPython `python`; pip's error or ''."""
    abi = "cp" + python.replace(".", "")
    flags = [f"--platform={p}" for p in target.platforms]
    done = pip(
        "download", "--only-binary=:all:", "--implementation=cp", f"--python-version={python}",
        f"--abi={abi}", "--abi=abi3", "--abi=none", *flags, "--dest", str(folder), *requirements,
    )  # fmt: skip
    if done.returncode == 0:
        return ""
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERROR")]
    return "; ".join(errors) or done.stderr.strip()[-300:]


def collect(project: Path, folder: Path, target: Target, python: str) -> list[str]:
    """Fill `folder` for one OS and version; what is still missing (empty: all there)."""
    error = download([str(project)], folder, target, python)
    if error:  # pip names the requirement that has no wheel
        return re.findall(r"for the requirement (\S+)", error) or [error]
    name = read_wheel(project).name
    for _round in range(3):  # markers pip judged on this machine: fetch what the target needs
        missing = missing_requirements(folder, name, target, python)
        if not missing or download(missing, folder, target, python):
            return missing
    return missing_requirements(folder, name, target, python)


def render(template: str, values: dict[str, str], platforms: list[str]) -> str:
    """Fill @@NAME@@ fields; keep `{win}`/`{linux}` lines only for the bundled platforms."""
    lines = []
    for line in template.splitlines():
        for plat, mark in (("windows", "{win}"), ("linux", "{linux}")):
            if line.startswith(mark):
                line = line[len(mark) :] if plat in platforms else None
                break
        if line is not None:
            lines.append(line)
    text = "\n".join(lines) + "\n"
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    return text


def write_scripts(out: Path, version: str, supported: dict[str, list[str]]) -> None:
    """install/launch scripts per platform and README.txt, from scripts/offline/."""
    values = {"VERSION": version, "DATE": dt.date.today().strftime("%d/%m/%Y")}
    for plat, pythons in supported.items():
        values[f"PYTHONS_{plat.upper()}"] = ", ".join(pythons)
    for plat, pythons in supported.items():
        values |= {
            "PYTHONS": " ".join(reversed(pythons)),
            "PYTHONS_TEXT": ", ".join(pythons),
            "PYTHON_TUPLES": repr(tuple(tuple(map(int, p.split("."))) for p in pythons)),
        }
        for name in FILES[plat]:
            text = render((TEMPLATES / name).read_text("utf-8"), values, list(supported))
            if name.endswith(".bat"):  # cmd.exe reads the OEM code page: ASCII, CRLF
                (out / name).write_bytes(text.replace("\n", "\r\n").encode("ascii"))
            else:
                (out / name).write_text(text, "utf-8", newline="\n")
                (out / name).chmod(0o755)
    readme = render((TEMPLATES / "README.txt").read_text("utf-8"), values, list(supported))
    # BOM and CRLF: Notepad on older Windows 10 builds guesses the encoding otherwise.
    (out / "README.txt").write_bytes(readme.replace("\n", "\r\n").encode("utf-8-sig"))


def folder_size(folder: Path) -> int:
    """Bytes in every file under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    """Build the bundle; print what each OS and Python version gets, its size and time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--platform", choices=("linux", "windows", "all"), default="all")
    parser.add_argument("--python", action="append", choices=PYTHONS, help="repeatable")
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    if out.exists() and any(out.iterdir()):
        parser.error(f"{out} is not empty")
    platforms = ["windows", "linux"] if args.platform == "all" else [args.platform]
    pythons = sorted(args.python or PYTHONS, key=lambda v: tuple(map(int, v.split("."))))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        project = build_project_wheel(args.source.resolve(), Path(tmp))
        version = str(read_wheel(project).version)
        supported: dict[str, list[str]] = {}
        for plat in platforms:
            folder = out / "wheels" / plat
            folder.mkdir(parents=True)
            shutil.copy2(project, folder)
            supported[plat] = []
            for python in pythons:
                missing = collect(folder / project.name, folder, TARGETS[plat], python)
                if missing:
                    print(f"{plat} CPython {python}: left out, no wheel for {', '.join(missing)}")
                else:
                    supported[plat].append(python)
            print(f"{plat}: CPython {', '.join(supported[plat]) or 'none'}")
    supported = {plat: pythons for plat, pythons in supported.items() if pythons}
    if not supported:
        print("no platform has every wheel it needs", file=sys.stderr)
        return 1
    write_scripts(out, version, supported)
    for plat in platforms:
        folder = out / "wheels" / plat
        count = len(list(folder.glob("*.whl")))
        print(f"wheels/{plat}: {count} wheels, {folder_size(folder) / 2**20:.1f} MiB")
    print(f"cchc-tui {version}: {out} {folder_size(out) / 2**20:.1f} MiB,", end=" ")
    print(f"built in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
