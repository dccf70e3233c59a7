"""Shared fixtures: a fresh workspace in a temporary folder with a fixed date; cheap keys."""

from __future__ import annotations

import datetime as dt
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from nacl.pwhash import argon2id

from cchc_tui.domain.bundle import keys as key_files
from cchc_tui.domain.clock import Clock
from cchc_tui.services.workspace import DB_NAME, Workspace, open_workspace

FIXED_DAY = dt.date(2025, 3, 10)

# Besides the tests marked in their own files, these stay on the real KDF parameters: an
# officer's whole export (key made, enrolment, export, verify) at its real cost.
REAL_KDF_TESTS = {"tests/test_cli_bundle.py::test_key_setup_export_and_verify"}


def pytest_collection_modifyitems(config, items):
    found = set()
    for item in items:
        if item.nodeid in REAL_KDF_TESTS:
            item.add_marker(pytest.mark.real_kdf)
            found.add(item.nodeid)
    collected_files = {item.nodeid.split("::")[0] for item in items}
    for missing in REAL_KDF_TESTS - found:
        if missing.split("::")[0] in collected_files:
            warnings.warn(f"REAL_KDF_TESTS names {missing}, which is gone", stacklevel=1)


@pytest.fixture(scope="session")
def pristine_db(tmp_path_factory) -> Path:
    """A database file created, migrated and seeded once per session, as the first run does.

    Nothing opens it again: tests get copies (`seeded`).
    """
    folder = tmp_path_factory.mktemp("pristine")
    open_workspace(folder, Clock(FIXED_DAY)).db.close()
    assert [p.name for p in folder.iterdir()] == [DB_NAME]  # the WAL was checkpointed in
    return folder / DB_NAME


@pytest.fixture
def seeded(pristine_db) -> Callable[[Path], Path]:
    """`seeded(data_dir)` puts a copy of the pristine seeded database in a new data folder.

    Opening it then finds every migration applied and the seed files already loaded, as
    on any later start, and skips the first-run work every test would otherwise repeat.
    """

    def copy(data_dir: Path) -> Path:
        data_dir.mkdir(parents=True)
        shutil.copyfile(pristine_db, data_dir / DB_NAME)
        return data_dir

    return copy


@pytest.fixture
def ws(tmp_path, seeded) -> Workspace:
    """A seeded workspace on 10/03/2025 (reporting period 2025-Q1)."""
    workspace = open_workspace(seeded(tmp_path / "data"), Clock(FIXED_DAY))
    yield workspace
    workspace.db.close()


@pytest.fixture(autouse=True)
def fast_kdf(request, monkeypatch):
    """Key files sealed in this process use argon2id's cheapest parameters.

    The real ones (MODERATE: 256 MiB, ~0.7 s per derivation) cost every test that makes a
    key; the parameters are written in the key file, so unlocking it later is cheap too,
    here or in a subprocess. Only this in-process patch does it: no option or environment
    variable of the program weakens a real key file. `@pytest.mark.real_kdf` opts out.
    """
    if request.node.get_closest_marker("real_kdf") is None:
        monkeypatch.setattr(key_files, "KDF_OPSLIMIT", argon2id.OPSLIMIT_MIN)
        monkeypatch.setattr(key_files, "KDF_MEMLIMIT", argon2id.MEMLIMIT_MIN)
