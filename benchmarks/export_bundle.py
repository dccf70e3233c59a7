"""Export + sign + read-back of a year-long period as whole-process time, and verify rate.

The agency (Sở Nội vụ) reports every slot of 2025-Y with long Vietnamese texts and five
evidence documents each; then `cchc export` runs as a separate process (timed whole),
and the written bundle is verified in a loop (bundles per second).

It also drives the export screen headless (F6, passphrase, Enter) and times opening the
screen (the preview of every slot) and Enter to the verified result on screen.

Usage: python benchmarks/export_bundle.py [--runs N]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cchc_tui.domain.bundle.verify import RegisteredKey, verify_bundle
from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import keys, progress, tasks
from cchc_tui.services.workspace import open_workspace

PHRASE = "mat khau do kiem"
PARAGRAPH = (
    "Đã tổ chức triển khai đầy đủ các nội dung cải cách hành chính, trọng tâm là cải cách "
    "thủ tục hành chính; rà soát, đơn giản hóa quy trình, công khai kết quả giải quyết hồ sơ "
    "trên Cổng Dịch vụ công của tỉnh và tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích. "
)


def seed_year(home: Path) -> int:
    """Fill every 2025-Y slot of so-noi-vu; returns the number of slots."""
    ws = open_workspace(home, Clock(dt.date(2025, 12, 10)))
    keys.init_key(ws, "so-noi-vu", PHRASE)
    _, period, rows = tasks.agency_tasks(ws, "so-noi-vu", "2025-Y")
    count = 0
    for row in rows:
        if not row.active:
            continue
        slot = progress.resolve_slot(ws, "so-noi-vu", row.code, period.id)
        evidence = [
            (f"{n + 10}/KH-SNV", f"{n + 1:02d}/0{n + 3}/2025", PARAGRAPH[:120]) for n in range(5)
        ]
        raw = RawEntry(
            status="in_progress",
            progress="75",
            result=PARAGRAPH * 8,
            difficulties=PARAGRAPH * 2,
            proposals=PARAGRAPH * 2,
            evidence=evidence,
        )
        progress.record_progress(ws, slot, raw, "Nguyễn Thị Hồng Nhung")
        count += 1
    ws.db.close()
    return count


async def tui_export(home: Path, runs: int) -> tuple[float, float]:
    """Median seconds: F6 to the preview painted, and Enter to the verified result."""
    from cchc_tui.app import CchcApp

    opened, signed = [], []
    for run in range(runs):
        ws = open_workspace(home, Clock(dt.date(2025, 12, 10)))
        slot = progress.resolve_slot(ws, "so-noi-vu", "I.6", "2025-Y")
        progress.record_progress(ws, slot, RawEntry("in_progress", str(20 + run)), "bench")
        app = CchcApp(ws, agency_id="so-noi-vu", officer="bench")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("f6")
            await pilot.pause()
            opened.append(time.perf_counter() - start)
            await pilot.press(*PHRASE)
            start = time.perf_counter()
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            signed.append(time.perf_counter() - start)
            assert "đã đọc lại và kiểm tra chữ ký" in str(
                app.screen.query_one("#export-result").render()
            )
        ws.db.close()
    return statistics.median(opened), statistics.median(signed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="cchc-export-"))
    slots = seed_year(home)
    env = {
        **os.environ,
        "CCHC_HOME": str(home),
        "CCHC_TODAY": "2025-12-10",
        "CCHC_PASSPHRASE": PHRASE,
    }
    times, path = [], None
    for run in range(args.runs):
        out = home / f"out{run}"
        # A new result each run so every export really signs (not a replay).
        extra = [
            "progress",
            "set",
            "--agency",
            "so-noi-vu",
            "--task",
            "I.3",
            "--period",
            "2025-Y",
            "--status",
            "in_progress",
            "--progress",
            str(10 + run),
            "--by",
            "bench",
        ]
        subprocess.run(
            [sys.executable, "-m", "cchc_tui", *extra], env=env, check=True, capture_output=True
        )
        start = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "cchc_tui",
                "export",
                "--agency",
                "so-noi-vu",
                "--period",
                "2025-Y",
                "--out",
                str(out),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(time.perf_counter() - start)
        path = Path(proc.stdout.strip())
    raw = path.read_bytes()
    ws = open_workspace(home, Clock(dt.date(2025, 12, 10)))
    key = keys.active_key(ws, "so-noi-vu")
    registered = RegisteredKey("so-noi-vu", key.public_key, key.key_id)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 3.0:
        verify_bundle(raw, lambda kid: registered)
        n += 1
    rate = n / (time.perf_counter() - start)
    print(f"slots in 2025-Y: {slots}; bundle size: {len(raw) / 1024:.0f} KiB")
    print(
        f"cchc export (whole process, incl. argon2id unlock): median {statistics.median(times):.2f} s over {args.runs} runs"
    )
    print(f"verify: {rate:.0f} bundles/s for this bundle")
    ws.db.close()
    opened, signed = asyncio.run(tui_export(home, args.runs))
    print(
        f"export screen: F6 to preview {opened * 1000:.0f} ms; Enter to verified result "
        f"{signed:.2f} s (median of {args.runs}, in-process, headless)"
    )


if __name__ == "__main__":
    main()
