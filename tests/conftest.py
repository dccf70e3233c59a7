"""Shared fixtures: a fresh workspace in a temporary folder with a fixed date."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_tui.domain.clock import Clock
from cchc_tui.services.workspace import Workspace, open_workspace

FIXED_DAY = dt.date(2025, 3, 10)


@pytest.fixture
def ws(tmp_path) -> Workspace:
    """A seeded workspace on 10/03/2025 (reporting period 2025-Q1)."""
    workspace = open_workspace(tmp_path / "data", Clock(FIXED_DAY))
    yield workspace
    workspace.db.close()
