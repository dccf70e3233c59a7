"""Files of a backup and a restore: the zip written, checked and opened (store/db_facts.py:
what a database file holds and whether it is sound).

A backup zip holds `manifest.json`, `cchc.sqlite3` (a copy made with SQLite's online
backup API) and `keys/…` (key files, enrolments, chain files)."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cchc_tui.store.backup import copy_database
from cchc_tui.store.db_facts import integrity_problems
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
