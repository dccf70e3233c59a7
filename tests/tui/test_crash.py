"""An error the app cannot handle: no traceback, the traceback in the log, a crash screen
that says the saved data is intact and names the log file."""

from __future__ import annotations

import pytest

import cchc_tui.screens.dashboard as dashboard_screen
from cchc_tui.screens.crash import INTACT, UNTOUCHED, CrashApp, crash_text
from cchc_tui.services.faults import Fault

from .conftest import SIZE

HOSTILE = "lỗi thử [bold]không phải markup[/] =1+1 \x1b[31m"


async def test_an_unexpected_error_ends_the_app_with_no_traceback_and_logs_it(app, ws, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError(HOSTILE)

    monkeypatch.setattr(dashboard_screen, "dashboard", broken)
    with pytest.raises(RuntimeError):  # Pilot re-raises it for the test; a user sees none
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f2")
            await pilot.pause()
    crash = app.crash
    assert crash is not None and (crash.kind, crash.exit_code) == ("unexpected", 3)
    assert crash.line.startswith("Lỗi: chương trình gặp lỗi không lường trước (RuntimeError)")
    assert crash.log == ws.data_dir / "logs" / "cchc-errors.log"
    log = crash.log.read_text("utf-8")
    assert "Traceback (most recent call last)" in log and "RuntimeError: lỗi thử" in log
    assert app._exit_renderables == []  # Textual prints nothing after the app ends
    assert app.return_code == 1


@pytest.mark.parametrize("size", [SIZE, (100, 30)])
async def test_the_crash_screen_says_the_data_is_intact_and_names_the_log(size, tmp_path):
    log = tmp_path / "logs" / "cchc-errors.log"
    fault = Fault("unexpected", f"chương trình gặp lỗi ({HOSTILE})", 3, log)
    app = CrashApp(fault)
    async with app.run_test(size=size) as pilot:
        shown = str(app.query_one("#crash-text").render())
        assert HOSTILE in shown  # plain text: brackets and escapes are not markup
        assert INTACT in shown.replace("\n", " ") or INTACT in shown
        assert str(log) in shown
        region = app.query_one("#crash").region
        assert region.bottom <= size[1] and region.right <= size[0]  # all of it on screen
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0


def test_a_damaged_data_file_is_not_called_intact():
    damaged = Fault("corrupt", "tệp dữ liệu bị hỏng", 3, None)
    text = crash_text(damaged)
    assert UNTOUCHED in text and INTACT not in text and "mở lại chương trình sẽ báo" in text
    assert "Không ghi được tệp chi tiết kỹ thuật" in text


def test_after_a_crash_the_command_shows_the_screen_then_prints_one_line(ws, monkeypatch, capsys):
    import argparse

    import cchc_tui.screens.crash as crash_module
    from cchc_tui.app import CchcApp
    from cchc_tui.cli.launch import run_app

    fault = Fault("unexpected", "chương trình gặp lỗi không lường trước (RuntimeError)", 3)
    shown: list[Fault] = []

    def crashed_run(self, *args, **kwargs):
        self.crash = fault

    monkeypatch.setattr(CchcApp, "run", crashed_run)
    monkeypatch.setattr(crash_module, "show_crash", shown.append)
    code = run_app(ws, argparse.Namespace(agency=None))
    assert (code, shown) == (3, [fault])
    assert capsys.readouterr().err == fault.line + "\n"


async def test_a_failed_background_write_is_told_in_one_line_and_logged(app, ws):
    import contextlib
    import errno

    from textual.worker import WorkerFailed

    from cchc_tui.services.errors import ServiceError

    def disk_full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(ws.data_dir / "x"))

    told: list[ServiceError] = []
    async with app.run_test(size=SIZE) as pilot:
        for on_error in (told.append, None):
            app.run_write(disk_full, on_error=on_error)
            with contextlib.suppress(WorkerFailed):  # the worker keeps its error, unhandled
                await app.workers.wait_for_complete()
            await pilot.pause()
        toasts = [n.message for n in app._notifications]
    [refused] = told
    assert str(refused).startswith(f"ổ đĩa chứa {ws.data_dir} đã đầy") and refused.code == "full"
    assert any(t.startswith(f"ổ đĩa chứa {ws.data_dir} đã đầy") for t in toasts)
    assert "OSError: [Errno 28]" in (ws.data_dir / "logs" / "cchc-errors.log").read_text("utf-8")
    assert app.crash is None  # the app goes on: free some space and save again
