"""Restore keeps the signing chain: the office accepts the next export as the next seq."""

from __future__ import annotations

import shutil

import pytest

from cchc_tui.services import keys
from cchc_tui.services.backup import make_backup
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office import keyring
from cchc_tui.services.restore import restore_backup
from cchc_tui.services.workspace import DB_NAME

from .conftest import AGENCY, PHRASE, received


def restore(agency, backup, **kwargs):
    """Close the app's file, restore, open again (as a new start would)."""
    agency.close()
    result = restore_backup(agency.folder, backup, agency.ws.clock.now_iso, **kwargs)
    agency.reopen()
    return result


def test_restore_from_before_three_exports_then_export_is_accepted_as_the_next_seq(agency, office):
    assert received(office, agency.send().path) == (1, "accepted")
    backup = make_backup(agency.ws).path
    for seq in (2, 3, 4):
        assert received(office, agency.send().path) == (seq, "accepted")
    result = restore(agency, backup)
    assert result.heads == {AGENCY: 4}
    assert result.kept is not None and (result.kept / DB_NAME).is_file()
    after = agency.send()
    assert after.seq == 5
    assert received(office, after.path) == (5, "accepted")


def test_an_unchanged_state_after_restore_is_signed_as_the_next_seq_not_a_replay(agency, office):
    assert received(office, agency.send().path) == (1, "accepted")
    backup = make_backup(agency.ws).path
    assert received(office, agency.send().path) == (2, "accepted")
    restore(agency, backup)
    again = agency.export()  # nothing edited since the backup's state
    assert (again.seq, again.replayed) == (2 + 1, False)
    assert received(office, again.path) == (3, "accepted")


def test_the_chain_is_recovered_from_the_exports_folder_when_the_chain_file_is_gone(agency, office):
    backup = make_backup(agency.ws).path
    for seq in (1, 2):
        assert received(office, agency.send().path) == (seq, "accepted")
    for chain in (agency.folder / "keys").glob("*.chain.json"):
        chain.unlink()
    restore(agency, backup)
    after = agency.send()
    assert received(office, after.path) == (3, "accepted")


def test_a_lost_disk_is_re_anchored_from_the_last_bundle_sent(agency, office, tmp_path, seeded):
    assert received(office, agency.send().path) == (1, "accepted")
    backup = shutil.copy(make_backup(agency.ws).path, tmp_path / "usb.zip")
    for seq in (2, 3):
        last = agency.send()
        assert received(office, last.path) == (seq, "accepted")
    sent_mail = shutil.copy(last.path, tmp_path / "sent.json")
    agency.close()
    shutil.rmtree(agency.folder)  # the disk died: database, keys, exports, chain file
    agency.folder.mkdir()
    result = restore(agency, backup, chain_from=sent_mail)
    assert result.heads == {AGENCY: 3}
    after = agency.send()
    assert received(office, after.path) == (4, "accepted")


def test_without_the_last_bundle_a_lost_disk_would_fork(agency, office, tmp_path):
    """Why --chain-from exists: the backup alone signs seq 2 again."""
    assert received(office, agency.send().path) == (1, "accepted")
    backup = shutil.copy(make_backup(agency.ws).path, tmp_path / "usb.zip")
    assert received(office, agency.send().path) == (2, "accepted")
    agency.close()
    shutil.rmtree(agency.folder)
    agency.folder.mkdir()
    restore(agency, backup)
    assert received(office, agency.send().path) == (2, "fork")


def test_restore_from_before_a_key_rotation_keeps_the_current_key(agency, office, tmp_path):
    assert received(office, agency.send().path) == (1, "accepted")
    backup = make_backup(agency.ws).path
    old = keys.active_key(agency.ws, AGENCY)
    new, statement = keys.rotate_key(
        agency.ws, AGENCY, PHRASE, PHRASE, tmp_path / "rotation.json", "Đổi khóa"
    )
    keyring.apply_rotation(office, statement.read_bytes())
    assert received(office, agency.send().path) == (2, "accepted")
    restore(agency, backup)
    assert keys.active_key(agency.ws, AGENCY).key_id == new.key_id != old.key_id
    after = agency.send()
    assert received(office, after.path) == (3, "accepted")


def test_a_damaged_backup_is_refused_and_the_current_database_kept(agency, tmp_path):
    agency.send()
    backup = make_backup(agency.ws).path
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    agency.close()
    before = (agency.folder / DB_NAME).read_bytes()
    with pytest.raises(ServiceError, match=r"đã hỏng|bị hỏng"):
        restore_backup(agency.folder, damaged, agency.ws.clock.now_iso)
    assert (agency.folder / DB_NAME).read_bytes() == before
    assert not (agency.folder / "restore-kept").exists()
    agency.reopen()


def test_another_agencys_backup_is_refused(agency, tmp_path, seeded):
    from .conftest import Agency

    other = Agency(seeded(tmp_path / "other"))
    from cchc_tui.services.settings import save_profile

    save_profile(other.ws, "so-tai-chinh", "Trần B")
    foreign = make_backup(other.ws).path
    other.close()
    agency.close()
    with pytest.raises(ServiceError, match="so-tai-chinh"):
        restore_backup(agency.folder, foreign, agency.ws.clock.now_iso)
    assert not (agency.folder / "restore-kept").exists()
    agency.reopen()


def test_a_file_that_is_not_a_backup_is_refused(agency, tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_text("not a zip", encoding="utf-8")
    agency.close()
    with pytest.raises(ServiceError, match="không phải bản sao lưu"):
        restore_backup(agency.folder, junk, agency.ws.clock.now_iso)
    agency.reopen()


def test_the_offices_fork_message_says_the_prev_hash_differs_not_the_same_seq(
    agency, office, tmp_path
):
    """The issue's case: a restored copy with no chain file signs seq 2 again after seq 3
    reached the office... and the next seq whose prev hash is not the one held."""
    assert received(office, agency.send().path) == (1, "accepted")
    backup = shutil.copy(make_backup(agency.ws).path, tmp_path / "usb.zip")
    assert received(office, agency.send().path) == (2, "accepted")
    agency.close()
    shutil.rmtree(agency.folder)
    agency.folder.mkdir()
    restore(agency, backup)
    agency.edit()
    agency.export()  # seq 2 again, other content: a fork at the same seq
    third = agency.send()  # seq 3, whose prev is that other seq 2
    from cchc_tui.services.office.importer import import_files

    [outcome] = import_files(office, [third.path])
    assert (outcome.seq, outcome.verdict) == (3, "fork")
    assert "Cùng số thứ tự" not in outcome.reason
    assert "gói số 3 đúng là số tiếp theo sau gói số 2" in outcome.reason.lower()
    assert "không khớp gói số 2" in outcome.reason


def test_a_backup_taken_during_writes_is_consistent(agency):
    """Another program writes all the while: each write adds a row and moves a counter in
    one transaction; the backup holds every row up to its counter, none after."""
    import threading
    import zipfile

    from cchc_tui.services.settings import put_settings
    from cchc_tui.services.workspace import open_workspace
    from cchc_tui.store.db_facts import integrity_problems

    stop = threading.Event()

    def write() -> None:
        other = open_workspace(agency.folder, agency.ws.clock)
        n = 0
        while not stop.is_set() or n < 20:
            n += 1
            put_settings(other, {"test.counter": str(n), f"test.row.{n:05d}": "x"})
        other.db.close()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        paths = [make_backup(agency.ws, prune=False).path for _ in range(3)]
    finally:
        stop.set()
        writer.join()
    for path in paths:
        copy = path.with_suffix(".sqlite3")
        with zipfile.ZipFile(path) as z:
            copy.write_bytes(z.read(DB_NAME))
        assert integrity_problems(copy) == []
        import sqlite3

        conn = sqlite3.connect(copy)
        counter = conn.execute("SELECT value FROM setting WHERE key='test.counter'").fetchone()
        rows = conn.execute("SELECT COUNT(*) FROM setting WHERE key LIKE 'test.row.%'").fetchone()
        conn.close()
        assert rows[0] == (int(counter[0]) if counter else 0)


def test_a_backup_from_an_older_version_is_migrated_on_restore(agency, tmp_path):
    """A database one schema step behind (an older program) is brought up to date."""
    import json
    import sqlite3
    import zipfile

    from cchc_tui.store.migrate import latest_version, migrate
    from cchc_tui.store.seeding import seed

    old = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(old, isolation_level=None)
    migrate(conn, target=latest_version() - 1)
    seed(conn, now_iso=agency.ws.clock.now_iso)
    conn.execute("INSERT INTO setting (key, value) VALUES ('profile.agency_id', ?)", (AGENCY,))
    conn.close()
    zipped = tmp_path / "cchc-backup_so-noi-vu_20240101-090000.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        manifest = {"format": "cchc-backup", "version": 1, "agency_id": AGENCY}
        z.writestr("manifest.json", json.dumps(manifest))
        z.write(old, DB_NAME)
    result = restore(agency, zipped)
    assert result.summary.schema_version == latest_version() - 1
    with agency.ws.db.read() as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert keys.active_key(agency.ws, AGENCY) is not None  # the key made here stays
