"""Time of loading a corrected plan from Sở Nội vụ on an agency's install.

A plan of N tasks (Plan 56's tasks repeated under new codes, default 200) is signed by a
fresh office key and loaded on a fresh agency install, which records progress on 30 of
its tasks. The correction, signed later, rewrites 20 tasks, removes 10 (with progress)
and adds 10. Timed on copies of that agency folder, each run: the preview
(`preview_plan`: verify, compare with the version held, count kept reports), applying
it (`apply_plan`), and the whole `cchc plan add FILE --yes` as a new process.

Usage: python benchmarks/plan_correction.py [--tasks 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PHRASE = "mat khau do thu"
TODAY = "2026-03-01"


def _plan(seed: dict, tasks: int) -> dict:
    """A 2026 plan of `tasks` tasks: Plan 56's tasks, codes I.1 … in six groups."""
    document = copy.deepcopy(seed)
    document["plan"] |= {"id": "300-2026", "number": "300/KH-UBND", "date": "2025-12-20"}
    document["plan"] |= {"start": "2026-01-01", "end": "2026-12-31"}
    rows = []
    for n in range(tasks):
        task = copy.deepcopy(seed["tasks"][n % len(seed["tasks"])])
        task |= {"code": f"{task['group']}.{n + 1}", "row": n + 1, "start": "2026", "end": "2026"}
        task["lead"] = {"text": "Sở Nội vụ", "refs": ["so-noi-vu"]}
        rows.append(task)
    document["tasks"], document["indicators"] = rows, []
    return document


def _corrected(document: dict) -> dict:
    new = copy.deepcopy(document)
    for task in new["tasks"][:20]:
        task["content"] += " (sửa đổi)"
    added = []
    for n in range(10):
        task = copy.deepcopy(new["tasks"][0])
        added.append(task | {"code": f"VI.{900 + n}", "content": f"Nhiệm vụ bổ sung {n}"})
    new["tasks"] = new["tasks"][:-10] + added
    return new


def _setup(root: Path, tasks: int) -> tuple[Path, Path]:
    from cchc_tui.cli.main import main
    from cchc_tui.domain.bundle.plan_letter import make_plan_letter
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services.catalog import load_registry
    from cchc_tui.services.office.office_key import unlock_office_key
    from cchc_tui.services.plans import plan_document_of
    from cchc_tui.services.workspace import open_workspace

    office, agency = root / "office", root / "agency"
    phrase = root / "phrase.txt"
    phrase.write_text(PHRASE, encoding="utf-8")
    common = ("--today", TODAY)
    main(["receiver", "init", "--officer", "Lan", "--data-dir", str(office), *common])
    main(["receiver", "key", "init", "--passphrase-file", str(phrase), "--data-dir", str(office)])
    key_file = root / "office-key.json"
    main(["receiver", "key", "export", "--out", str(key_file), "--data-dir", str(office)])
    ws = open_workspace(office, Clock(dt.date(2026, 3, 1)))
    try:
        document = _plan(plan_document_of(ws, "56-2020"), tasks)
        registry = [a for a in load_registry(ws) if a.id == "so-noi-vu"]
        key = unlock_office_key(ws, PHRASE)
    finally:
        ws.db.close()
    v1, v2 = root / "v1.json", root / "v2.json"
    v1.write_bytes(make_plan_letter(document, registry, key, issued_at="2026-01-02T08:00:00+07:00"))
    fixed = _corrected(document)
    v2.write_bytes(make_plan_letter(fixed, registry, key, issued_at="2026-02-02T08:00:00+07:00"))
    a = ("--data-dir", str(agency), *common)
    main(["init", "--agency", "so-noi-vu", "--officer", "B", *a])
    main(["office", "add", str(key_file), "--yes", *a])
    main(["plan", "add", str(v1), "--yes", *a])
    for task in document["tasks"][-30:]:
        main(
            [
                "progress",
                "set",
                "--plan",
                "300-2026",
                "--task",
                task["code"],
                "--period",
                "2026-Q1",
                "--status",
                "in_progress",
                "--progress",
                "10",
                "--result",
                "x",
                *a,
            ]
        )
    return agency, v2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import contextlib
    import io

    from cchc_tui.domain.clock import Clock
    from cchc_tui.services import plan_letters
    from cchc_tui.services.workspace import open_workspace

    root = Path(tempfile.mkdtemp(prefix="cchc-bench-correction-"))
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            agency, v2 = _setup(root, args.tasks)
        preview_ms, apply_ms, process_ms = [], [], []
        for run in range(args.runs):
            copy_dir = root / f"run{run}"
            shutil.copytree(agency, copy_dir)
            ws = open_workspace(copy_dir, Clock(dt.date(2026, 3, 1)))
            try:
                start = time.perf_counter()
                preview = plan_letters.preview_plan(ws, v2)
                preview_ms.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                plan_letters.apply_plan(ws, preview)
                apply_ms.append((time.perf_counter() - start) * 1000)
            finally:
                ws.db.close()
            other = root / f"proc{run}"
            shutil.copytree(agency, other)
            start = time.perf_counter()
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "cchc_tui",
                    "plan",
                    "add",
                    str(v2),
                    "--yes",
                    "--data-dir",
                    str(other),
                    "--today",
                    TODAY,
                ],
                capture_output=True,
                text=True,
                encoding="utf-8",
                check=False,
            )
            process_ms.append((time.perf_counter() - start) * 1000)
            assert done.returncode == 0, done.stderr
        changes = preview.replacement.changes
        print(
            f"plan of {args.tasks} tasks; correction: {len(changes.changed)} changed, "
            f"{len(changes.removed)} removed, {len(changes.added)} added; "
            f"{preview.replacement.kept_reports} reports kept"
        )
        for label, values in (
            ("preview (verify, compare, count)", preview_ms),
            ("apply (one transaction)", apply_ms),
            ("cchc plan add --yes (new process)", process_ms),
        ):
            print(
                f"{label:36} median {statistics.median(values):7.1f} ms  "
                f"max {max(values):7.1f} ms  ({args.runs} runs)"
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
