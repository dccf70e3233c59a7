"""Faults of the machine or the data file, as the officer reads them: one Vietnamese line
that says what is wrong and what to do, an exit code (2 refused input, 3 the machine or
the data file), and the full traceback in `DATA/logs/cchc-errors.log`.

`report(exc, data_dir)` is the one entry: the command line (cli/main.py), the app's crash
screen and the background writes of the app all call it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from dataclasses import dataclass, replace
from pathlib import Path

from cchc_tui.services.errors import NotWrittenError

EXIT_REFUSED = 2
EXIT_MACHINE = 3
DB_NAME = "cchc.sqlite3"
LOG_DIR = "logs"
LOG_NAME = "cchc-errors.log"
LOG_MAX_BYTES = 512 * 1024
"""A log larger than this becomes `cchc-errors.log.1` (replacing the older one)."""

KEPT = "phần đang làm dở không được lưu, dữ liệu đã lưu trước đó vẫn còn nguyên"
WINDOWS_SHARING = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
WINDOWS_NAME_TOO_LONG = 206  # ERROR_FILENAME_EXCED_RANGE


@dataclass(frozen=True)
class Fault:
    """A fault as told: `kind` (stable id), `message` (without "Lỗi: "), exit code, and
    the log file the traceback went to (None when the data folder is not writable)."""

    kind: str
    message: str
    exit_code: int
    log: Path | None = None

    @property
    def line(self) -> str:
        """The one line the officer reads."""
        text = f"Lỗi: {self.message}"
        return f"{text} Chi tiết kỹ thuật: {self.log}" if self.log else text


def short(path: object, limit: int = 160) -> str:
    """A path as shown in a line: long ones keep their start and end."""
    text = str(path).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= limit else f"{text[: limit // 2]}…{text[-limit // 2 :]}"


def _restore_hint(data_dir: Path) -> str:
    folder = data_dir / "backups"
    try:
        zipped = max(folder.glob("cchc-backup_*.zip"), default=None)
        newest = max(folder.glob("cchc-*.sqlite3"), default=None)
    except OSError:
        zipped = newest = None
    if zipped is not None:
        return (
            f"chạy cchc doctor để xem tình trạng, rồi khôi phục bản sao lưu gần nhất: "
            f"cchc restore {short(zipped)} (tệp hiện tại được giữ lại để kiểm tra)"
        )
    if newest is None:
        return (
            f"chưa có bản sao lưu nào trong {short(folder)}: giữ nguyên tệp này, "
            "chạy cchc doctor để xem tình trạng và liên hệ bộ phận hỗ trợ"
        )
    return (
        f"hãy chép bản sao lưu gần nhất ({short(newest)}) đè lên tệp này, sau khi "
        "giữ lại một bản của tệp hiện tại để kiểm tra"
    )


def data_file_message(kind: str, path: Path, detail: str = "") -> tuple[str, int]:
    """The message and exit code of a `DataFileError` kind (store/faults.py)."""
    from cchc_tui.store.database import BUSY_TIMEOUT_MS
    from cchc_tui.store.location import nearest_existing

    folder, file = short(nearest_existing(path.parent)), short(path)
    restore = _restore_hint(path.parent)
    messages = {
        "empty": f"tệp dữ liệu {file} rỗng (0 byte): hồ sơ, khóa ký và lịch sử báo cáo "
        "không còn trong tệp này. Chương trình không tạo dữ liệu mới đè lên; "
        f"{restore}. Nếu đây là máy mới chưa ghi gì, xóa tệp rỗng đó rồi chạy lại.",
        "not_database": f"{file} không phải tệp dữ liệu của cchc (có thể đã bị ghi đè "
        f"hoặc hỏng). Chương trình không sửa gì; {restore}.",
        "corrupt": f"tệp dữ liệu {file} bị hỏng (bị cắt cụt hoặc hỏng trang). Chương trình "
        f"không ghi gì thêm vào tệp; {restore}.",
        "too_new": f"tệp dữ liệu {file} do phiên bản cchc mới hơn tạo ra: hãy cài phiên bản "
        "mới nhất của chương trình; chưa có gì thay đổi.",
        "locked": f"tệp dữ liệu {file} đang được một cửa sổ cchc khác ghi, quá "
        f"{BUSY_TIMEOUT_MS // 1000} giây chưa xong: đóng các cửa sổ cchc khác (hoặc đợi "
        f"chúng xong) rồi làm lại; {KEPT}.",
        "full": f"ổ đĩa chứa {folder} đã đầy: xóa bớt tệp không cần để có chỗ trống rồi "
        f"làm lại; {KEPT}.",
        "io": f"ổ đĩa báo lỗi khi đọc hoặc ghi {file}: kiểm tra ổ đĩa (còn chỗ trống, không "
        f"bị rút ra, không hỏng) rồi làm lại; {KEPT}.",
        "readonly_fs": f"thư mục dữ liệu {folder} nằm trên ổ chỉ đọc: chép thư mục đó "
        "sang ổ ghi được rồi chạy với --data-dir THƯ_MỤC_MỚI; chưa có gì thay đổi.",
        "no_access": f"tài khoản này không có quyền đọc và ghi {file}: nhờ quản trị máy cấp "
        f"quyền ghi thư mục {folder}, hoặc chạy với --data-dir một thư mục của mình; "
        "chưa có gì thay đổi.",
        "readonly_file": f"tệp dữ liệu {file} đang đặt chế độ chỉ đọc: bỏ thuộc tính chỉ "
        "đọc (Properties, bỏ chọn Read-only) rồi làm lại; chưa có gì thay đổi.",
        "cantopen": f"không mở được tệp dữ liệu {file}: kiểm tra thư mục {folder} còn đó "
        "và ghi được, rồi làm lại; chưa có gì thay đổi.",
    }
    return messages[kind], EXIT_MACHINE


_OS_FAULTS: dict[int, tuple[str, str, int]] = {
    errno.ENOSPC: (
        "full",
        "ổ đĩa chứa {folder} đã đầy: xóa bớt tệp không cần rồi làm lại; {kept}.",
        3,
    ),
    errno.EROFS: (
        "readonly_fs",
        "{where} nằm trên ổ chỉ đọc: chọn thư mục trên ổ ghi được; {kept}.",
        3,
    ),
    errno.ENAMETOOLONG: (
        "name_too_long",
        "tên tệp hoặc thư mục quá dài ({where}): chọn tên hoặc thư mục ngắn hơn rồi chạy lại; "
        "chưa có gì thay đổi.",
        2,
    ),
    errno.EACCES: (
        "no_access",
        "tài khoản này không có quyền với {where}: chọn thư mục khác hoặc nhờ quản trị máy cấp "
        "quyền; {kept}.",
        3,
    ),
    errno.ENOTDIR: (
        "not_a_folder",
        "trong đường dẫn {where} có một tệp ở chỗ cần thư mục: chọn đường dẫn khác; chưa có gì "
        "thay đổi.",
        2,
    ),
    errno.EISDIR: ("is_a_folder", "{where} là thư mục, ở đây cần một tệp; chưa có gì thay đổi.", 2),
    errno.ENOENT: (
        "missing",
        "không thấy {where}: kiểm tra lại đường dẫn; chưa có gì thay đổi.",
        2,
    ),
    errno.EIO: (
        "io",
        "ổ đĩa báo lỗi khi đọc hoặc ghi {where}: kiểm tra ổ đĩa rồi làm lại; {kept}.",
        3,
    ),
}
_OS_FAULTS[errno.EPERM] = _OS_FAULTS[errno.EACCES]
if hasattr(errno, "EDQUOT"):
    _OS_FAULTS[errno.EDQUOT] = _OS_FAULTS[errno.ENOSPC]
_HELD_OPEN = (
    "held_open",
    "tệp {where} đang được chương trình khác mở (Excel, Word, trình diệt virus…): đóng "
    "chương trình đó rồi làm lại; {kept}.",
    3,
)


def os_message(exc: OSError, data_dir: Path) -> tuple[str, str, int]:
    """(kind, message, exit code) of a file-system error."""
    name = exc.filename if exc.filename is not None else data_dir
    winerror = getattr(exc, "winerror", None)
    if winerror in WINDOWS_SHARING:
        kind, template, code = _HELD_OPEN
    elif winerror == WINDOWS_NAME_TOO_LONG:
        kind, template, code = _OS_FAULTS[errno.ENAMETOOLONG]
    else:
        label = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
        kind, template, code = _OS_FAULTS.get(
            exc.errno or 0,
            ("os", f"hệ điều hành từ chối thao tác với {{where}} ({label}); {{kept}}.", 3),
        )
    folder = Path(name).parent if exc.filename is not None else Path(name)
    return kind, template.format(where=short(name), folder=short(folder), kept=KEPT), code


def describe(exc: BaseException, data_dir: Path) -> Fault:
    """The fault `exc` is, worded for the officer (no log written)."""
    from cchc_tui.store.faults import database_fault

    if isinstance(exc, NotWrittenError) and exc.__cause__ is not None:
        inner = describe(exc.__cause__, data_dir)
        return replace(inner, message=f"{inner.message} {exc.kept}")
    fault = database_fault(exc, data_dir / DB_NAME)
    if fault is not None:
        return Fault(fault.kind, *data_file_message(fault.kind, fault.path, fault.detail))
    if isinstance(exc, OSError):
        return Fault(*os_message(exc, data_dir))
    if isinstance(exc, UnicodeError):
        return Fault(
            "not_utf8",
            "có chữ không đọc được (không phải UTF-8) trong tên tệp hoặc nội dung nhập: "
            "đổi tên tệp, hoặc gõ lại bằng bảng mã Unicode, rồi chạy lại; chưa có gì thay đổi.",
            EXIT_REFUSED,
        )
    if isinstance(exc, MemoryError):
        return Fault(
            "memory", f"máy hết bộ nhớ: đóng bớt chương trình khác rồi làm lại; {KEPT}.", 3
        )
    return Fault(
        "unexpected",
        f"chương trình gặp lỗi không lường trước ({type(exc).__name__}); dữ liệu đã lưu "
        "vẫn còn nguyên. Hãy gửi tệp chi tiết kỹ thuật cho bộ phận hỗ trợ.",
        EXIT_MACHINE,
    )


def log_path(data_dir: Path) -> Path:
    """Where tracebacks go: `DATA/logs/cchc-errors.log`."""
    return data_dir / LOG_DIR / LOG_NAME


def write_log(exc: BaseException, data_dir: Path, *, line: str, command: str = "") -> Path | None:
    """Append the traceback of `exc` to the log (owner-only, bounded); None if the data
    folder is missing or not writable. Never raises."""
    import datetime as dt
    import platform
    import traceback

    from cchc_tui import __version__

    path = log_path(data_dir)
    made = False
    try:
        if not data_dir.is_dir():
            return None
        made = not path.parent.exists()
        path.parent.mkdir(exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        text = (
            f"=== {stamp} cchc {__version__}, Python {platform.python_version()}, "
            f"{platform.platform()}\n"
            + (f"lệnh: {command}\n" if command else "")
            + f"{line}\n"
            + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
            + "\n"
        )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
        return path
    except Exception:
        if made:  # leave no empty folder behind (a full disk)
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
                path.parent.rmdir()
        return None


def report(exc: BaseException, data_dir: Path, *, command: str = "") -> Fault:
    """`describe(exc)`, with its traceback written to the log when the folder allows."""
    fault = describe(exc, data_dir)
    return replace(fault, log=write_log(exc, data_dir, line=fault.line, command=command))
