"""Several plans in the app: the top bar names the plan, the palette switches it."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.services import plans
from cchc_tui.services.catalog import load_plan
from cchc_tui.widgets.context_bar import ContextBar
from tests.plans.sheets import write_plan

from .conftest import screen_text, workspace


@pytest.fixture
def two_plans(data_dir, seeded, tmp_path):
    """A workspace on 10/05/2026 holding Plan 56 and the 2026 plan 138/KH-UBND."""
    ws = workspace(seeded(data_dir), Clock(dt.date(2026, 5, 10)))
    plans.import_plan_document(
        ws, plans.preview_import(ws, write_plan(tmp_path / "p.xlsx")).document
    )
    ws.cache.clear()
    yield ws
    ws.db.close()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_palette_switches_plan_and_every_screen_follows(two_plans, size):
    app = CchcApp(two_plans, agency_id="so-khoa-hoc-cong-nghe", officer="Lê Văn Số")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(ContextBar).render())
        assert "KH 138 · 6 tháng/2026 · hạn nộp 15/06/2026 · còn 36 ngày" in bar  # today's plan
        assert "I.1" in screen_text(app)
        await pilot.press("ctrl+p", *"chon ke hoach")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "56/KH-UBND" in screen_text(app) and "← đang xem" in screen_text(app)
        await pilot.press("up", "enter")
        await pilot.pause()
        assert load_plan(two_plans).number == "56/KH-UBND"
        bar = str(app.screen.query_one(ContextBar).render())
        assert "KH 56 · Năm 2025 · hạn nộp 15/12/2025" in bar
        assert "III.2" in screen_text(app)  # Plan 56's tasks listed now
