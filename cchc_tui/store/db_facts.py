"""A database file looked at from outside the app: SQLite's integrity check, the facts a
restore and `cchc doctor` compare (schema, agency, chain heads, signing keys, backup
settings), and the chain anchor a restore leaves in it (store/care.py: the backup zip)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path


def integrity_problems(path: Path, *, quick: bool = False, limit: int = 5) -> list[str]:
    """What SQLite's integrity check finds in the database file at `path` ([] when sound).

    Opened read-only; a file SQLite cannot read at all is one problem, worded by SQLite.
    """
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}({limit})")]
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


@dataclass
class DbFacts:
    """What a restore needs to know about a database file."""

    schema_version: int
    agency_id: str | None
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Per agency: (seq, body sha256) of its chain head, anchor included."""
    keys: list[tuple] = field(default_factory=list)
    """signing_key rows: key_id, agency_id, public_key, file_name, created_at, retired_at,
    rotation."""
    last_export_at: str | None = None
    backup_settings: dict[str, str] = field(default_factory=dict)
    """`backup.*` settings (folder, how many kept, the last good backup)."""


KEY_COLUMNS = "key_id, agency_id, public_key, file_name, created_at, retired_at, rotation"


class UnreadableDatabase(Exception):
    """SQLite could not read the database file; the message is SQLite's."""


def db_facts(path: Path) -> DbFacts:
    """Schema version, profile agency, chain heads and signing keys of a database file;
    UnreadableDatabase when SQLite cannot read it."""
    try:
        return _facts(path)
    except sqlite3.Error as exc:
        raise UnreadableDatabase(str(exc)) from exc


def _facts(path: Path) -> DbFacts:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        agency = None
        if "setting" in tables:
            row = conn.execute("SELECT value FROM setting WHERE key='profile.agency_id'").fetchone()
            agency = row[0] if row else None
        facts = DbFacts(version, agency)
        if "export" in tables:
            for agency_id, seq, sha in conn.execute(
                "SELECT agency_id, seq, body_sha256 FROM export e WHERE seq ="
                " (SELECT MAX(seq) FROM export WHERE agency_id = e.agency_id)"
            ):
                facts.heads[agency_id] = (seq, sha)
            row = conn.execute("SELECT MAX(created_at) FROM export").fetchone()
            facts.last_export_at = row[0] if row else None
        if "setting" in tables:
            for key, value in conn.execute(
                "SELECT key, value FROM setting WHERE key LIKE 'export.chain_anchor.%'"
            ):
                anchor = parse_anchor(value)
                agency_id = key.removeprefix("export.chain_anchor.")
                if anchor and anchor[0] > facts.heads.get(agency_id, (0, ""))[0]:
                    facts.heads[agency_id] = anchor
            facts.backup_settings = dict(
                conn.execute("SELECT key, value FROM setting WHERE key LIKE 'backup.%'")
            )
        if "signing_key" in tables:
            facts.keys = [tuple(r) for r in conn.execute(f"SELECT {KEY_COLUMNS} FROM signing_key")]
        return facts
    finally:
        conn.close()


def anchor_key(agency_id: str) -> str:
    """The setting holding a chain head adopted by a restore."""
    return f"export.chain_anchor.{agency_id}"


def parse_anchor(value: str) -> tuple[int, str] | None:
    """`"7:abc…"` → (7, "abc…"); None if malformed."""
    seq, _, sha = value.partition(":")
    return (int(seq), sha) if seq.isdigit() and len(sha) == 64 else None


def adopt_into(path: Path, heads: dict[str, tuple[int, str]], keys: list[tuple]) -> None:
    """In the database file at `path`: record each chain head higher than its own as an
    anchor, and bring in signing keys it lacks, retiring what the newer rows retire."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for agency_id, (seq, sha) in heads.items():
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key)"
                " DO UPDATE SET value = excluded.value",
                (anchor_key(agency_id), f"{seq}:{sha}"),
            )
        for row in keys:
            conn.execute(
                f"INSERT INTO signing_key ({KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (key_id) DO UPDATE SET retired_at = excluded.retired_at",
                row,
            )
        conn.execute("COMMIT")
    finally:
        conn.close()
