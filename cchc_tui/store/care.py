"""Files of a backup and a restore: the zip, an integrity check of a database file, the
facts a restore compares (schema, agency, chain heads, keys), and the chain anchor.

A backup zip holds `manifest.json`, `cchc.sqlite3` (a copy made with SQLite's online
backup API) and `keys/…` (key files, enrolments, chain files)."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cchc_tui.store.backup import copy_database
from cchc_tui.store.files import replace_with_retry, restrict_to_owner

DB_MEMBER = "cchc.sqlite3"
MANIFEST = "manifest.json"
KEYS_PREFIX = "keys/"
MAX_MEMBER_BYTES = 2 * 1024**3


class BackupFileError(Exception):
    """The backup file is not one, or is damaged; `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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


@contextmanager
def temp_file(folder: Path, suffix: str) -> Iterator[Path]:
    """A new owner-only file name in `folder`, removed (with SQLite side files) at the end."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".cchc-care-", suffix=suffix, dir=folder)
    os.close(fd)
    path = Path(name)
    restrict_to_owner(path)
    try:
        yield path
    finally:
        for side in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{side}").unlink(missing_ok=True)


def write_backup(
    db_path: Path, target: Path, manifest: dict, extra: dict[str, Path], work_dir: Path
) -> list[str]:
    """Write the backup zip at `target` (owner-only, atomic): a consistent copy of the
    database, `extra` files by member name, and the manifest; read back and checked.

    Returns the integrity problems of the copy ([] when it was written)."""
    with temp_file(work_dir, ".sqlite3") as copy:
        copy.unlink()
        copy_database(db_path, copy)
        problems = integrity_problems(copy)
        if problems:
            return problems
        partial = target.with_name(f".{target.name}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
                z.write(copy, DB_MEMBER)
                for name, path in sorted(extra.items()):
                    z.write(path, name)
                raw.flush()
                os.fsync(raw.fileno())
            restrict_to_owner(partial)
            check_zip(partial, work_dir)
            replace_with_retry(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return []


def check_zip(path: Path, work_dir: Path) -> None:
    """Read a backup back: every member's CRC, then the database copy's integrity."""
    with open_backup(path, work_dir) as (_, db_copy, _):
        problems = integrity_problems(db_copy)
    if problems:
        raise BackupFileError("damaged_db: " + "; ".join(problems))


@contextmanager
def open_backup(path: Path, work_dir: Path) -> Iterator[tuple[dict, Path, dict[str, bytes]]]:
    """(manifest, the database extracted to a temporary file, key-folder files by name).

    BackupFileError when it is not a readable backup zip."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupFileError(f"not_zip: {exc}") from None
    with z, temp_file(work_dir, ".sqlite3") as db_copy:
        try:
            if z.testzip() is not None:
                raise BackupFileError("bad_crc")
            names = z.namelist()
            if MANIFEST not in names or DB_MEMBER not in names:
                raise BackupFileError("not_backup")
            manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("format") != "cchc-backup":
                raise BackupFileError("not_backup")
            if z.getinfo(DB_MEMBER).file_size > MAX_MEMBER_BYTES:
                raise BackupFileError("too_big")
            with z.open(DB_MEMBER) as src, open(db_copy, "wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
            keys = {}
            for name in names:
                base = name.removeprefix(KEYS_PREFIX)
                if name.startswith(KEYS_PREFIX) and base and "/" not in base and ".." not in base:
                    keys[base] = z.read(name)
        except (zipfile.BadZipFile, ValueError, UnicodeDecodeError, KeyError) as exc:
            raise BackupFileError(f"damaged: {exc}") from None
        except OSError as exc:
            raise BackupFileError(f"damaged: {exc}") from None
        yield manifest, db_copy, keys


def record_backup(db, key: str, value: str) -> None:
    """Note the last good backup (plain sqlite3: the app does this in a worker right after
    its first paint, without loading the SQLModel write path)."""
    with db.write_sql() as conn:
        conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key)"
            " DO UPDATE SET value = excluded.value",
            (key, value),
        )
