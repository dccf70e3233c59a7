"""Forks decided in the app; a valid but suspicious bundle flagged and set aside."""

import base64
import datetime as dt
import hashlib
import json

from textual.widgets import DataTable, Input, Static

from cchc_tui.domain.office import rules
from cchc_tui.screens.office.decide import ForkScreen, NoteDialog
from cchc_tui.screens.office.detail import BundleDetailScreen
from cchc_tui.screens.office.tables import SubmissionsTable
from cchc_tui.services.office import bundles
from cchc_tui.services.office.submissions import submissions

from .conftest import on_day, run_import
from .test_hostile_cli import _cchc
from .test_screens import OfficeApp, _settle

HUGE = 2**53 - 1


def test_suspicion_names_a_seq_jump_and_a_date_before_the_period():
    start = dt.date(2024, 12, 15)
    assert rules.suspicion(2, None, "2025-03-10T09:00:00+07:00", start) is None
    assert rules.suspicion(51, 1, "2025-03-10T09:00:00+07:00", start) is None
    assert "từ 1 lên 52" in rules.suspicion(52, 1, "2025-03-10T09:00:00+07:00", start)
    assert "trước khi kỳ bắt đầu" in rules.suspicion(2, None, "2024-12-14T09:00:00+07:00", start)
    assert rules.missing_seqs(0, 2) == "số 1" and rules.missing_seqs(1, 5) == "số 2 đến 4"


async def _open_cell(app, pilot, agency_id, column=1):
    await _settle(app, pilot)
    table = app.screen.query_one(SubmissionsTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(agency_id), column=column)
    await pilot.press("enter")
    await _settle(app, pilot)
    assert isinstance(app.screen, BundleDetailScreen)


async def test_a_fork_is_compared_side_by_side_and_decided(office, sender, inbox):
    nv = sender("so-noi-vu")
    nv.send("2025-Q1", "2025-03-10")
    nv.signer.seq, nv.signer.prev = 0, "0" * 64
    nv.rng.seed(7)
    nv.send("2025-Q1", "2025-03-11", name="fork.json")
    ws = on_day(office, "2025-04-01")
    assert sorted(o.verdict for o in run_import(ws, inbox)) == ["accepted", "fork"]
    [fork] = bundles.held_forks(ws)
    app = OfficeApp(ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_cell(app, pilot, "so-noi-vu")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ForkScreen)
        diffs = app.screen.comparison.differences
        assert diffs and app.screen.query_one(DataTable).row_count == len(diffs)
        assert all(d.accepted != d.fork for d in diffs)
        head = str(app.screen.query_one("#fork-head", Static).render())
        assert "Đang dùng: số 1" in head and "Rẽ nhánh: số 1" in head
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one(Input).value = "Đã gọi điện: gói thứ hai là đúng"
        await pilot.press("enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, BundleDetailScreen)
        assert app.screen.detail.counted.body_sha256 == fork.body_sha256
        await pilot.press("escape")
        await _settle(app, pilot)
    assert bundles.held_forks(ws) == []
    assert bundles.bundle_detail(ws, fork.body_sha256).state == "accepted"


def _bad_seq(office, sender, inbox):
    nv = sender("so-noi-vu")
    first = nv.send("2025-Q1", "2025-03-10")
    head = nv.signer.prev
    nv.signer.seq = HUGE - 1
    bad = nv.send("2025-Q1", "2025-03-11")
    ws = on_day(office, "2025-04-01")
    assert [o.verdict for o in run_import(ws, first, bad)] == ["accepted", "gap"]
    nv.signer.seq, nv.signer.prev = 1, head
    real = nv.send("2025-Q1", "2025-03-12", name="real.json")
    return ws, real


async def test_a_suspicious_bundle_is_flagged_and_set_aside_in_the_drill_down(
    office, sender, inbox
):
    ws, real = _bad_seq(office, sender, inbox)
    [row] = [r for r in submissions(ws, ["2025-Q1"]).rows if r.agency_id == "so-noi-vu"]
    assert row.cells[0].label.endswith("⚠ thiếu gói, đáng ngờ")
    app = OfficeApp(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_cell(app, pilot, "so-noi-vu")
        text = str(app.screen.query_one("#detail-text", Static).render())
        assert f"⚠ Đáng ngờ: số thứ tự nhảy từ 1 lên {HUGE}" in text
        assert f"Chưa nhận gói số 2 đến {HUGE - 1}" in text
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one(Input).value = "Số thứ tự sai, cơ quan xác nhận"
        await pilot.press("enter")
        await _settle(app, pilot)
        assert app.screen.detail.counted.seq == 1
    assert [o.verdict for o in run_import(ws, real)] == ["accepted"]


def test_cli_set_aside_brings_the_chain_head_back(office, sender, inbox, tmp_path):
    nv = sender("so-noi-vu", enrol=False)
    enrolment = tmp_path / "enrol.json"
    enrolment.write_bytes(nv.enrolment())
    first = nv.send("2025-Q1", "2025-03-10")
    head = nv.signer.prev
    nv.signer.seq = HUGE - 1
    bad = nv.send("2025-Q1", "2025-03-11")
    nv.signer.seq, nv.signer.prev = 1, head
    real = nv.send("2025-Q1", "2025-03-12", name="real.json")
    bad_sha = hashlib.sha256(base64.b64decode(json.loads(bad.read_bytes())["payload"])).hexdigest()
    data, day = tmp_path / "fresh", ("--today", "2025-04-01")
    assert _cchc(data, "receiver", "init", "--officer", "Nguyễn Văn A").returncode == 0
    assert _cchc(data, "keyring", "add", str(enrolment), "--yes").returncode == 0
    assert _cchc(data, "import", str(first), str(bad), *day).returncode == 0
    replay = _cchc(data, "import", str(real), *day)
    assert replay.returncode == 1 and "gói cũ gửi lại" in replay.stdout  # the bad head blocks it
    run = _cchc(data, "receiver", "set-aside", bad_sha[:16], "--note", "sai số", *day)
    assert run.returncode == 0 and "đã gác lại" in run.stdout, run.stderr
    again = _cchc(data, "receiver", "set-aside", bad_sha[:16], "--note", "x", *day)
    assert again.returncode == 2 and again.stderr.startswith("Lỗi:")
    assert "Traceback" not in again.stderr
    assert _cchc(data, "receiver", "set-aside", bad_sha[:16], "--note", " ").returncode == 2
    accepted = _cchc(data, "import", str(real), "--today", "2025-04-02")
    assert accepted.returncode == 0 and "nhận" in accepted.stdout
