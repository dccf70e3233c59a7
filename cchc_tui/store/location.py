"""Where the data folder lives: a network share (refused), and what its file system allows.

SQLite's locking is not reliable on network file systems (SQLite's own FAQ), so the
data folder must be on a local disk; backups may go anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath

NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.davfs2",
        "fuse.glusterfs",
    }
)
"""File system types of /proc/mounts that are network shares (9p, WSL's view of the
Windows drives, is local and not listed)."""

MOUNTS_FILE = Path("/proc/self/mounts")
LOW_SPACE_BYTES = 1024 * 1024
"""Below this much free space a failed write is reported as a full disk."""

DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


def is_unc(path: str | os.PathLike[str]) -> bool:
    r"""`\\server\share\…` (or `//server/share/…` on Windows); not `\\?\C:\…`, a long local path."""
    text = os.fspath(path)
    if text.startswith(("\\\\?\\UNC\\", "\\\\.\\UNC\\")):
        return True
    if text.startswith(("\\\\?\\", "\\\\.\\")):
        return False
    if text.startswith("\\\\"):
        return True  # on POSIX too: someone typed a Windows share path
    return os.name == "nt" and PureWindowsPath(text).drive.startswith("\\\\")


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_of(path: Path, mounts_text: str) -> tuple[str, str] | None:
    """(mount point, file system type) of the mount holding `path`, from /proc/mounts text."""
    target = os.path.realpath(path)
    best: tuple[str, str] | None = None
    for line in mounts_text.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fstype = _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, fstype)
    return best


def _windows_drive_is_remote(path: Path) -> bool:
    import ctypes

    drive = PureWindowsPath(os.path.abspath(path)).drive
    if not drive:
        return False
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE  # type: ignore[attr-defined]


def network_share(path: Path, *, mounts_text: str | None = None) -> str | None:
    """What makes `path` a network location (`"UNC"`, `"ổ mạng"` or the file system type),
    or None for a local folder. `mounts_text` replaces /proc/mounts (tests)."""
    if is_unc(path):
        return "UNC"
    if os.name == "nt":
        try:
            return "ổ mạng" if _windows_drive_is_remote(path) else None
        except (OSError, AttributeError, ValueError):
            return None
    if mounts_text is None:
        try:
            mounts_text = MOUNTS_FILE.read_text("utf-8", errors="replace")
        except OSError:
            return None  # no /proc (macOS): nothing to tell
    found = mount_of(path, mounts_text)
    return found[1] if found and found[1] in NETWORK_FILE_SYSTEMS else None


def nearest_existing(path: Path) -> Path:
    """`path` or its closest ancestor that exists."""
    path = Path(os.path.abspath(path))
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def folder_condition(folder: Path) -> str | None:
    """Why nothing can be written in `folder`: `"readonly_fs"`, `"no_access"` or `"full"`;
    None when none of these is seen (checked on the closest folder that exists)."""
    import shutil

    where = nearest_existing(folder)
    try:
        if hasattr(os, "statvfs") and os.statvfs(where).f_flag & os.ST_RDONLY:
            return "readonly_fs"
        if not os.access(where, os.W_OK | os.X_OK):
            return "no_access"
        if shutil.disk_usage(where).free < LOW_SPACE_BYTES:
            return "full"
    except OSError:
        return None
    return None
