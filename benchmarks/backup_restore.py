"""Backup and restore of a database with a full 2020–2025 history, as whole processes.

One agency (Sở Nội vụ) reports every active slot of every period of the plan (2020 to
2025-Y), three revisions each with Vietnamese texts (words drawn at random, ~1 KB per
revision) and an evidence document, and exports each
period (a signed bundle per period). Then `cchc backup`, `cchc doctor` and `cchc restore
--yes` run as separate processes, each timed whole; the figures are the database and zip
sizes and the median seconds.

Usage: python benchmarks/backup_restore.py [--runs N] [--revisions R]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import catalog, export, keys, progress, tasks
from cchc_tui.services.settings import save_profile
from cchc_tui.services.workspace import DB_NAME, open_workspace

PHRASE = "mat khau do kiem"
AGENCY = "so-noi-vu"
WORDS = (
    "Đã tổ chức triển khai đầy đủ các nội dung cải cách hành chính, trọng tâm là cải cách "
    "thủ tục hành chính; rà soát, đơn giản hóa quy trình, công khai kết quả giải quyết hồ sơ "
    "trên Cổng Dịch vụ công của tỉnh, tiếp nhận trả kết quả qua bưu chính công ích, số hóa "
    "hồ sơ, chữ ký số, kiểm tra, đôn đốc, tập huấn, tuyên truyền, khảo sát mức độ hài lòng"
)
VOCABULARY = WORDS.split(" ")


def text(rng: random.Random, words: int) -> str:
    """Vietnamese prose of `words` words drawn at random (compresses like real notes, not
    like one paragraph repeated)."""
    return " ".join(rng.choice(VOCABULARY) for _ in range(words)) + "."


def fill_history(home: Path, revisions: int) -> tuple[int, int, int]:
    """Every period's active slots, `revisions` saves each, one export per period.

    Returns (periods, revisions saved, bundles exported)."""
    ws = open_workspace(home, Clock(dt.date(2025, 12, 10)))
    save_profile(ws, AGENCY, "Nguyễn Thị Hồng Nhung")
    keys.init_key(ws, AGENCY, PHRASE)
    periods = [p for p in catalog.load_plan(ws).periods if p.id <= "2025-Y"]
    saved = exported = 0
    rng = random.Random(56)
    for period in periods:
        _, _, rows = tasks.agency_tasks(ws, AGENCY, period.id)
        for row in rows:
            if not row.active:
                continue
            slot = progress.resolve_slot(ws, AGENCY, row.code, period.id)
            for n in range(revisions):
                evidence = [(f"{n + 10}/KH-SNV", "05/03/2024", text(rng, 15))]
                raw = RawEntry(
                    status="done" if n == revisions - 1 else "in_progress",
                    progress=str(min(100, 40 + 30 * n)),
                    result=text(rng, 120),
                    difficulties=text(rng, 30),
                    proposals=text(rng, 30),
                    evidence=evidence,
                )
                progress.record_progress(ws, slot, raw, "Nguyễn Thị Hồng Nhung")
                saved += 1
        export.export_period(ws, AGENCY, period.id, PHRASE)
        exported += 1
    ws.db.close()
    return len(periods), saved, exported


def cchc(home: Path, *args: str) -> tuple[float, str]:
    """Seconds of one `cchc` process and its stdout."""
    env = {**os.environ, "CCHC_PASSPHRASE": PHRASE}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "cchc_tui", *args, "--data-dir", str(home)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"cchc {' '.join(args)}: {done.returncode}\n{done.stderr}")
    return elapsed, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--revisions", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cchc-bench-backup-") as tmp:
        home, usb = Path(tmp) / "data", Path(tmp) / "usb"
        start = time.perf_counter()
        periods, saved, exported = fill_history(home, args.revisions)
        print(
            f"history: {periods} periods, {saved} revisions, {exported} bundles "
            f"(built in {time.perf_counter() - start:.0f} s)"
        )
        print(f"database: {(home / DB_NAME).stat().st_size / 2**20:.1f} MiB")
        backups, doctors, restores = [], [], []
        zipped = None
        for _ in range(args.runs):
            seconds, out = cchc(home, "backup", "--out", str(usb))
            backups.append(seconds)
            zipped = Path(out.strip().splitlines()[-1])
            doctors.append(cchc(home, "doctor")[0])
        assert zipped is not None
        print(f"backup zip: {zipped.stat().st_size / 2**20:.1f} MiB")
        for _ in range(args.runs):
            restores.append(cchc(home, "restore", str(zipped), "--yes")[0])
        for name, values in (("backup", backups), ("doctor", doctors), ("restore", restores)):
            print(f"cchc {name}: median {statistics.median(values):.2f} s over {len(values)} runs")


if __name__ == "__main__":
    main()
