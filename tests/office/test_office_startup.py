"""F7 on the receiving install paints its grid before the drill-down, the figures of tabs 2
and 3, the report writers or the write path are imported; the tabs still fill when shown."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from .conftest import on_day, run_import

DEFERRED = (
    "cchc_tui.screens.office.detail",
    "cchc_tui.services.office.bundles",
    "cchc_tui.services.office.consolidated",
    "cchc_tui.services.office.report",
    "cchc_tui.services.office.workbook",
    "cchc_tui.services.word",
    "openpyxl",
    "docx",
    "pendulum",
    "sqlmodel",
    "sqlalchemy",
    "pydantic",
)


def test_f7_paints_its_grid_first_and_the_other_tabs_fill_when_shown(office, sender, inbox):
    sender("so-noi-vu").send("2025-Q1", "2025-03-10")
    ws = on_day(office, "2025-04-01")
    run_import(ws, inbox)
    ws.db.close()
    code = textwrap.dedent(
        f"""
        import asyncio, datetime as dt, json, sys
        from cchc_tui.app import CchcApp
        from cchc_tui.domain.clock import Clock
        from cchc_tui.services.workspace import open_workspace

        painted = CchcApp.painted

        def probe(self):
            if getattr(self, "at_paint", None) is None:
                from cchc_tui.screens.office.tables import SubmissionsTable

                grid = self.screen.query_one(SubmissionsTable)
                cell = grid.get_row("so-noi-vu")[grid.get_column_index("2025-Q1")].plain
                loaded = [m for m in {DEFERRED!r} if m in sys.modules]
                self.at_paint = {{"loaded": loaded, "cell": cell}}
            painted(self)

        CchcApp.painted = probe  # the first paint, where CCHC_EXIT_AFTER_PAINT exits

        async def main():
            ws = open_workspace({str(ws.data_dir)!r}, Clock(dt.date(2025, 4, 1)))
            app = CchcApp(ws, agency_id=None)
            app.at_paint = None
            async with app.run_test(size=(80, 24)) as pilot:
                while app.at_paint is None:
                    await pilot.pause()
                await pilot.press("2")
                await app.workers.wait_for_complete()
                await pilot.pause()
                tasks = app.screen.query_one("#tasks-table")
                nv = [k.value for k in tasks.rows if k.value.endswith("|so-noi-vu")]
                print(json.dumps({{**app.at_paint, "tasks": len(nv)}}))
            ws.db.close()

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["cell"] == "✓ đúng hạn"  # the grid is on screen at the first paint
    assert seen["loaded"] == []
    assert seen["tasks"] > 0  # the figures read after the paint reach tab 2
