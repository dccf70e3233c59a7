"""Control characters in a plan's text: refused wherever a plan comes in, a workbook cell
(by sheet, row and column) or a plan document (a signed letter: by task and field). Tabs
and line breaks (SPACING: Alt+Enter in a cell, Word's Shift+Enter) only lay text out and
are squashed to spaces by the readers; anything else (ESC, a bell, NUL, C1 controls)
would reach a terminal or be dropped silently by a screen, so the plan is refused."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_tui.domain.safe_text import control_characters, describe_character

SPACING = frozenset("\t\n\r\x0b\x0c")
"""Controls that only lay text out (tab, line breaks): squashed to one space, never refused."""


def refused_characters(text: str) -> list[str]:
    """The control characters of `text` a plan may not hold (SPACING excepted), each once."""
    return [c for c in control_characters(text) if c not in SPACING]


def cell_problems(
    sheets: dict[str, list[tuple]], headers: dict[str, tuple[str, ...]], *, label_sheet: str
) -> list[tuple[str, int, str]]:
    """`(sheet, row, message)` for every text cell of the `headers` sheets holding a control
    character that is not SPACING (an escape sequence, a bell …), naming the column by its
    header; on `label_sheet` (label, value rows) the value's column names its label too."""
    found = []
    for sheet, wanted in headers.items():
        for n, row in enumerate(sheets.get(sheet, ()), 1):
            for i, value in enumerate(row):
                bad = refused_characters(value) if isinstance(value, str) else []
                if not bad:
                    continue
                column = f"cột '{wanted[i]}'" if i < len(wanted) else f"cột {chr(65 + i % 26)}"
                if sheet == label_sheet and i == 1 and row and isinstance(row[0], str):
                    column += f" của '{' '.join(row[0].split())}'"
                chars = ", ".join(describe_character(c) for c in bad)
                found.append(
                    (sheet, n, f"{column} có ký tự điều khiển {chars}: xóa ký tự đó rồi nạp lại")
                )
    return found


FIELD_WORDS = {
    "content": "nội dung",
    "lead": "chủ trì",
    "partners": "phối hợp",
    "product": "sản phẩm",
    "start": "thời gian thực hiện",
    "end": "thời hạn",
    "title": "tên",
    "number": "số hiệu",
    "issuer": "cơ quan ban hành",
    "signer": "người ký",
    "unit": "đơn vị",
}
"""Words for the fields a control character is found in."""


def _strings(value: object, where: str) -> Iterator[tuple[str, str]]:
    """Every string inside `value` (dicts, lists), with the outermost key that holds it."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, where or str(key))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, where)


def control_problem(document: dict) -> str | None:
    """Where the first control character of a plan document is (other than tabs and line
    breaks), as words: `nhiệm vụ I.1 (nội dung): U+001B (␛)`; None when there is none."""
    sections = [("thông tin kế hoạch", document.get("plan", {}))]
    for key, label, ident in (
        ("groups", "nhóm", "code"),
        ("tasks", "nhiệm vụ", "code"),
        ("indicators", "chỉ tiêu", "id"),
    ):
        sections += [(f"{label} {item.get(ident, '?')}", item) for item in document.get(key, ())]
    for label, section in sections:
        for field, text in _strings(section, ""):
            bad = refused_characters(text)
            if bad:
                where = f"{label} ({FIELD_WORDS.get(field, field)})" if field else label
                return f"{where}: {', '.join(describe_character(c) for c in bad)}"
    return None
