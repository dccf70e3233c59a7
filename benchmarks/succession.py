"""Time of the 2025 reorganisation's role resolution on a province-sized registry.

Builds a data folder with the seeded registry, N old communes per district (added under
their district, so they end on 30/6/2025 and pass to the communes) and M two-tier
communes, then times `predecessor_map` and the office's `task_progress` (every task ×
every expected agency, inherited roles included) for 2025-H1 and 2025-Y.

Usage: python benchmarks/succession.py [--old-per-district 19] [--new 124] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))


def median_ms(fn, runs: int) -> float:
    """Median milliseconds of `fn()` over `runs` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-per-district", type=int, default=19)
    parser.add_argument("--new", type=int, default=124)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import synthetic

    from cchc_tui.domain.clock import Clock
    from cchc_tui.domain.communes import CommuneListing
    from cchc_tui.domain.succession import predecessor_map
    from cchc_tui.services import catalog
    from cchc_tui.services.agencies import check_listings, import_communes
    from cchc_tui.services.office.consolidated import period_data, task_progress
    from cchc_tui.services.workspace import open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        ws = open_workspace(Path(tmp), Clock(dt.date(2025, 12, 16)))
        synthetic.register_communes(ws, args.old_per_district)
        listings = [
            CommuneListing(i, f"xa-moi-{i}", f"Xã Mới {i}", "xa", dt.date(2025, 7, 1), None)
            for i in range(args.new)
        ]
        import_communes(ws, check_listings(ws, "benchmark", listings))
        registry = catalog.load_registry(ws, refresh=True)
        print(f"registry: {len(registry)} agencies")
        for period_id in ("2025-H1", "2025-Y"):
            period = catalog.find_period(ws, period_id)
            preds = predecessor_map(registry, period.end)
            data = period_data(ws, period_id)
            most = max((len(p) for p in preds.values()), default=0)
            pm = median_ms(lambda p=period: predecessor_map(registry, p.end), args.runs)
            tp = median_ms(lambda p=period_id, d=data: task_progress(ws, p, data=d), args.runs)
            print(
                f"{period_id}: predecessor_map {pm:.1f} ms, task_progress {tp:.1f} ms"
                f" (most predecessors of one agency: {most})"
            )
        ws.db.close()


if __name__ == "__main__":
    main()
