"""Import of emailed bundles: every file through the contract's checks, then the chain.

Files are verified first (any order), then applied per agency in seq order, each file
all or nothing (a savepoint; one commit per `BATCH` files), so a folder of attachments
imports the same whatever the file names, and an interrupted import can simply be run
again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from cchc_tui.services.office import chain
from cchc_tui.services.office.checks import CheckContext, Refusal, check_file
from cchc_tui.services.office.outcome import ImportOutcome
from cchc_tui.services.workspace import Workspace

BATCH = 100
"""Verified bundles placed in their chains per commit. Each commit waits for the disk
(FULL sync), which took longer than the checks; the files placed before an interruption
(Ctrl+C) are committed with their batch, so the import can still simply be run again."""

__all__ = [
    "ImportOutcome",
    "collect_files",
    "import_files",
    "outcomes_json",
]


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: each file as given; `*.json` under each folder, sorted."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() == ".json" and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return found


def import_files(
    ws: Workspace,
    paths: Iterable[Path],
    on_progress: Callable[[int, int], None] | None = None,
) -> list[ImportOutcome]:
    """Import files and folders; one outcome per file, in the order the files were listed."""
    files = collect_files(paths)
    ctx = CheckContext(ws)
    total = len(files) * 2
    results: dict[int, ImportOutcome] = {}
    checked = []
    for index, path in enumerate(files):
        item = check_file(ctx, index, path)
        if isinstance(item, Refusal):
            chain.store_rejection(ws, ctx, item)
            results[index] = item.outcome
        else:
            checked.append(item)
        if on_progress:
            on_progress(index + 1, total)
    checked.sort(key=lambda c: (c.agency_id, c.seq, c.index))
    done = len(files) + len(results)
    if on_progress and results:
        on_progress(done, total)
    for start in range(0, len(checked), BATCH):
        with ws.db.batch():  # each file still all or nothing; one wait for the disk
            for item in checked[start : start + BATCH]:
                results[item.index] = chain.apply_to_chain(ws, ctx, item)
                done += 1
                if on_progress:
                    on_progress(done, total)
    return [results[i] for i in range(len(files))]


def outcomes_json(outcomes: list[ImportOutcome]) -> str:
    """The `--json` output."""
    return json.dumps([o.to_dict() for o in outcomes], ensure_ascii=False, indent=2)
