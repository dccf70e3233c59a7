"""Start the TUI (imported only when `cchc` runs without a subcommand).

Hidden switch for benchmarks: `CCHC_EXIT_AFTER_PAINT=1` makes the app exit as soon as
the task list has been painted once (see benchmarks/tui_startup.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cchc_tui.services.workspace import Workspace

ENV_EXIT_AFTER_PAINT = "CCHC_EXIT_AFTER_PAINT"


def run_app(ws: Workspace, args: argparse.Namespace) -> int:
    """Run the app on the opened workspace until the user quits (the caller closes it)."""
    from cchc_tui.services import catalog
    from cchc_tui.services.settings import get_profile

    profile = get_profile(ws)
    agency_id = profile.agency_id if profile else None
    if getattr(args, "agency", None):
        agency_id = catalog.find_agency(ws, args.agency).id  # ServiceError: told by the CLI
    from cchc_tui.app import CchcApp

    app = CchcApp(
        ws,
        agency_id=agency_id,
        officer=profile.officer if profile else None,
        title=profile.title if profile else "",
        exit_after_paint=os.environ.get(ENV_EXIT_AFTER_PAINT) == "1",
    )
    app.run()
    if app.crash is not None:  # no traceback: the crash screen, then one line
        if not app.exit_after_paint:
            from cchc_tui.screens.crash import show_crash

            show_crash(app.crash)
        print(app.crash.line, file=sys.stderr)
        return app.crash.exit_code
    if app.return_code:
        print("Chương trình dừng vì lỗi; dữ liệu đã lưu vẫn còn nguyên.", file=sys.stderr)
    return app.return_code or 0
