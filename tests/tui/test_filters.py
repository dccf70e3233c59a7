"""Filters, diacritic-folding search, saved views and following a related task."""

from __future__ import annotations

from cchc_tui.domain.progress import RawEntry
from cchc_tui.domain.roles import LEAD, PARTNER, RELATED
from cchc_tui.domain.text import fold
from cchc_tui.screens.onboarding import OnboardingScreen
from cchc_tui.services.progress import record_progress, resolve_slot
from cchc_tui.services.tasks import agency_tasks
from cchc_tui.services.views import saved_views
from cchc_tui.widgets.agency_picker import AgencyPicker

from .conftest import SIZE


def shown(app) -> list[str]:
    return [r.code for r in app.screen.table._rows]


async def test_search_folds_diacritics_and_case(app, ws):
    _, _, rows = agency_tasks(ws, "so-noi-vu", None)
    expected = [
        r.code for r in rows if r.active and all(w in fold(r.content) for w in ("thong", "tin"))
    ]
    assert expected  # the plan has such tasks
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"thong tin")
        assert shown(app) == expected
        app.screen.search_box.value = "THÔNG TIN"
        await pilot.pause()
        assert shown(app) == expected
        await pilot.press("escape")  # clears the search, back to the table
        assert app.screen.search_box.value == ""
        assert len(shown(app)) > len(expected)
        await pilot.press("slash", *"iv.5", "enter")
        assert shown(app) == ["IV.5"]
        assert app.screen.table.has_focus


async def test_role_group_and_status_filters(app, ws):
    slot = resolve_slot(ws, "so-noi-vu", "I.3", None)
    record_progress(ws, slot, RawEntry(status="in_progress", progress="30"), "Hoa")
    async with app.run_test(size=SIZE) as pilot:
        everything = shown(app)
        rows = {r.code: r for r in app.screen.rows}
        await pilot.press("r")
        assert shown(app) and all(LEAD in rows[c].roles for c in shown(app))
        await pilot.press("r")
        assert shown(app) and all(PARTNER in rows[c].roles for c in shown(app))
        await pilot.press("c", "g")
        assert shown(app) == [c for c in everything if rows[c].group == "I"]
        await pilot.press("c", *"sss")  # → chưa báo cáo → chưa triển khai → đang triển khai
        assert app.screen.filter.status == "in_progress"
        assert shown(app) == ["I.3"]
        await pilot.press("c", "k")
        assert all(rows[c].end_kind == "year" for c in shown(app))
        await pilot.press("c")
        assert shown(app) == everything


async def test_saved_view_on_a_number_key(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "g", "v", "3")
        await app.workers.wait_for_complete()
        assert saved_views(ws)[3]["role"] == LEAD
        await pilot.press("c")
        assert app.screen.filter.role == "mine"
        await pilot.press("3")
        assert (app.screen.filter.role, app.screen.filter.group) == (LEAD, "I")


async def test_follow_a_related_task(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"rrrr")  # Của tôi → Chủ trì → Phối hợp → Đang theo dõi → Liên quan
        assert app.screen.filter.role == RELATED
        code = app.screen.table.current_code
        assert code is not None
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c", *"rrr")  # Đang theo dõi
        assert shown(app) == [code]
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown(app) == []


async def test_agency_search_folds_diacritics(ws):
    from cchc_tui.app import CchcApp

    app = CchcApp(ws, agency_id=None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OnboardingScreen)
        picker = app.screen.query_one(AgencyPicker)
        for typed, wanted in (
            ("noi vu", "so-noi-vu"),
            ("đai phat thanh", "dai-phat-thanh-truyen-hinh"),
            ("dai phat thanh", "dai-phat-thanh-truyen-hinh"),
        ):
            app.screen.query_one("#agency-search").value = typed
            await pilot.pause()
            assert picker._shown and picker._shown[0].id == wanted, typed
