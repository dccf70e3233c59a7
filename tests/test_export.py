"""Export: a signed snapshot per period, committed before its file, replayed when unchanged."""

import json
import subprocess
import sys
import textwrap
import unicodedata

import pytest

from cchc_tui.domain.bundle.canonical import b64decode_canonical
from cchc_tui.domain.bundle.strictjson import loads_strict
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import export, keys, progress, verify
from cchc_tui.services.errors import ServiceError

PHRASE = "mat khau thu nghiem"


@pytest.fixture
def keyed(ws):
    keys.init_key(ws, "so-noi-vu", PHRASE)
    return ws


def _save(ws, code="I.3", pct="40", result="Đang xây dựng đề án", period="2025-Q1"):
    slot = progress.resolve_slot(ws, "so-noi-vu", code, period)
    progress.record_progress(
        ws, slot, RawEntry(status="in_progress", progress=pct, result=result), "Cán bộ A"
    )


def _body(path):
    envelope = json.loads(path.read_bytes())
    return loads_strict(b64decode_canonical(envelope["payload"]))


def test_export_writes_a_verified_bundle_named_by_agency_period_and_seq(keyed, tmp_path):
    _save(keyed)
    result = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path / "out")
    assert result.path == tmp_path / "out" / "so-noi-vu_2025-Q1_0001.json"
    body = _body(result.path)
    assert (body["agency_id"], body["period"], body["seq"], body["kind"]) == (
        "so-noi-vu",
        "2025-Q1",
        1,
        "snapshot",
    )
    assert body["prev_sha256"] == "0" * 64
    record = next(r for r in body["records"] if r["task"] == "I.3")
    assert (record["status"], record["progress_bp"]) == ("in_progress", 4000)
    assert "I.6" in result.unreported  # lead on I.6 and nothing saved: a warning, not a block
    assert verify.verify_file(keyed, result.path).valid


def test_unchanged_state_replays_identical_bytes_changed_state_gets_next_seq(keyed, tmp_path):
    _save(keyed)
    first = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)
    original = first.path.read_bytes()
    first.path.unlink()
    again = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)
    assert again.replayed and again.seq == 1 and again.path.read_bytes() == original
    _save(keyed, pct="60")
    status = export.submission_status(keyed, "so-noi-vu", "2025-Q1")
    assert status.seq == 1 and status.changed_since
    second = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)
    assert second.seq == 2 and not second.replayed
    assert _body(second.path)["prev_sha256"] == first.body_sha256
    assert not export.submission_status(keyed, "so-noi-vu", "2025-Q1").changed_since


def test_wrong_passphrase_changes_nothing(keyed, tmp_path):
    _save(keyed)
    key = keys.active_key(keyed, "so-noi-vu")
    before = key.path.read_bytes()
    with pytest.raises(ServiceError, match=r"[Mm]ật khẩu"):
        export.export_period(keyed, "so-noi-vu", "2025-Q1", "sai mat khau", tmp_path)
    assert key.path.read_bytes() == before
    assert export.submission_status(keyed, "so-noi-vu", "2025-Q1") is None
    assert list(tmp_path.glob("*.json")) == []


def test_nfd_typing_ends_up_nfc_in_the_body(keyed, tmp_path):
    typed = unicodedata.normalize("NFD", "Tuyên truyền cải cách hành chính")
    _save(keyed, result=typed)
    body_bytes = b64decode_canonical(
        json.loads(
            export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path).path.read_bytes()
        )["payload"]
    )
    text = body_bytes.decode("utf-8")
    assert unicodedata.normalize("NFC", typed) in text and typed not in text


def test_export_without_a_key_says_how_to_make_one(ws, tmp_path):
    with pytest.raises(ServiceError, match="cchc keys init"):
        export.export_period(ws, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)


CRASH = textwrap.dedent(
    """
    import os, sys, datetime as dt
    from pathlib import Path
    import cchc_tui.store.files as fsutil
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services import export
    from cchc_tui.services.workspace import open_workspace

    def half_then_die(path, data, **kw):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(path).with_name("." + Path(path).name + ".crash.tmp")
        tmp.write_bytes(data[: len(data) // 2])
        os._exit(9)  # the power goes out while the file is being written

    fsutil.atomic_write_bytes = half_then_die
    ws = open_workspace(Path(sys.argv[1]), Clock(dt.date(2025, 3, 10)))
    export.export_period(ws, "so-noi-vu", "2025-Q1", sys.argv[3], Path(sys.argv[2]))
    """
)


def test_killed_while_writing_the_file_leaves_a_seq_that_the_next_export_replays(keyed, tmp_path):
    _save(keyed)
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-c", CRASH, str(keyed.data_dir), str(out), PHRASE], capture_output=True
    )
    assert proc.returncode == 9
    assert list(out.glob("*.json")) == []  # never a half file under the real name
    status = export.submission_status(keyed, "so-noi-vu", "2025-Q1")
    assert status.seq == 1  # the seq was committed with its bytes
    replay = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, out)
    assert replay.replayed and replay.seq == 1
    assert verify.verify_file(keyed, replay.path).valid


def test_rotation_signed_by_both_keys_and_the_chain_continues(keyed, tmp_path):
    from cchc_tui.domain.bundle.enrolment import read_rotation

    _save(keyed)
    old = keys.active_key(keyed, "so-noi-vu")
    first = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)
    new, statement = keys.rotate_key(
        keyed, "so-noi-vu", PHRASE, "mat khau moi 2025", tmp_path / "rotation.json", "Đổi định kỳ"
    )
    assert new.key_id != old.key_id
    rotation = read_rotation(statement.read_bytes(), old_public_key=old.public_key)
    assert rotation.agency_id == "so-noi-vu"
    second = export.export_period(keyed, "so-noi-vu", "2025-Q1", "mat khau moi 2025", tmp_path)
    body = _body(second.path)
    assert (body["seq"], body["prev_sha256"], body["key_id"]) == (2, first.body_sha256, new.key_id)


def test_lost_key_is_replaced_only_when_asked(keyed, tmp_path):
    keys.active_key(keyed, "so-noi-vu").path.unlink()
    with pytest.raises(ServiceError, match="--replace-lost"):
        export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)
    with pytest.raises(ServiceError, match="đã có khóa"):
        keys.init_key(keyed, "so-noi-vu", PHRASE)
    replaced = keys.init_key(keyed, "so-noi-vu", "mat khau moi 2025", replace_lost=True)
    assert (
        export.export_period(keyed, "so-noi-vu", "2025-Q1", "mat khau moi 2025", tmp_path).seq == 1
    )
    assert keys.active_key(keyed, "so-noi-vu").key_id == replaced.key_id


def test_resend_signs_the_same_state_under_a_new_seq(keyed, tmp_path):
    _save(keyed)
    first = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)
    again = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path, resend=True)
    assert (first.seq, again.seq, again.replayed) == (1, 2, False)
    assert _body(again.path)["records"] == _body(first.path)["records"]


def test_preview_shows_what_will_be_sent_and_whether_exporting_replays(keyed, tmp_path):
    _save(keyed)
    before = export.export_preview(keyed, "so-noi-vu", "2025-Q1")
    i3 = next(s for s in before.slots if s.code == "I.3")
    assert (i3.status, i3.progress_bp, i3.roles) == ("in_progress", 4000, ["lead"])
    assert "I.3" not in before.unreported and "I.6" in before.unreported
    assert before.submission is None and not before.replays
    assert export.submission_text(before.submission) == "Chưa xuất gói nào cho kỳ này."

    export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)
    after = export.export_preview(keyed, "so-noi-vu", "2025-Q1")
    assert after.submission.seq == 1 and after.replays
    assert export.submission_text(after.submission).startswith("Đã xuất gói số 1")
    assert "(chưa đánh dấu đã gửi)" in export.submission_text(after.submission)

    _save(keyed, pct="70")
    edited = export.export_preview(keyed, "so-noi-vu", "2025-Q1")
    assert edited.submission.changed_since and not edited.replays
    assert export.submission_text(edited.submission).startswith("Đã sửa sau khi xuất")


def test_init_key_writes_the_enrolment_with_the_new_key_in_memory(ws, tmp_path, monkeypatch):
    import cchc_tui.domain.bundle.keys as bundle_keys
    from cchc_tui.domain.bundle.enrolment import read_enrolment
    from cchc_tui.services.settings import save_profile

    save_profile(ws, "so-noi-vu", "Nguyễn Văn Đầu Mối")

    def no_second_unlock(*args, **kwargs):
        raise AssertionError("the key file was decrypted again")

    monkeypatch.setattr(bundle_keys, "unlock_key_file", no_second_unlock)
    info = keys.init_key(ws, "so-noi-vu", PHRASE, enrolment_dir=tmp_path / "out")
    path = tmp_path / "out" / keys.enrolment_file_name(info.agency_id, info.key_id)
    assert path.name == f"so-noi-vu_dang-ky-khoa_{info.key_id[7:15]}.json"
    enrolment = read_enrolment(path.read_bytes())
    assert (enrolment.agency_id, enrolment.key_id, enrolment.public_key) == (
        "so-noi-vu",
        info.key_id,
        info.public_key,
    )
    assert enrolment.officer == "Nguyễn Văn Đầu Mối" and enrolment.fingerprint == info.fingerprint
    assert keys.active_key(ws, "so-noi-vu") == info


def test_status_of_a_period_never_exported_builds_no_snapshot(keyed, monkeypatch):
    def no_snapshot(*args):
        raise AssertionError("snapshot built for a period never exported")

    monkeypatch.setattr(export, "period_snapshot", no_snapshot)
    assert export.submission_status(keyed, "so-noi-vu", "2025-Q1") is None


def test_the_write_lock_is_free_while_the_passphrase_is_checked(keyed, tmp_path, monkeypatch):
    _save(keyed)
    real_unlock = export.unlock

    def unlock_and_write(key, passphrase):
        with keyed.db.write_sql() as conn:  # would wait for the lock if export held it
            conn.execute("SELECT 1")
        return real_unlock(key, passphrase)

    monkeypatch.setattr(export, "unlock", unlock_and_write)
    result = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, tmp_path)
    assert result.seq == 1 and verify.verify_file(keyed, result.path).valid
