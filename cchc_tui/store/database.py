"""The local database: one file, WAL, FULL sync; writes take the lock up front.

Reads use the standard library's sqlite3 directly (nothing heavy to import before
the first screen is painted); writes go through SQLModel sessions on an engine
created on first use. Both apply the same connection settings.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

BUSY_TIMEOUT_MS = 15_000

Connection = sqlite3.Connection
"""What `Database.read` and `Database.write_sql` yield, for annotations outside the store."""


def apply_pragmas(conn: Any) -> None:
    """Settings every connection gets, whichever library opened it."""
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def check_not_in_use(path: Path, timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Raise `DataFileError("locked")` while another program (the app in another window, a
    `cchc` command) has the database at `path` open, waiting up to `timeout_ms` for it to
    close; for moving the file aside, which would leave that program writing to the file
    moved. Every open connection holds a shared lock on the file, so SQLite's exclusive
    lock is granted only when no other connection is open."""
    from cchc_tui.store.faults import DataFileError

    if not Path(path).exists():
        return
    conn = sqlite3.connect(path, isolation_level=None, timeout=timeout_ms / 1000)
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        raise DataFileError("locked", Path(path), "open in another program") from exc
    finally:
        conn.close()


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction on an autocommit connection: BEGIN IMMEDIATE, then COMMIT,
    or ROLLBACK if the block raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A nested write inside a transaction: undone alone if the block raises."""
    conn.execute("SAVEPOINT write_sql")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK TO write_sql")
        conn.execute("RELEASE write_sql")
        raise
    conn.execute("RELEASE write_sql")


class Database:
    """A database file; creates no connection until asked."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()

    def connect(self) -> sqlite3.Connection:
        """A new autocommit sqlite3 connection with the store's settings."""
        conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        conn.row_factory = sqlite3.Row
        apply_pragmas(conn)
        return conn

    def _thread_conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self.connect()
        return conn

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent read snapshot (deferred transaction) on this thread's connection."""
        conn = self._thread_conn()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    @contextmanager
    def write_sql(self) -> Iterator[sqlite3.Connection]:
        """A plain-SQL write transaction that starts with BEGIN IMMEDIATE (inside `batch`:
        a savepoint, all or nothing on its own, committed with the batch)."""
        if getattr(self._local, "batch", False):
            with _savepoint(self._thread_conn()) as conn:
                yield conn
            return
        with immediate(self._thread_conn()) as conn:
            yield conn

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One commit for the `write_sql` blocks run on this thread inside it: with FULL
        sync each commit waits for the disk, which costs more than an imported bundle's
        checks. Committed when the block ends, also on an error (the caller decides)."""
        conn = self._thread_conn()
        conn.execute("BEGIN IMMEDIATE")
        self._local.batch = True
        try:
            yield
        finally:
            self._local.batch = False
            if conn.in_transaction:  # not when SQLite itself rolled back on a fault
                conn.execute("COMMIT")

    @cached_property
    def engine(self) -> Engine:
        """SQLAlchemy engine for SQLModel sessions (SQLAlchemy's pysqlite recipe)."""
        from sqlalchemy import create_engine, event

        engine = create_engine(
            f"sqlite:///{self.path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # let us emit BEGIN ourselves
            apply_pragmas(dbapi_conn)

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A write session: BEGIN IMMEDIATE, commit on success, roll back on error."""
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            yield session
            session.commit()

    def close(self) -> None:
        """Close this thread's connection and the engine's pool."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        if "engine" in self.__dict__:
            self.engine.dispose()
