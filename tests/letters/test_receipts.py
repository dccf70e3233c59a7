"""An agency pins Sở Nội vụ's key, then loads its receipt: the dashboard says what the
office received; anything not signed by the pinned key, or about a bundle this agency
never signed, is refused with one line, exit 1, nothing stored."""

from __future__ import annotations

import datetime as dt
import json

from cchc_tui.domain.clock import Clock
from cchc_tui.services.dashboard import dashboard
from cchc_tui.services.letters import letters
from cchc_tui.services.workspace import open_workspace


def _agency_ws(installs):
    return open_workspace(installs.agency, Clock(dt.date(2025, 3, 20)))


def _stored(installs) -> int:
    ws = _agency_ws(installs)
    try:
        return len(letters(ws))
    finally:
        ws.db.close()


def test_receipt_round_trips_and_shows_on_the_dashboard(installs, capsys):
    [receipt] = installs.receipts()
    assert receipt.name == "so-tu-phap_2025-Q1_bien-nhan_0001.json"
    assert (
        installs.run(installs.agency, "office", "add", str(installs.office_key_file()), "--yes")
        == 0
    )
    capsys.readouterr()
    assert installs.run(installs.agency, "receipt", "add", str(receipt)) == 0
    out = capsys.readouterr().out
    assert "Sở Nội vụ đã nhận gói số 1 ngày 12/03/2025, đúng hạn" in out
    ws = _agency_ws(installs)
    try:
        d = dashboard(ws, "so-tu-phap", "2025-Q1")
        assert d.receipt == "Sở Nội vụ đã nhận gói số 1 ngày 12/03/2025, đúng hạn"
        assert dashboard(ws, "so-tu-phap", "2025-H1").receipt is None
    finally:
        ws.db.close()
    assert installs.run(installs.agency, "receipt", "add", str(receipt)) == 0  # again: no-op
    assert _stored(installs) == 1


def test_late_bundle_receipt_says_how_many_days(installs, capsys, seeded):
    pp = ("--passphrase-file", installs.phrase)
    late = seeded(installs.tmp / "late")
    day = "2025-03-18"
    installs.run(late, "init", "--agency", "so-tai-chinh", "--officer", "Lê C", today=day)
    installs.run(late, "keys", "init", *pp, today=day)
    enrol, out = installs.tmp / "enrol-late.json", installs.tmp / "late-out"
    installs.run(late, "keys", "enrol", "--out", str(enrol), *pp, today=day)
    installs.run(late, "export", "--period", "2025-Q1", "--out", str(out), *pp, today=day)
    installs.run(installs.office, "keyring", "add", str(enrol), "--yes")
    assert installs.run(installs.office, "import", str(next(out.glob("*.json")))) == 0
    receipt = next(r for r in installs.receipts() if r.name.startswith("so-tai-chinh"))
    installs.run(late, "office", "add", str(installs.office_key_file()), "--yes")
    capsys.readouterr()
    assert installs.run(late, "receipt", "add", str(receipt)) == 0
    assert "Sở Nội vụ đã nhận gói số 1 ngày 18/03/2025, trễ 3 ngày" in capsys.readouterr().out


def test_receipt_before_the_office_key_is_pinned_is_refused(installs, capsys):
    [receipt] = installs.receipts()
    capsys.readouterr()
    assert installs.run(installs.agency, "receipt", "add", str(receipt)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and err.count("\n") == 1 and "cchc office add" in err
    assert _stored(installs) == 0


def test_tampered_receipt_is_refused_and_nothing_is_stored(installs, capsys):
    [receipt] = installs.receipts()
    installs.run(installs.agency, "office", "add", str(installs.office_key_file()), "--yes")
    data = bytearray(receipt.read_bytes())
    data[60] ^= 0x01
    receipt.write_bytes(bytes(data))
    capsys.readouterr()
    assert installs.run(installs.agency, "receipt", "add", str(receipt)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi:") and err.count("\n") == 1
    assert _stored(installs) == 0


def test_receipt_for_a_bundle_this_agency_never_signed_is_refused(
    installs, tmp_path, seeded, capsys
):
    [receipt] = installs.receipts()
    other = seeded(tmp_path / "other")  # another agency's install, same office key pinned
    installs.run(other, "init", "--agency", "so-tu-phap", "--officer", "Lê C")
    installs.run(other, "office", "add", str(installs.office_key_file()), "--yes")
    capsys.readouterr()
    assert installs.run(other, "receipt", "add", str(receipt)) == 1
    assert "chưa từng ký gói đó" in capsys.readouterr().err


def test_a_second_office_key_is_refused_but_a_rotation_signed_by_both_is_taken(installs, capsys):
    pp = ("--passphrase-file", installs.phrase)
    first = installs.office_key_file()
    installs.run(installs.agency, "office", "add", str(first), "--yes")
    [old_receipt] = installs.receipts()
    statement = installs.tmp / "rotation.json"
    code = installs.run(
        installs.office,
        "receiver",
        "key",
        "rotate",
        "--out",
        str(statement),
        *pp,
        "--new-passphrase-file",
        installs.phrase,
        today="2025-03-21",
    )
    assert code == 0
    second = installs.tmp / "office-key-2.json"
    installs.run(installs.office, "receiver", "key", "export", "--out", str(second))
    capsys.readouterr()
    assert installs.run(installs.agency, "office", "add", str(second), "--yes") == 1
    assert "tuyên bố đổi khóa" in capsys.readouterr().err
    assert installs.run(installs.agency, "office", "add", str(statement), "--yes") == 0
    out = capsys.readouterr().out
    assert "Thay khóa cũ" in out
    new_receipts = installs.tmp / "new"
    installs.run(
        installs.office,
        "receipts",
        "--period",
        "2025-Q1",
        "--out",
        str(new_receipts),
        *pp,
        today="2025-03-22",
    )
    assert (
        installs.run(installs.agency, "receipt", "add", str(next(new_receipts.glob("*.json")))) == 0
    )
    # signed by the old key before the rotation: still good
    assert installs.run(installs.agency, "receipt", "add", str(old_receipt)) == 0


def test_office_show_lists_the_pinned_key(installs, capsys):
    installs.run(installs.agency, "office", "add", str(installs.office_key_file()), "--yes")
    capsys.readouterr()
    assert installs.run(installs.agency, "office", "show", "--json") == 0
    [key] = json.loads(capsys.readouterr().out)
    assert key["office"] == "Sở Nội vụ tỉnh Tuyên Quang" and key["retired_at"] is None


async def test_dashboard_shows_the_receipt_at_80x24_and_100x30(installs):
    from cchc_tui.app import CchcApp

    installs.run(installs.agency, "office", "add", str(installs.office_key_file()), "--yes")
    [receipt] = installs.receipts()
    assert installs.run(installs.agency, "receipt", "add", str(receipt)) == 0
    for size in ((80, 24), (100, 30)):
        ws = open_workspace(installs.agency, Clock(dt.date(2025, 3, 14)))  # period 2025-Q1
        app = CchcApp(ws, agency_id="so-tu-phap", officer="Trần Văn B")
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.press("f2")
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                text = "\n".join(s.text for s in app.screen._compositor.render_strips())
                assert "Sở Nội vụ đã nhận gói số 1 ngày 12/03/2025, đúng hạn" in text
        finally:
            ws.db.close()
