"""Authoring workbooks for tests, written cell by cell with the fixed headers."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from cchc_tui.domain.plan_sheet import INDICATOR_HEADERS, PLAN_HEADERS, TASK_HEADERS

META_2026 = [
    ("Số hiệu", "138/KH-UBND"),
    ("Ngày ban hành", "10/12/2025"),
    ("Cơ quan ban hành", "Ủy ban nhân dân tỉnh Tuyên Quang"),
    ("Tên kế hoạch", "Kế hoạch cải cách hành chính năm 2026"),
    ("Từ ngày", "01/01/2026"),
    ("Đến ngày", "31/12/2026"),
]
TASKS_2026 = [
    (
        "1.1",
        "Cải cách thể chế",
        "Rà soát văn bản quy phạm pháp luật về khoa học, công nghệ",
        "Sở Khoa học và Công nghệ",
        "Các sở, ban, ngành",
        "Báo cáo rà soát",
        "Quý I/2026",
        "Quý II/2026",
    ),
    (
        "1.2",
        "Cải cách thể chế",
        "Chuyển đổi số thủ tục hành chính",
        "So Khoa hoc va Cong nghe",
        "Sở Nội vụ; UBND các xã, phường",
        "",
        "Năm 2026",
        "Trước 30/9/2026",
    ),
    (
        "2.1",
        "Cải cách thủ tục hành chính",
        "Công khai thủ tục hành chính",
        "Sở Nội vụ",
        "Các cơ quan liên quan",
        "",
        "Thường xuyên",
        "Thường xuyên",
    ),
]
INDICATORS_2026 = [
    ("so_hoa", "Hồ sơ TTHC được số hóa", "%", "80%", "2026", "Sở, ban, ngành", "1.2"),
]
META_140 = [
    ("Số hiệu", "140/KH-UBND"),
    ("Ngày ban hành", "15/12/2025"),
    ("Cơ quan ban hành", "Ủy ban nhân dân tỉnh Tuyên Quang"),
    ("Tên kế hoạch", "Kế hoạch chuyển đổi số năm 2026"),
    ("Từ ngày", "01/01/2026"),
    ("Đến ngày", "31/12/2026"),
]
"""A second plan of 2026: its periods are the 138 plan's (2026-Q1 … 2026-Y)."""
TASKS_140 = [
    (
        "1.1",
        "Chuyển đổi số",
        "Xây dựng kho dữ liệu dùng chung của tỉnh",
        "Sở Nội vụ",
        "Sở Khoa học và Công nghệ",
        "Kho dữ liệu",
        "Năm 2026",
        "Quý II/2026",
    ),
]
INDICATORS_140 = [
    ("ho_so_so", "Hồ sơ được số hóa", "hồ sơ", "150", "2026", "Sở, ban, ngành", "1.1"),
]


def write_plan(
    path: Path,
    *,
    meta=META_2026,
    tasks=TASKS_2026,
    indicators=INDICATORS_2026,
    drop: str | None = None,
    merge: str | None = None,
) -> Path:
    """A plan workbook; `drop` leaves a sheet out, `merge` merges a range of NhiemVu."""
    book = Workbook()
    book.remove(book.active)
    for name, headers, rows in (
        ("KeHoach", PLAN_HEADERS, meta),
        ("NhiemVu", TASK_HEADERS, tasks),
        ("ChiTieu", INDICATOR_HEADERS, indicators),
    ):
        if name == drop:
            continue
        sheet = book.create_sheet(name)
        sheet.append(list(headers))
        for row in rows:
            sheet.append(list(row))
    if merge:
        book["NhiemVu"].merge_cells(merge)
    book.save(path)
    return path
