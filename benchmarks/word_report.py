"""Word reports (Nghị định 30/2020): time to write them, each as a whole `cchc` process.

1. The agency's 2025-Y report (`cchc report --period 2025-Y --docx`) on an agency
   install where every slot of Sở Nội vụ (the agency with the most tasks) is recorded
   with a result, difficulties, proposals, two documents and indicator values.
2. Its stage summary (`--stage 2021-2025`) with every year-end period recorded.
3. The office's consolidated report of a year of synthetic bundles for every agency
   (scripts/make_synthetic_bundles.py: 168 agencies in 2024 with 19 communes per
   district), imported with `cchc import`; `--period YEAR-Y --docx`, and `--stage`.

Median of 3 runs each; prints seconds, file size and annex rows.

Usage: python benchmarks/word_report.py [--communes 19] [--year 2024]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cchc(data: Path, today: str, *args: str) -> subprocess.CompletedProcess:
    """`cchc ARGS --data-dir DATA --today TODAY` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "cchc_tui", *args, "--data-dir", str(data), "--today", today],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def timed(data: Path, today: str, *args: str) -> float:
    """Median seconds of three runs; exits with the error line when one fails."""
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        done = cchc(data, today, *args)
        runs.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    return statistics.median(runs)


def describe(path: Path) -> str:
    """Size and the rows of the document's last two tables (Phụ lục I and II)."""
    from docx import Document

    tables = Document(str(path)).tables
    rows = ", ".join(str(len(t.rows)) for t in tables[-2:])
    return f"{path.stat().st_size / 1024:.0f} KiB, annex rows {rows}"


def record_everything(data: Path) -> int:
    """Every 2021–2025 slot of Sở Nội vụ recorded (year-end periods, plus 2025-Q1..Q3)."""
    from cchc_tui.domain.clock import Clock
    from cchc_tui.domain.progress import RawEntry
    from cchc_tui.services.progress import record_progress, resolve_slot
    from cchc_tui.services.settings import save_profile
    from cchc_tui.services.snapshot import period_snapshot
    from cchc_tui.services.workspace import open_workspace

    ws = open_workspace(data, Clock(dt.date(2025, 12, 10)))
    save_profile(ws, "so-noi-vu", "Nguyễn Văn A")
    periods = [f"{y}-Y" for y in range(2021, 2026)] + ["2025-Q1", "2025-H1", "2025-Q3"]
    n = 0
    for period in periods:
        for record in period_snapshot(ws, "so-noi-vu", period).records:
            slot = resolve_slot(ws, "so-noi-vu", record["task"], period)
            raw = RawEntry(
                status="in_progress",
                progress="60",
                result="Đã triển khai theo kế hoạch; " * 8,
                difficulties="Thiếu biên chế, kinh phí hạn chế.",
                proposals="Đề nghị bổ sung kinh phí.",
                evidence=[
                    ("12/KH-SNV", "05/03/2025", "Kế hoạch CCHC"),
                    ("30/BC-SNV", "10/06/2025", "Báo cáo sơ kết"),
                ],
                indicators={i: ("45", "50") for i in slot.indicator_ids},
            )
            record_progress(ws, slot, raw, "Nguyễn Văn A")
            n += 1
    ws.db.close()
    return n


def office_workspace(root: Path, year: int, communes: int) -> tuple[Path, str, int]:
    """A receiving install holding a synthetic year of bundles; (data, today, bundles)."""
    data, today = root / "office", dt.date(year + 1, 1, 20).isoformat()
    script = ROOT / "scripts" / "make_synthetic_bundles.py"
    subprocess.run(
        [
            sys.executable,
            str(script),
            str(root / "set"),
            "--year",
            str(year),
            "--communes",
            str(communes),
            "--data-dir",
            str(data),
            "--enrol",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    cchc(data, today, "receiver", "init", "--officer", "Trần Văn B")
    done = cchc(data, today, "import", str(root / "set" / "bundles"))
    if done.returncode not in (0, 1):  # 1: the synthetic set holds refused files on purpose
        sys.exit(f"import failed: {done.stderr.strip()}")
    return data, today, len(list((root / "set" / "bundles").rglob("*.json")))


def main() -> int:
    """Build both installs, then time each report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=19)
    parser.add_argument("--year", type=int, default=2024)
    args = parser.parse_args()
    os.environ.pop("CCHC_HOME", None)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        agency = root / "agency"
        slots = record_everything(agency)
        out = root / "out"
        seconds = timed(
            agency, "2025-12-10", "report", "--period", "2025-Y", "--docx", str(out / "agency.docx")
        )
        print(
            f"agency 2025-Y report (so-noi-vu, {slots} slots recorded over the stage): "
            f"{seconds:.2f} s; {describe(out / 'agency.docx')}"
        )
        seconds = timed(
            agency,
            "2025-12-10",
            "report",
            "--stage",
            "2021-2025",
            "--docx",
            str(out / "agency-stage.docx"),
        )
        print(
            f"agency stage 2021-2025 summary: {seconds:.2f} s; "
            f"{describe(out / 'agency-stage.docx')}"
        )
        data, today, bundles = office_workspace(root, args.year, args.communes)
        period = f"{args.year}-Y"
        seconds = timed(
            data, today, "report", "--period", period, "--docx", str(out / "office.docx")
        )
        from docx import Document

        agencies = len(Document(str(out / "office.docx")).tables[-1].rows) - 1
        print(
            f"office consolidated {period} report ({agencies} agencies expected, {bundles} "
            f"bundle files imported): {seconds:.2f} s; {describe(out / 'office.docx')}"
        )
        seconds = timed(
            data, today, "report", "--stage", "2021-2025", "--docx", str(out / "office-stage.docx")
        )
        print(
            f"office stage 2021-2025 summary: {seconds:.2f} s; "
            f"{describe(out / 'office-stage.docx')}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
