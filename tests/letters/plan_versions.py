"""Versions of one plan signed by Sở Nội vụ, for the tests of corrections: the office's
install holds plan 138-2025 (from the test workbook) and signs any version of it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from cchc_tui.cli.main import main
from cchc_tui.domain.bundle.plan_letter import make_plan_letter, named_agencies
from cchc_tui.domain.clock import Clock
from cchc_tui.services.catalog import load_registry
from cchc_tui.services.office.office_key import unlock_office_key
from cchc_tui.services.plans import plan_document_of
from cchc_tui.services.workspace import open_workspace
from tests.plans.sheets import write_plan

PHRASE = "mat khau thu nghiem"
HOSTILE = "Rà soát [b]văn bản[/b] [/] =HYPERLINK(1) [red]đỏ"
"""The corrected I.1's content: markup and a formula prefix (a plan holding control
characters is refused: test_plan_corrections_subprocess.py)."""


class Office:
    """Sở Nội vụ's install (made in this process) holding plan 138-2025."""

    def __init__(self, tmp: Path, seeded) -> None:
        self.data, self.tmp = seeded(tmp / "office"), tmp
        phrase = tmp / "phrase.txt"
        phrase.write_text(PHRASE + "\n", encoding="utf-8")
        pp = ("--passphrase-file", str(phrase))
        assert self.run("receiver", "init", "--officer", "Nguyễn Thị Lan") == 0
        assert self.run("receiver", "key", "init", *pp) == 0
        assert self.run("plan", "import", str(write_plan(tmp / "p2026.xlsx")), "--yes") == 0
        self.key_file = tmp / "office-key.json"
        assert self.run("receiver", "key", "export", "--out", str(self.key_file)) == 0
        ws = open_workspace(self.data, Clock(dt.date(2025, 12, 20)))
        try:
            self.document = plan_document_of(ws, "138-2025")
            self.registry = list(load_registry(ws))
            self.signing_key = unlock_office_key(ws, PHRASE)
        finally:
            ws.db.close()

    def run(self, *args: str) -> int:
        return main([*args, "--data-dir", str(self.data), "--today", "2025-12-20"])

    def sign(self, document: dict, issued_at: str, name: str, *, key=None) -> Path:
        """A plan letter of `document` signed at `issued_at` (by `key`, else the office's)."""
        named = named_agencies(document)
        agencies = [a for a in self.registry if a.id in named]
        out = self.tmp / name
        out.write_bytes(
            make_plan_letter(document, agencies, key or self.signing_key, issued_at=issued_at)
        )
        return out


def corrected(document: dict) -> dict:
    """The correction: I.1's content rewritten (hostile text), I.2 removed, I.3 added,
    the title changed."""
    new = copy.deepcopy(document)
    new["plan"]["title"] = "Kế hoạch cải cách hành chính năm 2026 (sửa đổi)"
    first = next(t for t in new["tasks"] if t["code"] == "I.1")
    first["content"] = HOSTILE
    added = copy.deepcopy(first) | {"code": "I.3", "row": 9, "content": "Nhiệm vụ bổ sung"}
    new["tasks"] = [t for t in new["tasks"] if t["code"] != "I.2"] + [added]
    return new
