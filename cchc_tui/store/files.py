"""Windows-safe file writes: temp file in the target folder, fsync, replace with retry."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


def replace_with_retry(src: Path, dst: Path) -> None:
    """`os.replace`, retried while Windows briefly locks the target (antivirus, indexer)."""
    for delay in (*RETRY_DELAYS, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if delay is None:
                raise
            time.sleep(delay)


def atomic_write_bytes(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # tell the name asked for, not the temporary one
        exc.filename = str(path)
        raise
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if private:
            restrict_to_owner(tmp)
        replace_with_retry(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def restrict_to_owner(path: Path) -> None:
    """Owner-only permissions where the OS has them (a no-op on Windows ACLs)."""
    if os.name != "nt":
        os.chmod(path, 0o600)


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself on POSIX; Windows has no directory fsync."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def link_into_place(src: Path, dst: Path) -> bool:
    """Give the finished file `src` the name `dst` unless `dst` exists (then False).

    Never replaces a file: a hard link on POSIX (a rename where the file system has
    none), a rename on Windows, where renaming onto an existing name fails.
    """
    try:
        if os.name == "nt":
            os.rename(src, dst)
        else:
            os.link(src, dst)
    except FileExistsError:
        return False
    except OSError:
        if dst.exists():
            return False
        if os.name == "nt":
            raise
        os.rename(src, dst)  # no hard links on this file system (FAT, some USB disks)
    _fsync_dir(dst.parent)
    return True
