"""Keyring: enrolment, listing, revocation, rotation, and keys of reorganised agencies."""

import io
import json

import pytest

from cchc_tui.cli.main import main
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office import keyring

from .conftest import at_day, on_day, run_import, table_dump


def test_enrolment_shows_agency_and_fingerprint_and_registers_once(office, sender):
    nv = sender("so-noi-vu", enrol=False)
    preview = keyring.preview_enrolment(office, nv.enrolment())
    assert (preview.agency_id, preview.agency_name) == ("so-noi-vu", "Sở Nội vụ")
    assert len(preview.fingerprint) == 19 and not preview.already_registered
    entry = keyring.add_enrolment(office, preview)
    assert entry.status == "active" and entry.fingerprint == preview.fingerprint
    again = keyring.preview_enrolment(office, nv.enrolment())
    assert again.already_registered
    keyring.add_enrolment(office, again)
    assert len(keyring.list_keys(office)) == 1


def test_enrolment_refusals(office, sender):
    nv = sender("so-noi-vu")
    bundle = nv.send("2025-Q1", "2025-03-10").read_bytes()
    with pytest.raises(ServiceError, match="không phải tệp đăng ký khóa"):
        keyring.preview_enrolment(office, bundle)
    with pytest.raises(ServiceError, match="không dùng được"):
        keyring.preview_enrolment(office, nv.enrolment()[:-20])
    # the same key claimed for a second agency
    tp = sender("so-tu-phap", enrol=False)
    tp.signer.key, tp.signer.key_id = nv.signer.key, nv.signer.key_id
    with pytest.raises(ServiceError, match="không thể thuộc hai cơ quan"):
        keyring.preview_enrolment(office, tp.enrolment())


def test_an_agency_missing_from_the_registry_is_told_to_add_the_commune_first(office, sender):
    from synthetic import AgencySigner

    from cchc_tui.domain.agencies import Agency

    signer = AgencySigner(Agency("xa-moi-huyen-yen-son", "UBND xã Mới", "UBND xã Mới", "commune"))
    with pytest.raises(ServiceError, match="add-commune"):
        keyring.preview_enrolment(office, signer.enrolment(at_day("2025-01-02")))


def test_cli_keyring_add_list_revoke(office, sender, tmp_path, capsys, monkeypatch):
    nv = sender("so-noi-vu", enrol=False)
    doc = tmp_path / "so-noi-vu.enrol.json"
    doc.write_bytes(nv.enrolment())
    base = ["--data-dir", str(office.data_dir), "--today", "2025-03-20", "keyring"]
    assert main([*base, "add", str(doc)]) == 2  # no answer and no --yes: nothing stored
    assert "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("k\n"))
    assert main([*base, "add", str(doc)]) == 1
    assert "Chưa đăng ký khóa" in capsys.readouterr().out
    assert keyring.list_keys(office) == []
    assert main([*base, "add", str(doc), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Sở Nội vụ" in out and "Vân tay:" in out
    assert main([*base, "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["agency_id"], row["status"]) == ("so-noi-vu", "active")
    revoke = ["revoke", "so-noi-vu", "--reason", "Mất máy", "--date", "2025-04-01", "--yes"]
    assert main([*base, *revoke]) == 0
    assert "Đã thu hồi khóa" in capsys.readouterr().out
    assert main([*base, "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["status"], row["revoked_on"], row["revoked_reason"]) == (
        "revoked",
        "2025-04-01",
        "Mất máy",
    )
    again = ["revoke", row["key_id"], "--reason", "x", "--date", "2025-04-01", "--yes"]
    assert main([*base, *again]) == 2


def test_cli_keyring_revoke_asks_first(office, sender, capsys, monkeypatch):
    sender("so-noi-vu")
    [key] = keyring.list_keys(office)
    base = ["--data-dir", str(office.data_dir), "--today", "2025-03-20", "keyring", "revoke"]
    revoke = [*base, "so noi vu", "--reason", "Mất máy tính", "--date", "2025-04-01"]
    before = table_dump(office)
    # no answer possible (closed input) and no --yes: the way out, nothing written
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(revoke) == 2
    out, err = capsys.readouterr()
    assert err.startswith("Lỗi:") and "--yes" in err
    assert f"Sở Nội vụ (so-noi-vu) — khóa {key.fingerprint}" in out
    assert "01/04/2025" in out and "Lý do: Mất máy tính" in out
    assert table_dump(office) == before
    # "k": refused, nothing written
    monkeypatch.setattr("sys.stdin", io.StringIO("k\n"))
    assert main(revoke) == 1
    assert "Chưa thu hồi khóa" in capsys.readouterr().out
    assert table_dump(office) == before
    # "c": revoked, as with --yes
    monkeypatch.setattr("sys.stdin", io.StringIO("c\n"))
    assert main(revoke) == 0
    assert f"Đã thu hồi khóa {key.fingerprint}" in capsys.readouterr().out
    [key] = keyring.list_keys(office)
    assert (key.status, key.revoked_on, key.revoked_reason) == (
        "revoked",
        "2025-04-01",
        "Mất máy tính",
    )


def test_cli_keyring_rotate_asks_first_and_shows_the_new_fingerprint(
    office, sender, tmp_path, capsys, monkeypatch
):
    from cchc_tui.domain.bundle.keys import fingerprint

    nv = sender("so-noi-vu")
    [old] = keyring.list_keys(office)
    statement = tmp_path / "so-noi-vu.rotation.json"
    statement.write_bytes(nv.signer.rotate(at_day("2025-03-15"), reason="Đổi máy tính"))
    new_fp = fingerprint(bytes(nv.signer.key.verify_key))
    base = ["--data-dir", str(office.data_dir), "--today", "2025-03-20", "keyring", "rotate"]
    before = table_dump(office)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main([*base, str(statement)]) == 2
    out, err = capsys.readouterr()
    assert err.startswith("Lỗi:") and "--yes" in err
    assert f"Khóa cũ: {old.fingerprint}" in out and f"Khóa mới: {new_fp}" in out
    assert "Lý do: Đổi máy tính" in out and "Sở Nội vụ (so-noi-vu)" in out
    assert table_dump(office) == before
    monkeypatch.setattr("sys.stdin", io.StringIO("k\n"))
    assert main([*base, str(statement)]) == 1
    assert "Chưa nhận đổi khóa" in capsys.readouterr().out
    assert table_dump(office) == before
    assert main([*base, str(statement), "--yes"]) == 0
    assert f"khóa mới {new_fp} (thay khóa {old.fingerprint})" in capsys.readouterr().out
    statuses = {e.fingerprint: e.status for e in keyring.list_keys(office)}
    assert statuses == {old.fingerprint: "retired", new_fp: "active"}
    # the same statement again: told, nothing asked, nothing changed
    after = table_dump(office)
    assert main([*base, str(statement)]) == 0
    assert "đã được nhận" in capsys.readouterr().out
    assert table_dump(office) == after


def test_a_revoked_key_signs_nothing_from_the_revocation_date(office, sender, inbox):
    nv = sender("so-noi-vu")
    before = nv.send("2025-Q1", "2025-03-10")
    assert run_import(office, before)[0].verdict == "accepted"
    keyring.revoke(office, "so-noi-vu", "Máy tính bị mất", __import__("datetime").date(2025, 4, 1))
    # signed before the date but arriving after it: refused (a thief can back-date)
    late = nv.send("2025-Q1", "2025-03-25")
    later_ws = on_day(office, "2025-04-02")
    [outcome] = run_import(later_ws, late)
    assert outcome.verdict == "rejected" and "thu hồi" in outcome.reason
    # what was accepted before stays, and re-importing it is only a duplicate
    assert run_import(later_ws, before)[0].verdict == "duplicate"
    # signed on or after the date: refused even when the office's clock is behind
    early_ws = on_day(office, "2025-03-30")
    dated = nv.send("2025-H1", "2025-04-01")
    assert run_import(early_ws, dated)[0].verdict == "rejected"


def test_rotation_signed_by_both_keys_moves_the_chain_to_the_new_key(office, sender, tmp_path):
    nv = sender("so-noi-vu")
    old_bundle = nv.send("2025-Q1", "2025-03-10")
    statement = nv.signer.rotate(at_day("2025-03-15"))
    entry = keyring.apply_rotation(office, statement)
    assert entry.source == "rotation" and entry.rotated_from is not None
    statuses = {e.key_id: e.status for e in keyring.list_keys(office)}
    assert sorted(statuses.values()) == ["active", "retired"]
    new_bundle = nv.send("2025-H1", "2025-06-10")
    outcomes = run_import(office, old_bundle, new_bundle)
    assert [o.verdict for o in outcomes] == ["accepted", "accepted"]
    assert keyring.apply_rotation(office, statement).key_id == entry.key_id  # idempotent


def test_a_bundle_signed_with_the_old_key_after_rotation_is_refused(office, sender):
    nv = sender("so-noi-vu")
    old_key, old_id = nv.signer.key, nv.signer.key_id
    keyring.apply_rotation(office, nv.signer.rotate(at_day("2025-03-15")))
    nv.signer.key, nv.signer.key_id = old_key, old_id
    stale = nv.send("2025-Q1", "2025-03-20")
    [outcome] = run_import(office, stale)
    assert outcome.verdict == "rejected" and "khóa mới" in outcome.reason


def test_rotation_refused_when_the_old_key_is_unknown(office, sender):
    stranger = sender("so-tu-phap", enrol=False)
    with pytest.raises(ServiceError, match="chưa có trong danh sách"):
        keyring.apply_rotation(office, stranger.signer.rotate(at_day("2025-03-15")))
    with pytest.raises(ServiceError, match="không dùng được"):
        keyring.apply_rotation(office, stranger.enrolment())


def test_a_district_key_stays_valid_for_the_periods_the_district_existed(office, sender):
    district = sender("huyen-yen-son")  # ends 30/6/2025 (two-level local government)
    q1 = district.send("2025-Q1", "2025-03-12")
    h1 = district.send("2025-H1", "2025-06-12")
    after = on_day(office, "2025-08-20")  # the district no longer exists today
    assert [o.verdict for o in run_import(after, q1, h1)] == ["accepted", "accepted"]
    year = district.send("2025-Y", "2025-12-10")
    [outcome] = run_import(after, year)
    assert outcome.verdict == "rejected" and "kết thúc hoạt động" in outcome.reason
    merged = sender("so-ke-hoach-dau-tu")  # merged into Sở Tài chính on 1/3/2025
    [outcome] = run_import(after, merged.send("2025-Q3", "2025-02-20"))
    assert outcome.verdict == "rejected" and "không có trong kỳ" in outcome.reason


def test_a_key_file_over_the_documents_cap_is_refused_unread(office, tmp_path, capsys):
    from cchc_tui.domain.bundle.enrolment import MAX_DOCUMENT_BYTES

    big = tmp_path / "big.enrol.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(ServiceError, match="quá lớn"):
        keyring.read_document(big)
    base = ["--data-dir", str(office.data_dir), "keyring", "add", "--yes"]
    assert main([*base, str(big)]) == 2
    assert main([*base, str(tmp_path / "khong-co.json")]) == 2
    assert "Không đọc được tệp" in capsys.readouterr().err
