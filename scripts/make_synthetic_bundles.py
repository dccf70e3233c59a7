"""Write synthetic enrolments and signed bundles for every agency over a year's periods.

Usage:
    python scripts/make_synthetic_bundles.py OUT [--year 2024] [--communes 19] [--seed 56]
        [--no-faults] [--data-dir DIR [--enrol]]

OUT gets keys/*.enrolment.json, bundles/ (the "saved attachments", faults in
bundles/z-extra/) and manifest.json (each file's expected import verdict). With
--data-dir, the synthetic communes are added to that workspace's registry (so the
office can import them) and, with --enrol, every key is registered in its keyring.
The logic lives in scripts/synthetic.py (tests use it too).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
from pathlib import Path

import synthetic

from cchc_tui.domain.clock import Clock
from cchc_tui.services.catalog import load_plan, load_registry
from cchc_tui.services.office import keyring
from cchc_tui.services.workspace import open_workspace


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--communes", type=int, default=19, help="synthetic communes per district")
    parser.add_argument("--seed", type=int, default=56)
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--data-dir", type=Path, help="workspace to add the communes to")
    parser.add_argument("--enrol", action="store_true", help="also register every key there")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        ws = open_workspace(data_dir, Clock(dt.date(args.year + 1, 1, 20)))
        synthetic.register_communes(ws, args.communes)
        plan = load_plan(ws)
        periods = [p for p in plan.periods if p.year == args.year]
        agencies = list(load_registry(ws, refresh=True))
        made = synthetic.make_set(
            plan, agencies, periods, args.out, seed=args.seed, faults=not args.no_faults
        )
        if args.data_dir and args.enrol:
            for path in made.enrolments.values():
                keyring.add_enrolment(ws, keyring.preview_enrolment(ws, path.read_bytes()))
        ws.db.close()
    manifest = {
        "year": args.year,
        "agencies": len(agencies),
        "communes_per_district": args.communes,
        "files": made.expected,
    }
    (args.out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8"
    )
    counts: dict[str, int] = {}
    for verdict in made.expected.values():
        counts[verdict] = counts.get(verdict, 0) + 1
    print(
        f"{len(agencies)} cơ quan, {len(made.bundles)} tệp gói báo cáo trong {args.out}: {counts}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
