"""Fixtures for the app's tests: a temporary workspace on a fixed date, apps built on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.services.workspace import Workspace, open_workspace

FIXED_DAY = dt.date(2025, 3, 10)
SIZE = (80, 24)


class FixedClock(Clock):
    """A clock whose time of day is fixed too, so screens with save times are stable."""

    def now_iso(self) -> str:
        return f"{self.fixed_today.isoformat()}T09:00:00+07:00"


def workspace(path: Path, clock: Clock | None = None) -> Workspace:
    """Open (or reopen) the workspace in `path` on 10/03/2025."""
    return open_workspace(path, clock or Clock(FIXED_DAY))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ws(data_dir: Path, seeded) -> Iterator[Workspace]:
    workspace_ = workspace(seeded(data_dir))
    yield workspace_
    workspace_.db.close()


@pytest.fixture
def app(ws: Workspace) -> CchcApp:
    """The app opened on Sở Nội vụ with an officer's name, as after `cchc init`."""
    return CchcApp(ws, agency_id="so-noi-vu", officer="Nguyễn Thị Hoa")


def screen_lines(app: CchcApp) -> list[str]:
    """The text on the terminal, line by line, as the officer sees it (the screen on top)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: CchcApp) -> str:
    """The text on the terminal as one string (lines joined by newlines)."""
    return "\n".join(screen_lines(app))
