"""Strict JSON reading for files that arrive by email: capped, no surprises, no tracebacks.

Every failure is a `BundleError`. Rules (see docs/bundle.md): the size cap comes first;
UTF-8 only and no byte order mark; no duplicate keys; no NaN/Infinity; no floats at all
(bodies carry integers only and envelopes carry no numbers); integers within
±(2**53 - 1); nesting depth bounded by a linear scan done before `json.loads`.
"""

from __future__ import annotations

import json
import os
import re
import stat
from itertools import accumulate
from pathlib import Path
from typing import Any

from cchc_tui.domain.bundle.errors import BundleError

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
MAX_SAFE_INT = 2**53 - 1

_BOM = b"\xef\xbb\xbf"
_ESCAPE = re.compile(r"\\.", re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_NOT_A_FILE_FOLDER = "Đây là thư mục, không phải tệp: chọn tệp .json trong thư mục đó."


def read_capped(path: Path | str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file of at most `max_bytes`; a larger one is refused without reading it all.

    Reads at most `max_bytes + 1` bytes whatever the file's size (stat first, then a
    capped read, in case the file grows meanwhile). Only a regular file is read: a
    folder, a pipe (FIFO) or a device is refused as `not_a_file`, and opening a pipe
    never waits for a writer. OSError passes through.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise BundleError("not_a_file", _NOT_A_FILE_FOLDER if stat.S_ISDIR(mode) else None)
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    return data


def _too_large(size: int, max_bytes: int) -> BundleError:
    return BundleError(
        "too_large",
        f"Tệp quá lớn ({size:,} byte, tối đa {max_bytes:,} byte), không phải gói báo cáo "
        "hợp lệ. Kiểm tra lại đã chọn đúng tệp; nếu đúng, đề nghị cơ quan xuất lại gói.",
    )


def nesting_depth(text: str) -> int:
    """Deepest nesting of arrays/objects in JSON text, in linear time and without recursion.

    Exact for valid JSON: escapes are dropped first, so the remaining quotes delimit
    strings, and only brackets outside strings are counted.
    """
    pieces = _ESCAPE.sub("", text).split('"')
    brackets = _NOT_BRACKET.sub("", "".join(pieces[0::2]))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _reject_float(text: str) -> Any:
    raise BundleError(
        "bad_number",
        f"Tệp có số thực ({text[:20]}) trong khi gói báo cáo chỉ dùng số nguyên. "
        "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra.",
    )


def _reject_constant(text: str) -> Any:
    raise BundleError(
        "bad_number",
        f"Tệp có giá trị {text} không được phép trong gói báo cáo. "
        "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra.",
    )


def _safe_int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > 16 or abs(int(text)) > MAX_SAFE_INT:
        raise BundleError(
            "bad_number",
            f"Tệp có số nguyên vượt giới hạn ±(2^53 − 1) ({text[:24]}). "
            "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra.",
        )
    return int(text)


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        dup = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise BundleError(
            "duplicate_key",
            f"Tệp có trường “{dup[:40]}” lặp lại hai lần, dấu hiệu tệp đã bị chỉnh sửa. "
            "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra.",
        )
    return result


def _check_surrogates(value: Any) -> None:
    """Refuse strings holding a lone UTF-16 surrogate (`"\\ud800"`): not Unicode text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise BundleError(
                    "bad_utf8",
                    "Tệp có ký tự mã hóa sai (nửa cặp UTF-16), không phải văn bản hợp lệ. "
                    "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra.",
                ) from None


def loads_strict(data: bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """Parse JSON bytes under the strict rules above; any failure is a BundleError."""
    data = bytes(data)
    if len(data) > max_bytes:
        raise _too_large(len(data), max_bytes)
    if data.startswith(_BOM):
        raise BundleError(
            "bad_utf8",
            "Tệp bắt đầu bằng dấu BOM: tệp đã được mở và lưu lại bằng một trình soạn thảo. "
            "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra, không chỉnh sửa.",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError("bad_utf8") from None
    if nesting_depth(text) > max_depth:
        raise BundleError(
            "too_deep",
            f"Tệp có cấu trúc lồng nhau quá {max_depth} tầng, không phải gói báo cáo hợp lệ. "
            "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra.",
        )
    try:
        value = json.loads(
            text,
            object_pairs_hook=_unique_pairs,
            parse_float=_reject_float,
            parse_int=_safe_int,
            parse_constant=_reject_constant,
        )
    except json.JSONDecodeError:
        raise BundleError("bad_json") from None
    except RecursionError:  # unreachable after the scan; kept so no traceback can escape
        raise BundleError("too_deep") from None
    if _SURROGATE_ESCAPE.search(text):
        _check_surrogates(value)
    return value
