"""The app's "Tạo báo cáo Word" key: write the agency's report of the period on screen,
say where, and offer to open it (never required)."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.app import CchcApp
from cchc_tui.services.errors import ServiceError


def write_word_report(app: CchcApp) -> None:
    """Write in the background; then ask whether to open the file."""
    from cchc_tui.services.catalog import find_period
    from cchc_tui.services.word.write import (
        ReportNotWritten,
        default_target,
        write_agency_report,
    )

    ws, agency_id = app.ws, app.agency_id or ""
    period_id = app.period_id or find_period(ws, None).id

    def job() -> None:
        try:
            path = write_agency_report(
                ws, agency_id, default_target(ws, agency_id, period_id), period_id=period_id
            )
        except ReportNotWritten as exc:
            raise ServiceError(str(exc)) from None
        app.call_from_thread(_offer_open, app, path)

    app.run_write(job, refresh=False)


def _offer_open(app: CchcApp, path: Path) -> None:
    from cchc_tui.screens.dialogs import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if yes:
            from cchc_tui.services.word.write import open_in_default_program

            problem = open_in_default_program(path)
            if problem:
                app.notify(problem, severity="warning", markup=False)

    app.notify(f"Đã ghi báo cáo Word: {path}", timeout=8, markup=False)
    app.push_screen(
        ConfirmDialog(f"Đã ghi báo cáo Word:\n{path}\n\nMở tệp?", yes="Mở tệp", no="Đóng"),
        answered,
    )
