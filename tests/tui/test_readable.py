"""Every screen readable at 80x24: the revision detail reachable by keyboard, the period of an
indicator value on screen, officers' names for periods (never "2025-Y"), whole keys in the
footer, F1 per screen with a hanging indent, the plan's headings without data-entry notes."""

from __future__ import annotations

import re

import pytest
from textual.widgets import DataTable

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import RawEntry
from cchc_tui.screens.dialogs import ConfirmDialog, DraftsDialog, PeriodPicker
from cchc_tui.screens.help import KEY_WIDTH, HelpScreen
from cchc_tui.screens.task_detail import TaskDetailScreen
from cchc_tui.services.catalog import load_plan
from cchc_tui.services.drafts import save_draft
from cchc_tui.services.progress import record_progress, resolve_slot
from cchc_tui.widgets.key_footer import KeyFooter

from .conftest import SIZE, screen_lines, screen_text

PERIOD_ID = re.compile(r"\b20\d\d-(Q1|H1|Q3|Y)\b")
LONG_REVISION = RawEntry(
    status="in_progress",
    progress="60",
    result="Đã công khai 120 TTHC trên Cổng dịch vụ công của tỉnh và tại Bộ phận một cửa",
    difficulties="Một số TTHC chưa được chuẩn hóa; thiết bị ở Bộ phận một cửa đã cũ",
    proposals="Đề nghị bổ sung kinh phí thay thế thiết bị cho Bộ phận một cửa",
    evidence=[("56/KH-UBND", "20/05/2020", "Kế hoạch"), ("12/BC-SNV", "01/03/2025", "Báo cáo")],
)


async def test_the_whole_revision_is_reached_by_keyboard_at_80x24(app, ws):
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    record_progress(ws, slot, RawEntry("in_progress", "20", result="Bước 1"), "Hoa")
    record_progress(ws, slot, LONG_REVISION, "Hoa")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"iii.2", "enter", "enter")
        screen = app.screen
        assert isinstance(screen, TaskDetailScreen)
        assert "Đề nghị bổ sung kinh phí" not in screen_text(app)  # below the fold
        await pilot.press("tab", "enter")  # the history, then Enter on the newest revision
        revision = screen.query_one("#revision")
        assert screen.focused is revision
        shown = screen_text(app)
        assert "Lần 2 — đang triển khai, 60%" in shown and "Kết quả: Đã công khai" in shown
        for _ in range(8):
            await pilot.press("down")  # reads on: the body scrolls
        shown = screen_text(app)
        assert "Đề xuất: Đề nghị bổ sung kinh phí" in shown
        assert "Văn bản: 12/BC-SNV ngày 01/03/2025 Báo cáo" in shown


async def test_an_indicator_value_shows_the_period_it_was_reported_for(app, ws):
    slot = resolve_slot(ws, "so-noi-vu", "III.2", "2024-Y")
    record_progress(
        ws, slot, RawEntry("done", "100", indicators={"one_stop": ("95", "100")}), "Hoa"
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "end")
        await pilot.pause()
        [line] = [line for line in screen_lines(app) if "95/100" in line]
        assert "Năm 2024" in line and line.index("Năm 2024") < line.index("95/100")
        assert not PERIOD_ID.search(screen_text(app))


async def test_period_picker_drafts_and_restore_name_periods_as_officers_do(app, ws):
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    record_progress(ws, slot, RawEntry("in_progress", "20", result="Bước 1"), "Hoa")
    record_progress(ws, slot, RawEntry("in_progress", "30", result="Bước 2"), "Hoa")
    save_draft(ws, resolve_slot(ws, "so-noi-vu", "I.6", "2024-Y"), RawEntry("done", "100"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsDialog)
        assert "I.6 · Năm 2024 · tự lưu lúc" in screen_text(app)
        await pilot.press("escape", "f4")
        assert isinstance(app.screen, PeriodPicker)
        assert "Quý I/2025  ← kỳ hiện tại" in screen_text(app)
        await pilot.press("escape", "slash", *"iii.2", "enter", "enter")
        app.screen.query_one("#history", DataTable).focus()
        await pilot.press("down", "u")
        assert isinstance(app.screen, ConfirmDialog)
        assert "nhiệm vụ III.2, Quý I/2025?" in screen_text(app)
        for text in (screen_text(app),):
            assert not PERIOD_ID.search(text)


def footer(app: CchcApp) -> str:
    return screen_lines(app)[-1]


async def settled_footer(pilot) -> str:
    """The footer once built: after a refresh, and again when the focus settles."""
    shown = ""
    for _ in range(50):
        await pilot.pause()
        if footer(pilot.app) == shown and "F1 Trợ giúp" in shown:
            break
        shown = footer(pilot.app)
    return shown


SCREENS = [
    ([], ["Enter Mở", "e Ghi tiến độ", "/ Tìm", "r g s k Lọc"]),
    (["slash", *"iii.2", "enter", "enter"], ["Esc Quay lại", "e Ghi tiến độ", "u Khôi phục"]),
    (["f2"], ["e Ghi tiến độ"]),
    (["f5"], ["Ctrl+S Lưu cài đặt", "Ctrl+B Sao lưu", "Esc Quay lại"]),
    (["f6"], ["Esc Quay lại"]),
    (["f1"], ["Esc Quay lại"]),
]


@pytest.mark.parametrize(("keys", "expected"), SCREENS, ids=[s[1][0] for s in SCREENS])
async def test_the_footer_shows_whole_keys_and_always_f1_at_80_columns(app, keys, expected):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        bar = app.screen.query_one(KeyFooter)
        line = await settled_footer(pilot)
        for entry in [*expected, "F1 Trợ giúp"]:
            assert entry in line, entry
        assert line.rstrip().endswith("▏Ctrl+P Lệnh")
        [palette] = [c for c in bar.children if c.has_class("-command-palette")]
        shown = [c for c in bar.children if c.display and c is not palette]
        assert all(c.region.right <= palette.region.x for c in shown)  # none cut, none under


async def test_the_task_list_footer_shows_f5_and_f6_when_there_is_room(app):
    async with app.run_test(size=(120, 30)) as pilot:
        assert "F5 Cài đặt F6 Xuất gói" in await settled_footer(pilot)


async def test_f1_starts_with_the_keys_of_the_screen_it_was_opened_from(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        lines = screen_lines(app)
        assert "Phím của màn hình này — Danh sách nhiệm vụ (F3)" in lines[2]
        text = screen_text(app)
        for key in ("r", "g", "s", "k"):
            assert re.search(rf"^  {key} +lọc theo", text, re.MULTILINE), key
        # a description that wraps keeps its indent (it does not restart at column 1)
        [r_line] = [i for i, line in enumerate(lines) if re.match(r"^  r +lọc theo", line)]
        continuation = lines[r_line + 1]
        assert continuation[: KEY_WIDTH + 2].strip() == "" and continuation.strip()
        await pilot.press("escape", "slash", *"iii.2", "enter", "e", "f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Phím của màn hình này — Mẫu ghi tiến độ" in screen_text(app)
        assert "Ctrl+Z" in screen_text(app)


async def test_help_still_names_the_statuses_and_the_data_folder(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        pages = []
        for _ in range(16):  # the whole page, a screen at a time
            pages.append(screen_text(app))
            await pilot.press("pagedown")
        text = "".join(pages).replace("\n", "").replace(" ", "")
        assert "chưabáocáo" in text and "Bảnsaolưu" in text
        assert str(ws.data_dir).replace(" ", "")[:20] in text


async def test_the_plan_heading_is_corrected_and_its_data_notes_are_not_shown(ws):
    assert "CẢI CẢI CÁCH" in load_plan(ws).groups["II"]  # the data keeps the source's wording
    app = CchcApp(ws, agency_id="so-tu-phap", officer="Trần Văn An")  # leads II.1
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "slash", *"ii.1 tham dinh", "enter", "enter")
        assert isinstance(app.screen, TaskDetailScreen)
        text = screen_text(app)
        assert "NHÓM NHIỆM VỤ VÀ GIẢI PHÁP CẢI CÁCH THỂ CHẾ" in text
        assert "CẢI CẢI" not in text
        assert "Ghi chú" not in text and "Số thứ tự trong văn bản gốc" not in text
