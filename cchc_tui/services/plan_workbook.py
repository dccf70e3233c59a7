"""The authoring workbook on disk: read its sheets (refusing merged cells), write a plan or
the empty template. Cells are written as text, never formulas.

A character XML cannot hold (ESC, a bell …) is stored by Excel as `_x001B_`; reading
undoes that escape (as Excel does), so domain/plan_sheet.py sees, and refuses, the
control character a person would have pasted, rather than taking `_x001B_` for text."""

from __future__ import annotations

import io
import re
from pathlib import Path

from cchc_tui.domain.plan_sheet import INDICATOR_SHEET, PLAN_SHEET, TASK_SHEET
from cchc_tui.domain.safe_text import cell_text
from cchc_tui.services.errors import NotWrittenError, ServiceError

MAX_BYTES = 20_000_000
"""A plan of a thousand tasks weighs well under a megabyte; anything this big is not one."""
WIDTHS = {PLAN_SHEET: (22, 90), TASK_SHEET: (8, 30, 60, 30, 40, 24, 20, 20)}
INDICATOR_WIDTHS = (14, 40, 8, 10, 12, 30, 14)
GUIDE_SHEET = "HuongDan"
GUIDE = (
    "Cách điền tệp kế hoạch (không đổi tên trang, không đổi dòng tiêu đề, không gộp ô):",
    "1. Trang KeHoach: cột Giá trị của Số hiệu (ví dụ 138/KH-UBND), Ngày ban hành, Cơ quan "
    "ban hành, Tên kế hoạch, Từ ngày, Đến ngày (ngày ghi dd/mm/yyyy).",
    "2. Trang NhiemVu: mỗi dòng một nhiệm vụ. Mã như I.1 hoặc 2.3; Nhóm là tên nhóm nhiệm vụ.",
    "   Cơ quan chủ trì, phối hợp: tên cơ quan, cách nhau bằng dấu chấm phẩy (;). Được ghi "
    "chung: Các sở, ban, ngành; UBND các xã, phường; Các cơ quan liên quan.",
    "   Thời hạn ghi như văn bản: Quý II/2026, Tháng 6/2026, Trước 30/6/2026, 30/06/2026, "
    "Năm 2026, 2026-2030, Hằng năm, Thường xuyên, Theo quy định.",
    "3. Trang ChiTieu (không bắt buộc): Mã, Tên chỉ tiêu, Đơn vị (%), Chỉ tiêu (ví dụ 80%), "
    "Năm (2026 hoặc 2026-2030), Áp dụng cho (Sở, ban, ngành; UBND cấp xã), Nhiệm vụ (mã).",
    "   Chỉ tiêu đếm số lượng: Đơn vị ghi hồ sơ, thủ tục, cơ quan… và Chỉ tiêu là số nguyên "
    "(ví dụ 150); mỗi cơ quan báo cáo một con số, Sở cộng lại. Đạt khi không thấp hơn chỉ tiêu.",
    "Các dòng ví dụ lấy từ Kế hoạch 56/KH-UBND: xóa đi rồi điền kế hoạch mới.",
    "Nạp tệp: cchc plan import TỆP.xlsx (xem trước), rồi thêm --yes để lưu.",
    "Sửa kế hoạch đã nạp (cùng số hiệu): sửa tệp, nạp lại với --replace để xem những gì thay "
    "đổi rồi thay; tiến độ đã ghi được giữ. Ô không được chứa ký tự điều khiển (dấu xuống dòng "
    "trong ô được coi là dấu cách).",
)


def read_workbook(path: Path) -> dict[str, list[tuple]]:
    """Sheet name → rows of cell values. ServiceError for a file that is not a workbook,
    too large, or has merged cells (named with their rows)."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        size = path.stat().st_size if path.is_file() else -1
    except OSError:
        size = -1
    if size < 0:
        raise ServiceError(f"Không mở được tệp {path}: kiểm tra tên và đường dẫn.")
    if size > MAX_BYTES or path.suffix.lower() != ".xlsx":
        raise ServiceError(f"Tệp {path} không phải tệp kế hoạch .xlsx (xem: cchc plan template).")
    try:
        book = load_workbook(io.BytesIO(path.read_bytes()), data_only=True)
    except PermissionError:
        raise ServiceError(
            f"Không đọc được tệp {path}: tệp đang mở ở chương trình khác hoặc không có quyền đọc."
        ) from None
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ServiceError(
            f"Tệp {path} không mở được như tệp Excel (.xlsx): kiểm tra lại tệp."
        ) from None
    merged = [
        f"trang {sheet.title} dòng {r.min_row}" + (f"-{r.max_row}" if r.max_row > r.min_row else "")
        for sheet in book.worksheets
        for r in sheet.merged_cells.ranges
    ]
    if merged:
        raise ServiceError(
            f"Tệp {path} có ô gộp ({'; '.join(merged[:5])}): bỏ gộp ô (mỗi ô một giá trị) rồi nạp lại."
        )
    return {
        s.title: [tuple(_unescaped(v) for v in r) for r in s.iter_rows(values_only=True)]
        for s in book.worksheets
    }


_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
"""Text that reads as an OOXML escape: written with its `_` escaped, as Excel does."""


def _unescaped(value: object) -> object:
    """A text cell as Excel shows it: OOXML's `_xHHHH_` escapes decoded (`_x005F_` is `_`)."""
    from openpyxl.utils.escape import unescape

    return unescape(value) if isinstance(value, str) else value


def _print_setup(sheet) -> None:
    """Landscape, one page wide, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def write_workbook(path: Path, sheets: dict[str, list[list[str]]], *, guide: bool = False) -> Path:
    """Write the sheets to `path` as text cells (atomically); NotWrittenError if refused."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from cchc_tui.store.files import atomic_write_bytes

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ServiceError(f"Tệp kế hoạch phải có đuôi .xlsx: {path}.")
    if path.is_dir():
        raise ServiceError(f"{path} là thư mục: ghi tên tệp, ví dụ {path / 'ke-hoach.xlsx'}.")
    book = Workbook()
    book.remove(book.active)
    if guide:
        sheet = book.create_sheet(GUIDE_SHEET)
        for line in GUIDE:
            sheet.append([line])
            sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
            sheet.row_dimensions[sheet.max_row].height = 15 * (-(-len(line) // 110))
        sheet.column_dimensions["A"].width = 120
        _print_setup(sheet)
    for name in (PLAN_SHEET, TASK_SHEET, INDICATOR_SHEET):
        sheet = book.create_sheet(name)
        for row in sheets.get(name, ()):
            sheet.append([_ESCAPE_LIKE.sub("_x005F_", cell_text(str(v))) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for letter, width in zip(
            "ABCDEFGH", WIDTHS.get(name, (14, 40, 8, 10, 12, 30, 14)), strict=False
        ):
            sheet.column_dimensions[letter].width = width
        widths = WIDTHS.get(name, INDICATOR_WIDTHS)
        for row in sheet.iter_rows(min_row=2):
            lines = 1
            for cell, width in zip(row, widths, strict=False):
                cell.data_type = "s"  # text from people: never a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                lines = max(lines, -(-len(str(cell.value or "")) // max(width - 2, 1)))
            sheet.row_dimensions[row[0].row].height = min(15 * lines, 400)
        sheet.freeze_panes = "A2"
        _print_setup(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    try:
        atomic_write_bytes(path, buffer.getvalue())
    except OSError as exc:
        raise NotWrittenError(
            path, "tệp đang mở trong Excel hoặc thư mục không cho ghi; đóng tệp rồi làm lại."
        ) from exc
    return path
