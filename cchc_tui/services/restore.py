"""Restore a backup zip: checked (integrity, schema, agency) before anything moves; the
current database and keys kept aside, never deleted; keys never go backwards; the chain
head never goes back (the chain file, the exports folder, `--chain-from`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cchc_tui.domain.care import ChainHead, head_of_bundle, higher_head
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import DB_NAME

KEPT_DIR = "restore-kept"


@dataclass(frozen=True)
class BackupSummary:
    """What the backup holds, shown before the officer confirms."""

    agency_id: str | None
    created_at: str
    schema_version: int


@dataclass
class RestoreResult:
    """What the restore did."""

    summary: BackupSummary
    kept: Path | None
    heads: dict[str, int] = field(default_factory=dict)
    """The chain head (seq) each agency's next export follows (adopted or the backup's)."""
    keys_from_backup: list[str] = field(default_factory=list)


def _refuse(file: Path, why: str) -> ServiceError:
    return ServiceError(f"Không khôi phục từ {file}: {why}; dữ liệu hiện tại giữ nguyên.")


def _current_facts(db_path: Path):
    """The current database's facts, or None when there is none or it cannot be read."""
    from cchc_tui.store.db_facts import UnreadableDatabase, db_facts, integrity_problems

    if not db_path.is_file() or integrity_problems(db_path, quick=True):
        return None
    try:
        return db_facts(db_path)
    except UnreadableDatabase:
        return None


def _exports_heads(folder: Path) -> list[ChainHead]:
    """Chain heads of the bundle files in the exports folder (the highest per agency)."""
    best: dict[str, ChainHead] = {}
    try:
        files = sorted(folder.glob("*_*_*.json"))
    except OSError:
        return []
    for path in files:
        try:
            head = head_of_bundle(path.read_bytes())
        except (OSError, ValueError):
            continue
        best[head.agency_id] = higher_head(best.get(head.agency_id), head)  # type: ignore[assignment]
    return list(best.values())


def _chain_files(keys: dict[str, bytes]) -> list[ChainHead]:
    from cchc_tui.domain.care import parse_chain_file

    out = []
    for name, data in keys.items():
        if name.endswith(".chain.json"):
            try:
                out.append(parse_chain_file(data))
            except ValueError:
                continue
    return out


def _folder_files(folder: Path) -> dict[str, bytes]:
    try:
        return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    except OSError:
        return {}


def restore_backup(
    data_dir: Path,
    file: Path,
    now_iso: Callable[[], str],
    *,
    chain_from: Path | None = None,
    confirm: Callable[[BackupSummary], bool] = lambda _: True,
) -> RestoreResult | None:
    """Check `file`, ask `confirm`, then put its database in place (None: not confirmed)."""
    from cchc_tui.store.care import BackupFileError, open_backup
    from cchc_tui.store.database import check_not_in_use
    from cchc_tui.store.db_facts import (
        UnreadableDatabase,
        adopt_into,
        db_facts,
        integrity_problems,
    )
    from cchc_tui.store.migrate import latest_version

    file = Path(file)
    if not file.is_file():
        raise ServiceError(f"Không thấy tệp sao lưu {file}: kiểm tra lại đường dẫn.")
    anchor = None
    if chain_from is not None:
        try:
            anchor = head_of_bundle(Path(chain_from).read_bytes())
        except (OSError, ValueError):
            raise ServiceError(
                f"{chain_from} không phải gói báo cáo đọc được: dùng tệp .json đã gửi Sở "
                "Nội vụ (trong thư đã gửi); chưa có gì thay đổi."
            ) from None
    data_dir.mkdir(parents=True, exist_ok=True)
    db_path = data_dir / DB_NAME
    current = _current_facts(db_path)
    try:
        with open_backup(file, data_dir) as (manifest, copy, key_files):
            if integrity_problems(copy):
                raise _refuse(file, "cơ sở dữ liệu trong bản sao lưu bị hỏng")
            try:
                facts = db_facts(copy)
            except UnreadableDatabase:
                raise _refuse(file, "cơ sở dữ liệu trong bản sao lưu không đọc được") from None
            summary = BackupSummary(
                facts.agency_id, str(manifest.get("created_at", "")), facts.schema_version
            )
            if facts.schema_version > latest_version():
                raise _refuse(file, "bản sao lưu do phiên bản mới hơn ghi: hãy cập nhật phần mềm")
            mine = current.agency_id if current else None
            if mine and facts.agency_id != mine:
                raise _refuse(
                    file,
                    f"bản sao lưu là của cơ quan '{facts.agency_id or 'chưa chọn'}', không phải "
                    f"'{mine}' của máy này",
                )
            if anchor is not None and facts.agency_id and anchor.agency_id != facts.agency_id:
                raise _refuse(file, f"gói {chain_from} là của cơ quan khác ({anchor.agency_id})")
            if not confirm(summary):
                return None
            _migrate(copy, now_iso)
            keys_dir = data_dir / "keys"
            current_keys = _folder_files(keys_dir)
            heads = _adopted_heads(
                db_facts(copy).heads,
                current,
                [*_chain_files(current_keys), *_chain_files(key_files)],
                _exports_heads(data_dir / "exports"),
                anchor,
            )
            adopt_into(
                copy,
                {a: (h.seq, h.body_sha256) for a, h in heads.items()},
                current.keys if current else [],
            )
            final = db_facts(copy).heads
            check_not_in_use(db_path)  # an open app would go on writing to the file kept aside
            kept = _keep_aside(data_dir, db_path, keys_dir)
            restored = _bring_keys(keys_dir, key_files, current_keys)
            _put_in_place(copy, db_path)
    except BackupFileError as exc:
        raise _refuse(
            file, f"tệp không phải bản sao lưu hoặc đã hỏng ({exc.reason[:80]})"
        ) from None
    return RestoreResult(summary, kept, {a: seq for a, (seq, _) in final.items()}, restored)


def _migrate(copy: Path, now_iso: Callable[[], str]) -> None:
    """Bring an older backup's schema up to this program's (the seed files too)."""
    from cchc_tui.store.seeding import open_database

    open_database(copy, now_iso=now_iso).close()


def _adopted_heads(
    own: dict[str, tuple[int, str]],
    current,
    files: list[ChainHead],
    exported: list[ChainHead],
    anchor: ChainHead | None,
) -> dict[str, ChainHead]:
    """Per agency, the highest head known anywhere, where it is past the backup's own."""
    candidates: dict[str, list[ChainHead]] = {}
    sources = [*files, *exported, *([anchor] if anchor else [])]
    if current is not None:
        sources += [ChainHead(a, s, h) for a, (s, h) in current.heads.items()]
    for head in sources:
        candidates.setdefault(head.agency_id, []).append(head)
    out = {}
    for agency_id, heads in candidates.items():
        best = higher_head(*heads)
        if best is not None and best.seq > own.get(agency_id, (0, ""))[0]:
            out[agency_id] = best
    return out


def _keep_aside(data_dir: Path, db_path: Path, keys_dir: Path) -> Path | None:
    """Move the current database (with its -wal/-shm) and copy the keys folder into
    `restore-kept/<time>/`; None when there was nothing to keep."""
    import shutil

    sides = [Path(f"{db_path}{s}") for s in ("", "-wal", "-shm")]
    if not any(p.exists() for p in sides) and not keys_dir.is_dir():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    kept = data_dir / KEPT_DIR / stamp
    kept.mkdir(parents=True)
    if keys_dir.is_dir():
        shutil.copytree(keys_dir, kept / "keys")
    for side in sides:
        if side.exists():
            side.replace(kept / side.name)
    return kept


def _bring_keys(keys_dir: Path, backup: dict[str, bytes], current: dict[str, bytes]) -> list[str]:
    """Copy the backup's key files that are not here (a new PC); never overwrite one."""
    from cchc_tui.store.files import atomic_write_bytes

    brought = []
    for name, data in sorted(backup.items()):
        if name not in current and not name.endswith(".chain.json"):
            atomic_write_bytes(keys_dir / name, data, private=True)
            brought.append(name)
    return brought


def _put_in_place(copy: Path, db_path: Path) -> None:
    """The checked copy becomes the database (owner-only, atomic)."""
    from cchc_tui.store.files import atomic_write_bytes

    with open(copy, "rb") as handle:
        atomic_write_bytes(db_path, handle.read(), private=True)
