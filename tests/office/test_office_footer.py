"""F7's footer at 80x24 shows the keys a Sở Nội vụ officer needs first, each key whole."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widgets import TabbedContent
from textual.widgets._footer import FooterKey

from cchc_tui.app import CchcApp
from cchc_tui.screens.office import OfficeHomeScreen
from cchc_tui.widgets.quiet_footer import QuietFooter

FIRST = ["1 2 3 Bảng", "i Nhận gói", "p Kế hoạch", "F1 Trợ giúp"]
"""At 80 columns: the three tables, import, the plan switcher and help, whatever else fits."""


def footer_line(app: CchcApp) -> str:
    return app.screen._compositor.render_strips()[-1].text


async def settled(pilot) -> str:
    """The footer line once it stops changing (built, then fitted to the width)."""
    shown = ""
    for _ in range(50):
        await pilot.pause()
        line = footer_line(pilot.app)
        if line == shown and "F1 Trợ giúp" in line:
            break
        shown = line
    return shown


def entries(bar: QuietFooter) -> list[str]:
    """What each entry shown says: `key description`, a group's keys then its label."""
    out = []
    for child in bar.children:
        if not child.display or child.has_class("-command-palette"):
            continue
        if isinstance(child, FooterKey):
            out.append(f"{child.key_display} {child.description}")
        elif child.children:  # a group of keys: its label follows
            out.append(" ".join(key.key_display for key in child.children))
        else:
            out[-1] += f" {child.render()}"
    return out


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_f7_footer_shows_its_first_keys_whole_and_no_key_cut(office, size):
    app = CchcApp(office, agency_id=None)
    async with app.run_test(size=size) as pilot:
        line = await settled(pilot)
        assert isinstance(app.screen, OfficeHomeScreen)
        bar = app.screen.query_one(QuietFooter)
        shown = entries(bar)
        for entry in FIRST:
            assert entry in shown, (entry, line)
        for entry in shown:  # every key shown is on the line whole
            assert entry in line, (entry, line)
        assert line.rstrip().endswith("▏Ctrl+P Lệnh") and len(line) == size[0]
        [palette] = [c for c in bar.children if c.has_class("-command-palette")]
        visible = [c for c in bar.children if c.display and c is not palette]
        assert all(c.region.right <= palette.region.x for c in visible)  # none cut, none under
        hidden = [c for c in bar.children if isinstance(c, FooterKey) and not c.display]
        for key in hidden:  # left out whole, not a piece of it ("i Nh▏" before)
            if key.description:
                assert key.description.split()[0] not in line, (key.description, line)
        if size[0] >= 100:
            assert "r Tệp bị từ chối" in shown and "F5 Tải lại" in shown
        else:
            assert "Tệp bị" not in line


async def test_the_grouped_keys_still_switch_table_and_period(office):
    app = CchcApp(office, agency_id=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        home = app.screen
        assert isinstance(home, OfficeHomeScreen)
        await pilot.press("3")
        assert home.query_one(TabbedContent).active == "indicators"
        before = home.period_id
        await pilot.press("left_square_bracket")
        assert home.period_id == home.periods[home.periods.index(before) - 1]
        await pilot.press("right_square_bracket")
        assert home.period_id == before


async def test_the_first_frame_of_f7_already_has_the_fitted_footer(office, monkeypatch):
    """Before, the first frames showed the keys unfitted ('... F5 ▏Ctrl+P', F1 missing)."""
    frames: list[str] = []
    refresh = Screen._compositor_refresh

    def record(screen: Screen) -> None:
        refresh(screen)
        if isinstance(screen, OfficeHomeScreen):
            frames.append(screen._compositor.render_strips()[-1].text)

    monkeypatch.setattr(Screen, "_compositor_refresh", record)
    app = CchcApp(office, agency_id=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
    assert frames
    for entry in FIRST:
        assert entry in frames[0], (entry, frames[0])
