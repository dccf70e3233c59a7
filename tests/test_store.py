"""The local store: first-run seeding, append-only revisions, migrations that lose nothing."""

import sqlite3

import pytest

from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import catalog, progress
from cchc_tui.services.workspace import open_workspace
from cchc_tui.store.migrate import latest_version, migrate, migrations, schema_version
from cchc_tui.store.seeding import seed

FIXED_DAY = __import__("datetime").date(2025, 3, 10)


def test_first_run_creates_folder_and_seeds_plan_and_registry(tmp_path):
    ws = open_workspace(tmp_path / "new" / "folder", Clock(FIXED_DAY))
    assert (tmp_path / "new" / "folder" / "cchc.sqlite3").exists()
    assert len(catalog.load_plan(ws).tasks) == 35
    assert catalog.load_registry(ws).get("so-noi-vu").name == "Sở Nội vụ"


def test_connection_settings(ws):
    with ws.db.read() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    from sqlalchemy import text

    with ws.db.session() as session:
        assert session.exec(text("PRAGMA synchronous")).one()[0] == 2
        assert session.exec(text("PRAGMA busy_timeout")).one()[0] > 0


def test_reopening_does_not_reseed_or_lose_anything(ws, tmp_path):
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    progress.record_progress(ws, slot, RawEntry(status="in_progress", progress="30"), "A")
    again = open_workspace(ws.data_dir, Clock(FIXED_DAY))
    assert [r.number for r in progress.slot_history(again, slot)] == [1]
    conn = again.db.connect()
    assert seed(conn, now_iso=lambda: "2025-03-10T00:00:00+07:00") is False
    conn.close()


def test_revisions_cannot_be_changed_or_deleted(ws):
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    progress.record_progress(ws, slot, RawEntry(status="in_progress", progress="30"), "A")
    with ws.db.read() as conn:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE revision SET progress = 99")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM revision")


def test_sqlmodel_tables_match_the_migrated_schema(ws):
    from sqlmodel import SQLModel

    from cchc_tui.store import models

    assert models  # the import registers the tables
    with ws.db.read() as conn:
        for table in SQLModel.metadata.sorted_tables:
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table.name})")}
            assert columns == {c.name for c in table.columns}, table.name


def _fill_for_version(conn: sqlite3.Connection, version: int) -> None:
    """Put realistic rows into a database built with schema `version` (its own columns only)."""
    conn.execute(
        "INSERT INTO plan VALUES ('56-KH-UBND-2020', 'v1', '{}', '2025-03-10T08:00:00+07:00')"
    )
    conn.execute(
        "INSERT INTO agency (id, name, short_name, kind, valid_from, valid_to, successor_id,"
        " position) VALUES ('so-noi-vu', 'Sở Nội vụ', 'Sở Nội vụ', 'department', '2000-01-01',"
        " NULL, NULL, 0), ('so-thong-tin-truyen-thong', 'Sở Thông tin và Truyền thông',"
        " 'Sở TT&TT', 'department', '2000-01-01', '2025-02-28', 'so-khoa-hoc-cong-nghe', 1)"
    )
    conn.execute(
        "INSERT INTO revision (agency_id, plan_id, task_code, period_id, number, created_at,"
        " author, status, progress, result) VALUES ('so-noi-vu', '56-KH-UBND-2020', 'I.3',"
        " '2025-Q1', 1, '2025-03-10T08:00:00+07:00', 'Nguyễn Văn A', 'in_progress', 40, 'Đã làm')"
    )
    conn.execute(
        "INSERT INTO evidence VALUES (last_insert_rowid(), 1, '56/KH-UBND', '2020-05-20', 'Kế hoạch')"
    )
    conn.execute("INSERT INTO setting VALUES ('profile.agency_id', 'so-noi-vu')")


@pytest.mark.parametrize("start", [m.version for m in migrations()][:-1] or [None])
def test_upgrading_every_earlier_schema_loses_nothing(tmp_path, start):
    if start is None:
        pytest.skip("only one schema version so far")
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=start)
    assert schema_version(conn) == start
    _fill_for_version(conn, start)
    tables = ("revision", "evidence", "setting", "agency", "plan")
    columns = {t: ", ".join(r[1] for r in conn.execute(f"PRAGMA table_info({t})")) for t in tables}
    before = {
        t: conn.execute(f"SELECT {columns[t]} FROM {t} ORDER BY 1").fetchall() for t in tables
    }
    applied = migrate(conn)
    assert applied and applied[-1] == latest_version()
    for table, rows in before.items():  # a later schema may add columns, never lose values
        assert conn.execute(f"SELECT {columns[table]} FROM {table} ORDER BY 1").fetchall() == rows
    conn.close()


def test_migrating_twice_is_a_no_op(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    assert migrate(conn)
    assert migrate(conn) == []
    conn.close()
