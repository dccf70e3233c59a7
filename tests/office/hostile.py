"""Hostile agency text, and agencies that sign it, for the office's text-safety tests."""

from __future__ import annotations

import unicodedata

from openpyxl import load_workbook

from .conftest import Sender

HOSTILE = (
    "[/]",
    "[/b] Kết quả",
    "[b]đậm[/b] [link=http://x]bấm[/link]",
    "=1+1",
    ' =HYPERLINK("http://x.example","bấm vào")',
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A9)",
    "+84 912",
    "-1",
    "#N/A",
    "Dòng một\vDòng hai",  # Word's Shift+Enter
    "chuông\x07 và \x1b[31mđỏ\x1b[0m",
    "\u0301\u0323 dấu đứng một mình",
    "cột|thừa *đậm* <script>alert(1)</script> `mã` ![ảnh](x)",
    "dài " * 10_000,
)
"""A fixed sample: markup, formulas (also after spaces), controls, marks, very long lines."""


def nfc(text: str) -> str:
    """Bundle strings are NFC (the agency's program normalises what is typed)."""
    return unicodedata.normalize("NFC", text)


class ScriptedSender(Sender):
    """An agency whose reported records carry the texts it is given, task by task."""

    def __init__(self, ws, agency_id, folder) -> None:
        super().__init__(ws, agency_id, folder)
        self.texts: dict[str, dict[str, str]] = {}
        """Task code → field → text (`{task}` becomes the code); `"*"`: every task not named."""

    def records(self, period_id: str, at: str) -> list[dict]:
        records = super().records(period_id, at)
        for r in records:
            texts = self.texts.get(r["task"], self.texts.get("*"))
            if texts is None:
                continue
            if r["status"] == "not_reported":  # a report only counts once saved
                r["status"], r["progress_bp"] = "in_progress", 5000
                r["revision"] = {"number": 1, "at": at, "by": "Cán bộ đầu mối"}
            for field in ("result", "difficulties", "proposals"):
                r[field] = nfc(texts.get(field, "").replace("{task}", r["task"]))
            if "evidence" in texts:
                r["evidence"] = [
                    {"number": nfc(texts["evidence"]) or "1", "date": "2025-03-05", "summary": ""}
                ]
        return records


def formula_cells(book) -> list[str]:
    """Coordinates of every cell of a workbook (or the file at a path) that is a formula."""
    if not hasattr(book, "worksheets"):
        book = load_workbook(book)
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
