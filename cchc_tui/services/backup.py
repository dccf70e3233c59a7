"""Backups: one zip holding a consistent copy of the database, the key files, the
enrolments and chain files; checked after writing, owner-only, kept N (setting)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc_tui import __version__
from cchc_tui.domain.care import backup_name, backup_order, backup_stamp
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace

DIR_SETTING = "backup.dir"
KEEP_SETTING = "backup.keep"
LAST_SETTING = "backup.last_good"
DEFAULT_KEEP = 14
FORMAT_VERSION = 1


@dataclass(frozen=True)
class BackupResult:
    """A backup written and checked."""

    path: Path
    size: int
    removed: list[Path]


def _setting(ws: Workspace, key: str) -> str | None:
    from cchc_tui.services.settings import get_setting

    return get_setting(ws, key)


def backups_dir(ws: Workspace) -> Path:
    """Where backups go: the `backup.dir` setting (a USB drive, a share), else `backups/`."""
    chosen = _setting(ws, DIR_SETTING)
    return Path(chosen) if chosen else ws.data_dir / "backups"


def keep_count(ws: Workspace) -> int:
    """How many backups are kept (setting `backup.keep`, default 14)."""
    value = _setting(ws, KEEP_SETTING) or ""
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_KEEP


def set_backup_options(ws: Workspace, folder: str | None, keep: int | None) -> None:
    """Save the backup folder and how many to keep; refused when unusable."""
    from cchc_tui.services.settings import put_settings

    values = {}
    if folder is not None:
        path = Path(folder).expanduser()
        if path.exists() and not path.is_dir():
            raise ServiceError(f"{path} là một tệp: chọn một thư mục để chứa bản sao lưu.")
        values[DIR_SETTING] = str(path)
    if keep is not None:
        if keep < 1:
            raise ServiceError("Số bản sao lưu giữ lại phải từ 1 trở lên.")
        values[KEEP_SETTING] = str(keep)
    if values:
        put_settings(ws, values)


def _key_files(ws: Workspace) -> dict[str, Path]:
    """Members `keys/NAME` for every file of the keys folder (keys, enrolments, chain)."""
    if not ws.keys_dir.is_dir():
        return {}
    return {f"keys/{p.name}": p for p in sorted(ws.keys_dir.iterdir()) if p.is_file()}


def make_backup(ws: Workspace, out_dir: Path | None = None, *, prune: bool = True) -> BackupResult:
    """Write `cchc-backup_<agency>_<time>.zip` into `out_dir` (default: `backups_dir`),
    check it, record it as the last good backup and keep the newest N in that folder."""
    from cchc_tui.services.settings import get_profile
    from cchc_tui.store.care import record_backup, write_backup
    from cchc_tui.store.migrate import latest_version

    profile = get_profile(ws)
    agency = profile.agency_id if profile else None
    now = ws.clock.now_iso()
    folder = Path(out_dir) if out_dir else backups_dir(ws)
    if folder.exists() and not folder.is_dir():
        raise ServiceError(f"--out phải là thư mục, nhưng {folder} là một tệp: chọn một thư mục.")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(agency, now)
    n = 1
    while target.exists():
        n += 1
        target = folder / backup_name(agency, now).replace(".zip", f"-{n}.zip")
    manifest = {
        "format": "cchc-backup",
        "version": FORMAT_VERSION,
        "agency_id": agency,
        "created_at": now,
        "schema_version": latest_version(),
        "app_version": __version__,
    }
    problems = write_backup(ws.db.path, target, manifest, _key_files(ws), ws.data_dir)
    if problems:
        raise ServiceError(
            "Cơ sở dữ liệu đang bị hỏng nên bản sao lưu không dùng được "
            f"({problems[0]}): chưa ghi bản sao lưu nào. Chạy cchc doctor để biết cách xử lý."
        )
    record_backup(ws.db, LAST_SETTING, f"{now}|{target}")
    removed = prune_backups(ws, folder) if prune else []
    return BackupResult(target, target.stat().st_size, removed)


def backup_database(ws: Workspace) -> Path:
    """The app's F5 backup: `make_backup` into the backup folder; returns the file."""
    return make_backup(ws).path


def list_backups(ws: Workspace, folder: Path | None = None) -> list[Path]:
    """Backup zips in the folder, newest first."""
    folder = folder or backups_dir(ws)
    try:
        found = [p for p in folder.glob("cchc-backup_*.zip") if backup_stamp(p.name)]
    except OSError:
        return []
    return sorted(found, key=lambda p: backup_order(p.name), reverse=True)


def prune_backups(ws: Workspace, folder: Path) -> list[Path]:
    """Delete all but the newest `keep_count` backups in `folder`; returns those removed."""
    removed = []
    for old in list_backups(ws, folder)[keep_count(ws) :]:
        try:
            old.unlink()
            removed.append(old)
        except OSError:
            continue
    return removed


def last_good_backup(ws: Workspace) -> tuple[str, Path] | None:
    """(ISO time, file) of the last backup written and checked, or None."""
    value = _setting(ws, LAST_SETTING) or ""
    moment, _, path = value.partition("|")
    return (moment, Path(path)) if moment and path else None


def backup_due(ws: Workspace) -> bool:
    """True when no backup was made today (the app then makes one at start)."""
    last = last_good_backup(ws)
    return last is None or last[0][:10] != ws.clock.today().isoformat()


def auto_backup(ws: Workspace) -> BackupResult | None:
    """The daily backup the app makes on its first start of a day; None when not due."""
    if not backup_due(ws):
        return None
    return make_backup(ws)
