"""Two installs side by side: Sở Nội vụ's (receiving, with its own key) and an agency's
(Sở Tư pháp) that exported one bundle of 2025-Q1, which the office imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from cchc_tui.cli.main import main


@dataclass
class Installs:
    office: Path
    agency: Path
    tmp: Path
    phrase: str
    bundle: Path | None = None

    def run(self, where: Path, *args: str, today: str = "2025-03-20") -> int:
        """`cchc ARGS` on that install, in this process."""
        return main([*args, "--data-dir", str(where), "--today", today])

    def office_key_file(self) -> Path:
        out = self.tmp / "office-key.json"
        assert self.run(self.office, "receiver", "key", "export", "--out", str(out)) == 0
        return out

    def receipts(self, period: str = "2025-Q1") -> list[Path]:
        out = self.tmp / "receipts"
        args = ("receipts", "--period", period, "--out", str(out))
        assert self.run(self.office, *args, "--passphrase-file", self.phrase) == 0
        return sorted(out.glob("*.json"))


@pytest.fixture
def installs(tmp_path, seeded, monkeypatch) -> Installs:
    monkeypatch.delenv("CCHC_PASSPHRASE", raising=False)
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("mat khau thu nghiem\n", encoding="utf-8")
    it = Installs(seeded(tmp_path / "office"), seeded(tmp_path / "agency"), tmp_path, str(phrase))
    pp = ("--passphrase-file", it.phrase)
    assert it.run(it.office, "receiver", "init", "--officer", "Nguyễn Thị Lan") == 0
    assert it.run(it.office, "receiver", "key", "init", *pp) == 0
    day = "2025-03-12"
    agency = ("--agency", "so-tu-phap")
    assert it.run(it.agency, "init", *agency, "--officer", "Trần Văn B", today=day) == 0
    assert it.run(it.agency, "keys", "init", *pp, today=day) == 0
    enrol = tmp_path / "enrol.json"
    assert it.run(it.agency, "keys", "enrol", "--out", str(enrol), *pp, today=day) == 0
    out = tmp_path / "bundles"
    assert (
        it.run(it.agency, "export", "--period", "2025-Q1", "--out", str(out), *pp, today=day) == 0
    )
    it.bundle = next(out.glob("*.json"))
    assert it.run(it.office, "keyring", "add", str(enrol), "--yes") == 0
    assert it.run(it.office, "import", str(it.bundle)) == 0
    return it
