"""Notifications that quote a person's or a file's text show it as typed: `[b]x[/]` and a
lone `[/]` are text, not markup (which would style it, or stop the app with a markup
error); control characters are shown as marks and never reach the terminal."""

from __future__ import annotations

import pytest
from textual.widgets._toast import Toast

from cchc_tui.screens.progress_flow import edit_progress
from cchc_tui.services.errors import ServiceError

from .conftest import SIZE, screen_text

HOSTILE = "Hồ sơ [b]x[/] của [/] anh Ba\x1b[31m\x07"
SHOWN = "Hồ sơ [b]x[/] của [/] anh Ba␛[31m␇"


def _toasts(app) -> list[str]:
    return [toast.render().plain for toast in app.screen.query(Toast)]


@pytest.mark.parametrize("size", [SIZE, (100, 30)])
async def test_a_write_s_outcome_is_shown_as_typed(app, size):
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        app.run_write(lambda: f"Đã lưu: {HOSTILE}")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any(f"Đã lưu: {SHOWN}" in text for text in _toasts(app)), _toasts(app)
        assert "[b]x[/]" in screen_text(app) and "\x1b" not in screen_text(app)


async def test_a_refused_write_s_reason_is_shown_as_typed(app):
    def refused() -> None:
        raise ServiceError(f"Tệp {HOSTILE}.csv không dùng được")

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.run_write(refused)
        await app.workers.wait_for_complete()
        await pilot.pause()
        toasts = _toasts(app)
        assert any(t.startswith("Chưa lưu\n") and f"Tệp {SHOWN}.csv" in t for t in toasts), toasts


async def test_a_task_code_that_is_not_one_is_quoted_as_typed(app):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        edit_progress(app, "[/]I.3[b]\x07")
        await pilot.pause()
        toasts = _toasts(app)
        assert any(t.startswith("Không ghi được\n") and "[/]I.3[b]␇" in t for t in toasts), toasts
