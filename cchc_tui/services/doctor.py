"""`cchc doctor`: what is wrong with the data folder, how bad, and what to do. Reads only;
works on a folder whose database cannot be opened (it says so)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from cchc_tui.domain.care import DANGER, OK, WARNING, Finding, backup_stamp, days_between
from cchc_tui.domain.clock import Clock
from cchc_tui.services.doctor_keys import chain_findings, key_findings, listing
from cchc_tui.services.workspace import DB_NAME

LOW_DISK_BYTES = 200 * 1024 * 1024
BACKUP_MAX_DAYS = 7
RESTORE = "khôi phục bản sao lưu gần nhất: cchc restore TỆP_SAO_LƯU (dữ liệu hiện tại được giữ lại)"


def _writable(folder: Path) -> bool:
    try:
        fd, name = tempfile.mkstemp(prefix=".cchc-doctor-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    Path(name).unlink(missing_ok=True)
    return True


def _database(db_path: Path, quick: bool) -> tuple[list[Finding], object | None]:
    from cchc_tui.store.db_facts import UnreadableDatabase, db_facts, integrity_problems
    from cchc_tui.store.migrate import latest_version

    if not db_path.exists():
        return [
            Finding(
                "db_missing",
                WARNING,
                f"Chưa có tệp dữ liệu {db_path}.",
                "Mở chương trình (cchc) để tạo, hoặc khôi phục: cchc restore TỆP.",
            )
        ], None
    problems = integrity_problems(db_path, quick=quick)
    if problems:
        return [
            Finding(
                "db_damaged",
                DANGER,
                f"Tệp dữ liệu {db_path} bị hỏng ({problems[0][:120]}).",
                f"Đừng nhập thêm; {RESTORE}.",
            )
        ], None
    try:
        facts = db_facts(db_path)
    except UnreadableDatabase as exc:
        return [
            Finding(
                "db_damaged",
                DANGER,
                f"Không đọc được tệp dữ liệu ({exc}).",
                f"Đừng nhập thêm; {RESTORE}.",
            )
        ], None
    out = [Finding("db_ok", OK, "Tệp dữ liệu nguyên vẹn.")]
    latest = latest_version()
    if facts.schema_version > latest:
        out.append(
            Finding(
                "schema_too_new",
                DANGER,
                f"Dữ liệu do phiên bản mới hơn ghi (lược đồ {facts.schema_version}).",
                "Cài phiên bản mới nhất của chương trình.",
            )
        )
    elif facts.schema_version < latest:
        out.append(
            Finding(
                "schema_old",
                WARNING,
                f"Dữ liệu ở lược đồ {facts.schema_version}, chương trình dùng {latest}.",
                "Mở chương trình một lần để cập nhật dữ liệu.",
            )
        )
    return out, facts


def _backups(data_dir: Path, facts, today: str) -> list[Finding]:
    settings = facts.backup_settings if facts else {}
    folder = Path(settings.get("backup.dir") or data_dir / "backups")
    stamps = [s for p in listing(folder) if (s := backup_stamp(p.name))]
    last = settings.get("backup.last_good", "").partition("|")[0]
    if last:
        stamps.append(last[:10].replace("-", "") + "-000000")
    if not stamps:
        return [
            Finding(
                "backup_none",
                WARNING,
                f"Chưa có bản sao lưu nào ({folder}).",
                "Sao lưu ngay: cchc backup --out THƯ_MỤC (nên là USB hoặc ổ mạng).",
            )
        ]
    age = days_between(max(stamps), today)
    if age > BACKUP_MAX_DAYS:
        return [
            Finding(
                "backup_old",
                WARNING,
                f"Bản sao lưu gần nhất đã {age} ngày.",
                "Sao lưu ngay: cchc backup --out THƯ_MỤC.",
            )
        ]
    return [Finding("backup_ok", OK, f"Có bản sao lưu {age} ngày trước.")]


def run_doctor(data_dir: Path, clock: Clock, *, quick: bool = False) -> list[Finding]:
    """Every finding about `data_dir`, dangers first (`quick`: SQLite's quick check)."""
    db_path = data_dir / DB_NAME
    findings, facts = _database(db_path, quick)
    if data_dir.is_dir() and not _writable(data_dir):
        findings.append(
            Finding(
                "folder_unwritable",
                DANGER,
                f"Không ghi được vào thư mục dữ liệu {data_dir}.",
                "Cấp quyền ghi cho tài khoản này, hoặc chạy bằng tài khoản sở hữu thư mục.",
            )
        )
    try:
        free = shutil.disk_usage(data_dir if data_dir.is_dir() else data_dir.parent).free
    except OSError:
        free = None
    if free is not None and free < LOW_DISK_BYTES:
        findings.append(
            Finding(
                "disk_low",
                WARNING,
                f"Ổ đĩa còn {free // 2**20} MB.",
                "Giải phóng chỗ trống trên ổ đĩa.",
            )
        )
    exports = data_dir / "exports"
    if exports.is_dir() and not _writable(exports):
        findings.append(
            Finding(
                "exports_unwritable",
                WARNING,
                f"Không ghi được vào thư mục gói {exports}.",
                "Cấp quyền ghi, hoặc xuất gói với --out THƯ_MỤC khác.",
            )
        )
    today = clock.today().isoformat()
    if facts is not None:
        keys_dir = data_dir / "keys"
        findings += key_findings(keys_dir, facts) + chain_findings(keys_dir, facts)
        if facts.last_export_at and facts.last_export_at[:10] > today:
            findings.append(
                Finding(
                    "clock_behind",
                    WARNING,
                    f"Hôm nay ({today}) trước ngày ký gói mới nhất ({facts.last_export_at[:10]}).",
                    "Chỉnh lại ngày giờ của máy tính.",
                )
            )
    findings += _backups(data_dir, facts, today)
    order = {DANGER: 0, WARNING: 1, OK: 2}
    return sorted(findings, key=lambda f: order[f.severity])
