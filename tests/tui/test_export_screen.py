"""The export screen (F6): what will be sent, key creation, signing, submitted / changed since."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from cchc_tui.domain.bundle.enrolment import read_enrolment
from cchc_tui.domain.bundle.verify import RegisteredKey, verify_bundle
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import keys
from cchc_tui.services.progress import record_progress, resolve_slot
from cchc_tui.services.settings import save_profile

from .conftest import SIZE

PHRASE = "mat khau thu nghiem"


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _save(ws, code: str, pct: str) -> None:
    slot = resolve_slot(ws, "so-noi-vu", code, "2025-Q1")
    record_progress(
        ws, slot, RawEntry(status="in_progress", progress=pct, result="Đang làm"), "Hoa"
    )


async def _type(pilot, text: str) -> None:
    await pilot.press(*text, "enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def keyed(ws):
    save_profile(ws, "so-noi-vu", "Nguyễn Thị Hoa", "Chuyên viên")
    keys.init_key(ws, "so-noi-vu", PHRASE)
    return ws


async def test_first_export_creates_the_key_and_its_enrolment_file(app, ws):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert "chưa có khóa ký" in _text(app, "#export-summary")
        await pilot.press(*"mat khau mot", "enter")
        await pilot.pause()
        await _type(pilot, "mat khau hai")
        assert "không khớp" in _text(app, "#err-new-passphrase")
        assert keys.active_key(ws, "so-noi-vu") is None
        assert app.screen.focused is app.screen.query_one("#new-passphrase-again")

        await _type(pilot, "mat khau mot")
        key = keys.active_key(ws, "so-noi-vu")
        assert key is not None
        assert key.fingerprint in _text(app, "#export-summary")
        [enrolment] = ws.exports_dir.glob("so-noi-vu_dang-ky-khoa_*.json")
        assert read_enrolment(enrolment.read_bytes()).key_id == key.key_id
        assert str(enrolment) in _text(app, "#export-result")
        assert app.screen.focused is app.screen.query_one("#passphrase")


async def test_screen_shows_slots_and_unreported_then_signs_a_verified_bundle(app, keyed):
    _save(keyed, "I.3", "40")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        summary = _text(app, "#export-summary")
        assert "Quý I/2025" in summary and "Nguyễn Thị Hoa, Chuyên viên" in summary
        assert "Chưa xuất gói nào" in summary
        warning = _text(app, "#export-warning")
        listed = warning.split("(")[1].split(")")[0].split(", ")
        assert "I.6" in listed and "I.3" not in listed and "Vẫn xuất được" in warning
        table = app.screen.query_one("#export-slots", DataTable)
        row = table.get_row("I.3")
        assert str(row[2]) == "đang triển khai" and row[3] == "40%"

        key_file = keys.active_key(keyed, "so-noi-vu").path
        before = key_file.read_bytes()
        await _type(pilot, "sai mat khau")
        error = _text(app, "#err-passphrase")
        assert "Sai mật khẩu" in error and "Quên mật khẩu / mất khóa" in error
        assert key_file.read_bytes() == before
        assert not keyed.exports_dir.exists() or not list(keyed.exports_dir.iterdir())

        await _type(pilot, PHRASE)
        path = keyed.exports_dir / "so-noi-vu_2025-Q1_0001.json"
        assert str(path) in _text(app, "#export-result")
        key = keys.active_key(keyed, "so-noi-vu")
        registered = RegisteredKey("so-noi-vu", key.public_key, key.key_id)
        verdict = verify_bundle(path.read_bytes(), lambda kid: registered)
        assert verdict.body["seq"] == 1 and verdict.body["period"] == "2025-Q1"
        assert "Đã xuất gói số 1" in _text(app, "#export-summary")
        assert app.screen.query_one("#passphrase").value == ""


async def test_edit_after_export_shows_changed_since_on_screen_and_dashboard(app, keyed):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await _type(pilot, PHRASE)
        assert "Đã xuất gói số 1" in _text(app, "#export-summary")
        _save(keyed, "I.3", "60")
        app.data_version += 1
        await pilot.pause()
        assert "Đã sửa sau khi xuất" in _text(app, "#export-summary")
        await pilot.press("escape", "f2")
        await pilot.pause()
        assert "Đã sửa sau khi xuất gói số 1" in _text(app, "#summary")

        await pilot.press("f6")
        await pilot.pause()
        await _type(pilot, PHRASE)
        assert (keyed.exports_dir / "so-noi-vu_2025-Q1_0002.json").exists()
        assert "Đã xuất gói số 2" in _text(app, "#export-summary")


async def test_forgotten_passphrase_replaces_the_key_after_confirmation(app, keyed):
    old = keys.active_key(keyed, "so-noi-vu")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        await pilot.click("#lost-key")
        await pilot.press("escape")  # the question, answered "no"
        await pilot.pause()
        assert keys.active_key(keyed, "so-noi-vu") == old

        await pilot.click("#lost-key")
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#new-passphrase")
        await pilot.press(*"khoa moi 2025", "enter")
        await pilot.pause()
        await _type(pilot, "khoa moi 2025")
        new = keys.active_key(keyed, "so-noi-vu")
        assert new.key_id != old.key_id
        assert new.fingerprint in _text(app, "#export-summary")
