"""Time of loading a plan from the authoring workbook: a 200-task plan (the default).

Writes a workbook of N tasks in 10 groups (leads and partners named from the registry,
collective wordings, every deadline form), then times, in a fresh data folder each run:
reading and checking it (`preview_import`), storing it (`import_plan_document`), and the
whole `cchc plan import FILE --yes` as a new process.

Usage: python benchmarks/plan_import.py [--tasks 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEADLINES = (
    "Quý II/2026",
    "Tháng 6/2026",
    "Trước 30/9/2026",
    "30/06/2026",
    "Năm 2026",
    "2026-2030",
    "Hằng năm",
    "Thường xuyên",
    "Theo quy định",
    "6 tháng đầu năm 2026",
)
PARTNERS = (
    "Các sở, ban, ngành",
    "UBND các xã, phường",
    "Sở Nội vụ; Sở Tư pháp",
    "Các cơ quan liên quan",
    "Sở Tài chính; Văn phòng UBND tỉnh",
)


def write_workbook(path: Path, tasks: int, leads: list[str]) -> None:
    """A plan of `tasks` tasks in the fixed format."""
    from openpyxl import Workbook

    from cchc_tui.domain.plan_sheet import PLAN_HEADERS, TASK_HEADERS

    book = Workbook()
    book.remove(book.active)
    meta = book.create_sheet("KeHoach")
    meta.append(list(PLAN_HEADERS))
    for row in (
        ("Số hiệu", "300/KH-UBND"),
        ("Ngày ban hành", "20/12/2025"),
        ("Cơ quan ban hành", "UBND tỉnh Tuyên Quang"),
        ("Tên kế hoạch", "Kế hoạch cải cách hành chính giai đoạn 2026-2030"),
        ("Từ ngày", "01/01/2026"),
        ("Đến ngày", "31/12/2030"),
    ):
        meta.append(list(row))
    sheet = book.create_sheet("NhiemVu")
    sheet.append(list(TASK_HEADERS))
    for i in range(tasks):
        group, number = divmod(i, 20)
        sheet.append(
            [
                f"{group + 1}.{number + 1}",
                f"Nhóm nhiệm vụ {group + 1}",
                f"Nhiệm vụ số {i + 1}: nâng cao chất lượng cải cách hành chính",
                leads[i % len(leads)],
                PARTNERS[i % len(PARTNERS)],
                "Báo cáo",
                "2026",
                DEADLINES[i % len(DEADLINES)],
            ]
        )
    book.save(path)


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services import plans
    from cchc_tui.services.catalog import load_registry
    from cchc_tui.services.workspace import open_workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ws = open_workspace(root / "names", Clock())
        leads = [a.name for a in load_registry(ws).of_kind("department") if a.valid_to is None]
        ws.db.close()
        path = root / "plan.xlsx"
        write_workbook(path, args.tasks, leads)
        size = path.stat().st_size // 1024
        read, store, process = [], [], []
        for run in range(args.runs):
            ws = open_workspace(root / f"run{run}", Clock())
            start = time.perf_counter()
            preview = plans.preview_import(ws, path)
            read.append(time.perf_counter() - start)
            assert preview.ok, (preview.problems[:3], preview.unresolved[:3])
            start = time.perf_counter()
            plans.import_plan_document(ws, preview.document)
            store.append(time.perf_counter() - start)
            ws.db.close()
            data = root / f"cli{run}"
            open_workspace(data, Clock()).db.close()  # first-run seeding is not the import
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "cchc_tui",
                    "plan",
                    "import",
                    str(path),
                    "--yes",
                    "--data-dir",
                    str(data),
                ],
                check=True,
                capture_output=True,
            )
            process.append(time.perf_counter() - start)
    print(f"plan of {args.tasks} tasks, {size} KiB, median of {args.runs} runs:")
    print(f"  read and check (preview_import): {median_ms(read):8.1f} ms")
    print(f"  store (import_plan_document):    {median_ms(store):8.1f} ms")
    print(f"  cchc plan import --yes (process): {median_ms(process):8.1f} ms")


if __name__ == "__main__":
    main()
