"""Reading a commune list file (CSV or Excel): columns Tên, Loại, Từ ngày, and Tỉnh cũ.

The file is data: every cell is read as text or a date, never evaluated. A file with
any unusable line is refused whole, naming the lines; nothing is written here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.strictjson import read_capped
from cchc_tui.domain.communes import CommuneError, parse_rows
from cchc_tui.services.agencies import CommuneImport, check_listings
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace

MAX_BYTES = 5_000_000
"""A list of a province's communes weighs a few kilobytes; anything this big is not one."""
MAX_ERRORS_SHOWN = 5


def _csv_rows(data: bytes, name: str) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ServiceError(
            f"Tệp {name} không phải văn bản UTF-8: trong Excel chọn Lưu thành > "
            "CSV UTF-8 (phân tách bằng dấu phẩy), hoặc dùng tệp .xlsx."
        ) from None
    first = text.splitlines()[0] if text else ""
    delimiter = max(",;\t", key=first.count)
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes, name: str) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ServiceError(
            f"Tệp {name} không mở được như tệp Excel (.xlsx): kiểm tra lại tệp."
        ) from None
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_rows(path: Path) -> list[list[object]]:
    """The rows of a .csv or .xlsx file; ServiceError for a file that cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ServiceError(
            f"Tệp {path.name}: chỉ nhận tệp .csv hoặc .xlsx (cột Tên, Loại, Từ ngày, Tỉnh cũ)."
        )
    if path.is_dir():
        raise ServiceError(f"{path} là thư mục, không phải tệp danh sách xã.")
    try:
        data = read_capped(path, MAX_BYTES)  # a pipe or a device is refused, never waited on
    except BundleError as exc:
        if exc.code == "too_large":
            raise ServiceError(f"Tệp {path.name} quá lớn để là danh sách xã, phường.") from None
        raise ServiceError(
            f"{path} không phải tệp thông thường (ống dẫn, thiết bị…): chọn tệp .csv hoặc "
            ".xlsx danh sách xã, phường."
        ) from None
    except FileNotFoundError:
        raise ServiceError(f"Không thấy tệp {path}.") from None
    except OSError as exc:
        raise ServiceError(f"Không đọc được tệp {path}: {exc.strerror}.") from None
    return _csv_rows(data, path.name) if suffix == ".csv" else _xlsx_rows(data, path.name)


def read_commune_file(ws: Workspace, path: Path) -> CommuneImport:
    """Read and check a commune list: what would be added and what is already registered."""
    path = Path(path)
    rows = read_rows(path)
    try:
        listings, errors = parse_rows(rows)
    except CommuneError as exc:
        raise ServiceError(f"Tệp {path.name}: {exc}.") from None
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
        more = f" (và {len(errors) - MAX_ERRORS_SHOWN} dòng khác)" if len(errors) > 5 else ""
        raise ServiceError(
            f"Tệp {path.name} có {len(errors)} dòng không dùng được, chưa thêm xã nào: "
            f"{shown}{more}. Sửa tệp rồi chạy lại."
        )
    if not listings:
        raise ServiceError(f"Tệp {path.name} không có xã, phường nào (chỉ có dòng tiêu đề).")
    return check_listings(ws, path.name, listings)
