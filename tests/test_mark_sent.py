"""Marking an exported bundle as sent: `cchc export --mark-sent N` / `--unmark-sent N` as a
real process from a fresh data folder, the service's refusals, and the stored mark beside a
signed bundle that never changes (db/0007)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from cchc_tui.domain.clock import Clock
from cchc_tui.services import export, keys
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.sent import mark_sent, unmark_sent
from cchc_tui.services.settings import save_profile
from cchc_tui.services.workspace import open_workspace
from cchc_tui.store.migrate import migrate
from tests.processes import run_cchc

TODAY = "2025-11-20"
PHRASE = "mat khau thu nghiem"


def cchc(data: Path, *args: str, today: str = TODAY) -> tuple[int, str, str]:
    """`python -m cchc_tui ARGS --data-dir DATA --today DAY` as a real process."""
    proc = run_cchc(data, *args, today=today)
    return proc.returncode, proc.stdout, proc.stderr


def sent_on(data: Path) -> list[tuple[int, str | None]]:
    """Every bundle's seq and sent mark, read straight from the data file."""
    with sqlite3.connect(data / "cchc.sqlite3") as conn:
        return conn.execute("SELECT seq, sent_on FROM export ORDER BY seq").fetchall()


def signed(data: Path) -> list[tuple]:
    """Everything of the stored bundles but the mark."""
    with sqlite3.connect(data / "cchc.sqlite3") as conn:
        return conn.execute(
            "SELECT seq, body_sha256, envelope, created_at, file_name FROM export"
        ).fetchall()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """A fresh data folder: Sở Tư pháp's profile, its key, one bundle of 2025-Y (seq 1)."""
    data = tmp_path_factory.mktemp("tp")
    phrase = data.parent / f"{data.name}.phrase"
    phrase.write_text(PHRASE + "\n", encoding="utf-8")
    pp = ("--passphrase-file", str(phrase))
    for args in (
        ("init", "--agency", "so-tu-phap", "--officer", "Hoa"),
        ("keys", "init", *pp),
        ("export", "--period", "2025-Y", *pp),
    ):
        code, _, err = cchc(data, *args)
        assert code == 0, err
    return data


def test_mark_sent_then_unmark_as_a_process(exported):
    bundle = exported / "exports" / "so-tu-phap_2025-Y_0001.json"
    file_bytes, stored = bundle.read_bytes(), signed(exported)

    code, out, err = cchc(exported, "export", "--mark-sent", "1")
    assert (code, err) == (0, "")
    assert " ".join(out.split()).startswith("Đã đánh dấu gói số 1 đã gửi ngày 20/11/2025")
    assert sent_on(exported) == [(1, "2025-11-20")]
    code, out, _ = cchc(exported, "export", "--preview")
    assert "Đã gửi gói số 1 ngày 20/11/2025, chờ Sở Nội vụ xác nhận." in out

    code, out, _ = cchc(exported, "export", "--mark-sent", "1", "--date", "20/11/2025")
    assert code == 0 and "không có gì thay đổi" in out

    code, out, err = cchc(exported, "export", "--unmark-sent", "1")
    assert (code, err) == (0, "") and "Đã bỏ đánh dấu đã gửi gói số 1" in out
    assert sent_on(exported) == [(1, None)]
    code, out, _ = cchc(exported, "export", "--preview")
    assert "Đã xuất gói số 1 ngày 20/11/2025 (chưa đánh dấu đã gửi)." in out

    code, out, _ = cchc(exported, "export", "--mark-sent", "1", "--date", "18/11/2025")
    assert code == 2  # before the bundle was made
    code, out, _ = cchc(exported, "export", "--mark-sent", "1", "--date", "20/11/2025")
    assert code == 0 and sent_on(exported) == [(1, "2025-11-20")]
    # the signed bundle, in the file and in the data file, is as it was
    assert bundle.read_bytes() == file_bytes and signed(exported) == stored
    cchc(exported, "export", "--unmark-sent", "1")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--mark-sent", "2"), "chưa xuất gói số 2"),
        (("--mark-sent", "0"), "chưa xuất gói số 0"),
        (("--unmark-sent", "9"), "chưa xuất gói số 9"),
        (("--mark-sent", "1", "--date", "21/11/2025"), "chưa đến"),
        (("--mark-sent", "1", "--date", "19/11/2025"), "trước ngày xuất gói"),
        (("--mark-sent", "1", "--date", "31/02/2025"), "không tồn tại"),
        (("--mark-sent", "1", "--date", "[red]x=1"), "không đúng dạng"),
        (("--date", "20/11/2025"), "--date chỉ dùng với --mark-sent"),
        (("--mark-sent", "1", "--preview"), "không dùng cùng --preview"),
        (("--mark-sent", "1", "--period", "2025-Y"), "không dùng cùng --period"),
        (("--mark-sent", "một"), "giá trị không hợp lệ"),
        (("--mark-sent", "1", "--unmark-sent", "1"), "không dùng cùng lúc"),
    ],
)
def test_refused_with_one_line_and_exit_2_nothing_written(exported, args, says):
    before = sent_on(exported)
    code, out, err = cchc(exported, "export", *args)
    assert code == 2 and out == ""
    lines = [line for line in err.splitlines() if line.startswith("Lỗi:")]
    assert len(lines) == 1 and says in lines[0], err
    assert "Traceback" not in err
    assert sent_on(exported) == before


def test_a_fresh_folder_without_bundles_refuses_and_writes_nothing(tmp_path):
    code, _, err = cchc(tmp_path, "export", "--agency", "so-noi-vu", "--mark-sent", "1")
    assert code == 2 and err.startswith("Lỗi: Sở Nội vụ chưa xuất gói số 1")
    assert sent_on(tmp_path) == []


@pytest.fixture
def keyed(ws, tmp_path):
    save_profile(ws, "so-noi-vu", "Nguyễn Thị Hoa", "Chuyên viên")
    keys.init_key(ws, "so-noi-vu", PHRASE)
    export.export_period(ws, "so-noi-vu", "2025-Q1", PHRASE, tmp_path / "out")
    return ws


def test_the_mark_is_the_latest_submissions_and_follows_the_chain(keyed, tmp_path):
    status = export.submission_status(keyed, "so-noi-vu", "2025-Q1")
    assert status.sent_on is None
    assert export.submission_text(status) == (
        "Đã xuất gói số 1 ngày 10/03/2025 (chưa đánh dấu đã gửi)."
    )
    done = mark_sent(keyed, "so-noi-vu", 1, dt.date(2025, 3, 10))
    assert done.changed and "gói số 1 đã gửi ngày 10/03/2025 (kỳ Quý I/2025" in done.text
    status = export.submission_status(keyed, "so-noi-vu", "2025-Q1")
    assert export.submission_text(status) == (
        "Đã gửi gói số 1 ngày 10/03/2025, chờ Sở Nội vụ xác nhận."
    )
    assert not unmark_sent(keyed, "so noi vu", 1).sent_on  # a name works as the agency
    with pytest.raises(ServiceError, match="chưa xuất gói số 2"):
        mark_sent(keyed, "so-noi-vu", 2)
    with pytest.raises(ServiceError, match="chưa đến"):
        mark_sent(keyed, "so-noi-vu", 1, "11/03/2025")


def test_the_signed_columns_stay_append_only(keyed):
    mark_sent(keyed, "so-noi-vu", 1)
    with keyed.db.write_sql() as conn:
        conn.execute("UPDATE export SET sent_on = NULL WHERE seq = 1")  # the mark: allowed
    for column, value in (("envelope", b"x"), ("body_sha256", "0" * 64), ("seq", 5)):
        refused = pytest.raises(sqlite3.IntegrityError, match="append-only")
        with refused, keyed.db.write_sql() as conn:
            conn.execute(f"UPDATE export SET {column} = ? WHERE seq = 1", (value,))
    refused = pytest.raises(sqlite3.IntegrityError, match="append-only")
    with refused, keyed.db.write_sql() as conn:
        conn.execute("DELETE FROM export")


def test_a_bundle_stored_before_schema_7_gets_no_mark(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=6)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        "INSERT INTO export (agency_id, key_id, seq, period_id, plan_id, state_sha256,"
        " body_sha256, prev_sha256, envelope, created_at, file_name) VALUES ('so-noi-vu',"
        " 'sha256:k', 1, '2025-Q1', '56-2020', 's', 'b', 'p', x'00',"
        " '2025-03-10T09:00:00+07:00', 'so-noi-vu_2025-Q1_0001.json')"
    )
    migrate(conn)
    assert conn.execute("SELECT seq, body_sha256, sent_on FROM export").fetchall() == [
        (1, "b", None)
    ]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE export SET envelope = x'01'")
    conn.close()


def test_marking_a_bundle_opened_from_another_clock_uses_that_clock(keyed):
    later = open_workspace(keyed.data_dir, Clock(dt.date(2025, 3, 12)))
    try:
        assert mark_sent(later, "so-noi-vu", 1).sent_on == dt.date(2025, 3, 12)
    finally:
        later.db.close()
