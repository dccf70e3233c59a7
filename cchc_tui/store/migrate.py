"""Schema migrations: numbered SQL files in `db/`, applied in order, one transaction each."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib.resources import files

from cchc_tui.store.database import immediate

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One schema step: version number, file name and its SQL text."""

    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """All shipped migrations, by version."""
    found = []
    for entry in files("cchc_tui.db").iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), entry.name, entry.read_text("utf-8")))
    return sorted(found, key=lambda mig: mig.version)


def latest_version() -> int:
    """The schema version this program writes."""
    return migrations()[-1].version


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies stay whole)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def schema_version(conn: sqlite3.Connection) -> int:
    """The version recorded in the database file."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


class SchemaTooNew(RuntimeError):
    """The file was written by a newer program."""


def migrate(conn: sqlite3.Connection, target: int | None = None) -> list[int]:
    """Bring the schema up to `target` (default: latest); return the versions applied.

    A current schema is recognised without taking the write lock. Otherwise each
    step re-reads the version after taking the lock, so two copies starting at
    once never apply the same step twice.
    """
    steps = migrations()
    latest = steps[-1].version
    target = latest if target is None else target
    if schema_version(conn) == latest:
        return []
    applied = []
    for step in steps:
        if step.version > target:
            break
        with immediate(conn):
            current = schema_version(conn)
            if current > latest:
                raise SchemaTooNew(
                    f"Dữ liệu được tạo bởi phiên bản mới hơn (lược đồ {current}); "
                    "hãy cập nhật chương trình."
                )
            if current < step.version:
                for statement in split_statements(step.sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version={step.version}")
                applied.append(step.version)
    return applied
