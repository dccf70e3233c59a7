"""Text from an agency or a file, made safe to show: visible controls, never markup or formula.

Agency text is stored as received (it is signed); every place that shows it (the xlsx,
the Markdown, the terminal, the screens) passes it through `visible` first. Decisions:

- Line breaks: "\\r\\n" and a lone "\\r" are line breaks ("\\n"); "\\n" and "\\t" stay.
- "\\v" (Word's manual line break, Shift+Enter) becomes "↵", the mark of a line break.
- Every other C0 control character and DEL becomes its Unicode control picture
  ("\\x07" → "␇", "\\x1b" → "␛", "\\x00" → "␀", "\\x7f" → "␡"): the reader sees that
  something was there, and which one; nothing reaches a terminal as an escape sequence.
- C1 controls (U+0080–U+009F), the non-characters U+FFFE/U+FFFF and lone surrogates
  become "�": they have no picture, and XML (xlsx) or UTF-8 cannot hold some of them.

Markup and formulas are the renderers' part: Rich `Text` and `markup=False` on screens,
strings written as strings in the xlsx, `markdown_inline` escaping in the Markdown.
"""

from __future__ import annotations

import re

LINE_BREAK_MARK = "↵"
REPLACEMENT = "\ufffd"
XLSX_CELL_MAX = 32_767
"""The most characters a spreadsheet cell holds (Excel's limit; LibreOffice's too)."""
TRUNCATED = "… [cắt bớt: ô bảng tính chỉ chứa được 32.767 ký tự; xem gói báo cáo]"

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_PICTURES = {chr(c): chr(0x2400 + c) for c in range(0x20)} | {"\x7f": "\u2421", "\x0b": "↵"}
_FORMULA_START = frozenset("=+-@")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")


def _picture(match: re.Match[str]) -> str:
    return _PICTURES.get(match.group(), REPLACEMENT)


def visible(text: str) -> str:
    """`text` with line breaks unified and every unsafe character replaced by a visible mark."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(_picture, text)


def one_line(text: str) -> str:
    """`visible(text)` on one line: tabs become spaces, line breaks " ↵ " (table cells)."""
    return visible(text).replace("\t", " ").replace("\n", f" {LINE_BREAK_MARK} ")


def control_characters(text: str) -> list[str]:
    """The unsafe characters in `text`, each once, in order of appearance ("\\r" is fine)."""
    return [c for c in dict.fromkeys(_UNSAFE.findall(text)) if c != "\r"]


def describe_character(char: str) -> str:
    """`U+000B (xuống dòng của Word, Shift+Enter)`, `U+0007 (␇)`: for error messages."""
    code = f"U+{ord(char):04X}"
    if char == "\x0b":
        return f"{code} (xuống dòng của Word, Shift+Enter)"
    return f"{code} ({_PICTURES.get(char, REPLACEMENT)})"


def without_controls(text: str) -> str:
    """`text` with unsafe characters removed; Word's line breaks ("\\v", "\\f") become "\\n"."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _UNSAFE.sub("", text.replace("\x0c", "\n"))


def cell_text(text: str) -> str:
    """`visible(text)`, cut to what one spreadsheet cell holds, saying so when cut."""
    text = visible(text)
    if len(text) <= XLSX_CELL_MAX:
        return text
    return text[: XLSX_CELL_MAX - len(TRUNCATED)] + TRUNCATED


def formula_like(text: str) -> bool:
    """True when a spreadsheet would take `text` typed into a cell for a formula."""
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in _FORMULA_START


def markdown_inline(text: str) -> str:
    """`visible(text)` as literal Markdown inline text (a table cell or after a label).

    Markdown's inline punctuation is backslash-escaped, so agency text never becomes a
    link, an image, emphasis, code, HTML or a table column; line breaks become `<br>`.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(text))
    return escaped.replace("\t", " ").replace("\n", "<br>")
