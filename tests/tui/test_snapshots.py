"""SVG snapshots of the main screens at 80x24 on 10/03/2025 (textual pinned in pyproject)."""

from __future__ import annotations

import pytest

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services.progress import record_progress, resolve_slot

from .conftest import FIXED_DAY, SIZE, FixedClock, workspace


@pytest.fixture
def snap_app(data_dir):
    """Sở Nội vụ with two saves of III.2 (fixed save times) and one of I.6."""
    ws = workspace(data_dir, FixedClock(FIXED_DAY))
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    record_progress(ws, slot, RawEntry(status="in_progress", progress="40", result="Bước 1"), "Hoa")
    entry = RawEntry(
        status="in_progress",
        progress="60",
        result="Đã công khai 120 TTHC",
        evidence=[("56/KH-UBND", "20/05/2020", "Kế hoạch")],
        indicators={"one_stop": ("95", "100")},
    )
    record_progress(ws, slot, entry, "Hoa")
    record_progress(ws, resolve_slot(ws, "so-noi-vu", "I.6", None), RawEntry("done", "100"), "Hoa")
    yield CchcApp(ws, agency_id="so-noi-vu", officer="Nguyễn Thị Hoa")
    ws.db.close()


def test_task_list(snap_compare, snap_app):
    assert snap_compare(snap_app, terminal_size=SIZE)


def test_dashboard(snap_compare, snap_app):
    assert snap_compare(snap_app, press=["f2"], terminal_size=SIZE)


def test_task_detail(snap_compare, snap_app):
    assert snap_compare(snap_app, press=["slash", *"iii.2", "enter", "enter"], terminal_size=SIZE)


def test_progress_form(snap_compare, snap_app):
    assert snap_compare(snap_app, press=["slash", *"iii.2", "enter", "e"], terminal_size=SIZE)
