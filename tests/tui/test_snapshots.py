"""SVG snapshots of every screen of the focal officer at 80x24 on 10/03/2025 (textual pinned
in pyproject). The data folder is a relative path, so the screens that name it are stable;
cursors are made steady before the picture (a blinking one depends on the machine's speed).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services.drafts import save_draft
from cchc_tui.services.progress import record_progress, resolve_slot

from .conftest import FIXED_DAY, SIZE, FixedClock, workspace

OPEN_III_2 = ["slash", *"iii.2", "enter"]
Step = Callable[[Pilot], Awaitable[None]]


def steady(pilot: Pilot) -> None:
    """Stop every cursor blinking (it stays shown), on every screen of the app."""
    for screen in pilot.app.screen_stack:
        for field in screen.query(Input):
            field.cursor_blink = False
        for area in screen.query(TextArea):
            area.cursor_blink = False


def keys(*pressed: str, then: Step | None = None) -> Step:
    """Press `pressed`, run `then` if any, then make the cursors steady."""

    async def run(pilot: Pilot) -> None:
        # The day's backup runs in a worker started after the first paint; what F5 lists
        # depends on whether it has finished, so let it start and finish first.
        for _ in range(200):
            if getattr(pilot.app, "_care_started", False):
                break
            await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.press(*pressed)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if then is not None:
            await then(pilot)
        steady(pilot)

    return run


@pytest.fixture
def snap_ws(tmp_path, monkeypatch, seeded):
    """Sở Nội vụ with two saves of III.2 (fixed save times) and one of I.6, in ./cchc-data."""
    monkeypatch.chdir(tmp_path)
    ws = workspace(seeded(Path("cchc-data")), FixedClock(FIXED_DAY))
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    record_progress(ws, slot, RawEntry(status="in_progress", progress="40", result="Bước 1"), "Hoa")
    entry = RawEntry(
        status="in_progress",
        progress="60",
        result="Đã công khai 120 TTHC trên Cổng dịch vụ công của tỉnh",
        difficulties="Thiết bị ở Bộ phận một cửa đã cũ",
        proposals="Bổ sung kinh phí thay thiết bị",
        evidence=[("56/KH-UBND", "20/05/2020", "Kế hoạch")],
        indicators={"one_stop": ("95", "100")},
    )
    record_progress(ws, slot, entry, "Hoa")
    record_progress(ws, resolve_slot(ws, "so-noi-vu", "I.6", None), RawEntry("done", "100"), "Hoa")
    yield ws
    ws.db.close()


@pytest.fixture
def snap_app(snap_ws):
    return CchcApp(snap_ws, agency_id="so-noi-vu", officer="Nguyễn Thị Hoa")


def test_task_list(snap_compare, snap_app):
    assert snap_compare(snap_app, run_before=keys(), terminal_size=SIZE)


def test_dashboard(snap_compare, snap_app):
    assert snap_compare(snap_app, run_before=keys("f2"), terminal_size=SIZE)


def test_task_detail(snap_compare, snap_app):
    assert snap_compare(snap_app, run_before=keys(*OPEN_III_2, "enter"), terminal_size=SIZE)


def test_task_detail_revision_reached_by_keyboard(snap_compare, snap_app):
    pressed = [*OPEN_III_2, "enter", "tab", "enter"]
    assert snap_compare(snap_app, run_before=keys(*pressed), terminal_size=SIZE)


def test_progress_form(snap_compare, snap_app):
    assert snap_compare(snap_app, run_before=keys(*OPEN_III_2, "e"), terminal_size=SIZE)


def test_progress_form_two_new_documents(snap_compare, snap_app):
    pressed = [*OPEN_III_2, "e", "ctrl+n", *"12/BC", "tab", *"05/03/2025", "tab", *"Báo cáo"]
    pressed += ["ctrl+n", *"3/TB", "tab", *"06/03/2025"]
    assert snap_compare(snap_app, run_before=keys(*pressed), terminal_size=SIZE)


def test_progress_form_remove_document_question(snap_compare, snap_app):
    async def remove_first(pilot: Pilot) -> None:
        pilot.app.screen.query_one(".ev-remove").focus()
        await pilot.press("enter")
        await pilot.pause()

    run = keys(*OPEN_III_2, "e", then=remove_first)
    assert snap_compare(snap_app, run_before=run, terminal_size=SIZE)


def test_period_picker(snap_compare, snap_app):
    assert snap_compare(snap_app, run_before=keys("f4"), terminal_size=SIZE)


def test_settings(snap_compare, snap_app):
    assert snap_compare(snap_app, run_before=keys("f5"), terminal_size=SIZE)


def test_export_first_time(snap_compare, snap_app):
    assert snap_compare(snap_app, run_before=keys("f6"), terminal_size=SIZE)


def test_help(snap_compare, snap_app):
    assert snap_compare(snap_app, run_before=keys("f1"), terminal_size=SIZE)


def test_restore_question(snap_compare, snap_app):
    async def ask(pilot: Pilot) -> None:
        pilot.app.screen.query_one("#history").focus()
        await pilot.press("down", "u")
        await pilot.pause()

    run = keys(*OPEN_III_2, "enter", then=ask)
    assert snap_compare(snap_app, run_before=run, terminal_size=SIZE)


def test_drafts_dialog(snap_compare, snap_ws):
    save_draft(snap_ws, resolve_slot(snap_ws, "so-noi-vu", "II.2", None), RawEntry("done", "100"))
    app = CchcApp(snap_ws, agency_id="so-noi-vu", officer="Nguyễn Thị Hoa")
    assert snap_compare(app, run_before=keys(), terminal_size=SIZE)


def test_onboarding(snap_compare, snap_ws):
    app = CchcApp(snap_ws, agency_id=None)
    assert snap_compare(app, run_before=keys(*"noi vu"), terminal_size=SIZE)
