"""Fixtures of the receiving office: a workspace with its profile, and agencies that sign."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from synthetic import AgencySigner, synthetic_records

from cchc_tui.domain.clock import Clock
from cchc_tui.services.catalog import find_period, load_plan, load_registry
from cchc_tui.services.export import bundle_file_name
from cchc_tui.services.office import keyring
from cchc_tui.services.office.importer import ImportOutcome, import_files
from cchc_tui.services.office.profile import save_office_profile
from cchc_tui.services.workspace import Workspace, open_workspace


def at_day(day: str, hour: int = 9) -> str:
    """An ISO time with the +07:00 offset on `day` (YYYY-MM-DD)."""
    return f"{day}T{hour:02d}:00:00+07:00"


class Sender:
    """An agency that exports bundles into a folder, as its own program would."""

    def __init__(self, ws: Workspace, agency_id: str, folder: Path) -> None:
        self.ws = ws
        self.agency = load_registry(ws).get(agency_id)
        self.signer = AgencySigner(self.agency)
        self.folder = folder
        self.rng = random.Random(agency_id)

    def enrolment(self) -> bytes:
        """The agency's self-signed enrolment document."""
        return self.signer.enrolment(at_day("2024-01-05"))

    def enrol(self) -> None:
        """Register the agency's key with the office (the clerk confirmed the fingerprint)."""
        keyring.add_enrolment(self.ws, keyring.preview_enrolment(self.ws, self.enrolment()))

    def records(self, period_id: str, at: str) -> list[dict]:
        """Plausible records of the agency's slots in a period."""
        plan = load_plan(self.ws)
        return synthetic_records(plan, self.agency, find_period(self.ws, period_id), self.rng, at)

    def send(
        self, period_id: str, day: str, *, name: str | None = None, signer: dict | None = None
    ) -> Path:
        """Export the next bundle of the chain and save it as an attachment."""
        at = at_day(day)
        plan = load_plan(self.ws)
        envelope = self.signer.export(
            plan, find_period(self.ws, period_id), self.records(period_id, at), at, signer
        )
        path = self.folder / (name or bundle_file_name(self.agency.id, period_id, self.signer.seq))
        path.write_bytes(envelope)
        return path


@pytest.fixture
def office(ws) -> Workspace:
    """The seeded workspace with the receiving-office profile on."""
    save_office_profile(ws, "Nguyễn Thị Tổng Hợp", "Chuyên viên")
    return ws


@pytest.fixture
def inbox(tmp_path) -> Path:
    """A folder of saved attachments."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def sender(office, inbox) -> Callable[[str], Sender]:
    """Make an enrolled sending agency by id."""

    def make(agency_id: str, *, enrol: bool = True) -> Sender:
        s = Sender(office, agency_id, inbox)
        if enrol:
            s.enrol()
        return s

    return make


def run_import(ws: Workspace, *paths: Path) -> list[ImportOutcome]:
    """Import and return the outcomes."""
    return import_files(ws, list(paths))


def on_day(ws: Workspace, day: str) -> Workspace:
    """The same data folder seen on another day (a new clock, same database)."""
    return open_workspace(ws.data_dir, Clock(dt.date.fromisoformat(day)))


def table_dump(ws: Workspace) -> dict[str, list[tuple]]:
    """Every row of the office's tables (received_at included)."""
    with ws.db.read() as conn:
        return {
            t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY 1")]
            for t in ("receiver_key", "received_bundle", "rejected_file")
        }
