"""An agency that exports and an office that imports, each in its own data folder, for
backup and restore tests; the chain is checked by the office's own import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import export, keys, progress
from cchc_tui.services.office import keyring
from cchc_tui.services.office.importer import import_files
from cchc_tui.services.office.profile import save_office_profile
from cchc_tui.services.settings import save_profile
from cchc_tui.services.workspace import Workspace, open_workspace

PHRASE = "mat khau thu nghiem"
AGENCY = "so-noi-vu"
DAY = dt.date(2025, 3, 10)


class Agency:
    """The officer's installation: edits, exports; reopened after a restore."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ws = open_workspace(folder, Clock(DAY))
        self.edits = 0

    def reopen(self) -> None:
        """Open the data folder again (after a restore replaced the file)."""
        self.ws = open_workspace(self.folder, Clock(DAY))

    def close(self) -> None:
        self.ws.db.close()

    def edit(self) -> None:
        """A new revision of task I.3 in 2025-Q1 (a changed state to export)."""
        self.edits += 1
        slot = progress.resolve_slot(self.ws, AGENCY, "I.3", "2025-Q1")
        raw = RawEntry(status="in_progress", progress=str(self.edits), result=f"Lần {self.edits}")
        progress.record_progress(self.ws, slot, raw, "A")

    def export(self) -> export.ExportResult:
        return export.export_period(self.ws, AGENCY, "2025-Q1", PHRASE)

    def send(self) -> export.ExportResult:
        """Edit, then export."""
        self.edit()
        return self.export()


@pytest.fixture
def agency(tmp_path, seeded) -> Agency:
    """The agency's installation with a profile and a key."""
    a = Agency(seeded(tmp_path / "agency"))
    save_profile(a.ws, AGENCY, "Nguyễn Văn Đầu Mối")
    keys.init_key(a.ws, AGENCY, PHRASE)
    yield a
    a.close()


def enrol(office: Workspace, agency: Agency, out: Path) -> None:
    """The office registers the agency's current key."""
    document = keys.write_enrolment(agency.ws, AGENCY, PHRASE, out)
    keyring.add_enrolment(office, keyring.preview_enrolment(office, document.read_bytes()))


@pytest.fixture
def office(tmp_path, seeded, agency) -> Workspace:
    """Sở Nội vụ's installation, with the agency's key enrolled."""
    ws = open_workspace(seeded(tmp_path / "office"), Clock(DAY))
    save_office_profile(ws, "Nguyễn Thị Tổng Hợp", "Chuyên viên")
    enrol(ws, agency, tmp_path / "enrol.json")
    yield ws
    ws.db.close()


def received(office: Workspace, path: Path) -> tuple[int | None, str]:
    """(seq, verdict) of importing one bundle at the office."""
    [outcome] = import_files(office, [path])
    return outcome.seq, outcome.verdict
