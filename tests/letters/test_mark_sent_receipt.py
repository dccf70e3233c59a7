"""The overview's line about the period's bundle: marked sent, then Sở Nội vụ's receipt in its
place once the receipt names the latest bundle; a receipt for an earlier bundle stays beside
the latest bundle's own line."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services.dashboard import dashboard
from cchc_tui.services.progress import record_progress, resolve_slot
from cchc_tui.services.workspace import open_workspace

RECEIVED = "Sở Nội vụ đã nhận gói số 1 ngày 12/03/2025, đúng hạn"


def _load_receipt(installs) -> None:
    installs.run(installs.agency, "office", "add", str(installs.office_key_file()), "--yes")
    [receipt] = installs.receipts()
    assert installs.run(installs.agency, "receipt", "add", str(receipt)) == 0


async def test_the_receipt_replaces_the_sent_line_at_80x24(installs):
    assert installs.run(installs.agency, "export", "--mark-sent", "1", "--date", "12/03/2025") == 0
    ws = open_workspace(installs.agency, Clock(dt.date(2025, 3, 14)))
    try:
        sent = dashboard(ws, "so-tu-phap")
        assert not sent.received and sent.submission.sent_on == "2025-03-12"
        _load_receipt(installs)
        app = CchcApp(ws, agency_id="so-tu-phap", officer="Trần Văn B")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f2")
            await pilot.pause()
            text = " ".join(str(app.screen.query_one("#summary", Static).render()).split())
            assert f"Gói báo cáo (F6): {RECEIVED}." in text
            assert "chờ Sở Nội vụ xác nhận" not in text and "chưa đánh dấu" not in text
            assert text.count("đã nhận gói số 1") == 1
    finally:
        ws.db.close()


def test_a_receipt_for_an_earlier_bundle_leaves_the_latest_ones_line(installs, capsys):
    _load_receipt(installs)
    ws = open_workspace(installs.agency, Clock(dt.date(2025, 3, 13)))
    try:
        slot = resolve_slot(ws, "so-tu-phap", "I.6", "2025-Q1")
        record_progress(
            ws, slot, RawEntry(status="in_progress", progress="50", result="Bổ sung"), "B"
        )
    finally:
        ws.db.close()
    pp = ("--passphrase-file", installs.phrase)
    out = str(installs.tmp / "bundles")
    assert installs.run(installs.agency, "export", "--period", "2025-Q1", "--out", out, *pp) == 0
    assert installs.run(installs.agency, "export", "--mark-sent", "2") == 0
    ws = open_workspace(installs.agency, Clock(dt.date(2025, 3, 20)))
    try:
        d = dashboard(ws, "so-tu-phap", "2025-Q1")
        assert (d.submission.seq, d.receipt_seq, d.received) == (2, 1, False)
        assert d.receipt == RECEIVED
        assert d.submission.sent_on == "2025-03-20"
    finally:
        ws.db.close()
