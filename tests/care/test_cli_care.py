"""`cchc backup`, `cchc restore`, `cchc doctor` as real processes on real data folders."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from cchc_tui.services import keys
from cchc_tui.services.backup import make_backup
from cchc_tui.services.office.bundles import cell_detail

from .conftest import AGENCY, PHRASE, received

SETPRIV = shutil.which("setpriv")
DB = "cchc.sqlite3"
TODAY = "2025-03-10"


def cchc(
    data: Path, *args: str, user: bool = False, stdin: str = ""
) -> subprocess.CompletedProcess:
    """`cchc ARGS --data-dir DATA --today 2025-03-10` in a fresh process (as user 65534)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env["CCHC_PASSPHRASE"] = PHRASE
    prefix = [SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups"] if user else []
    done = subprocess.run(
        [
            *prefix,
            sys.executable,
            "-m",
            "cchc_tui",
            *args,
            "--data-dir",
            str(data),
            "--today",
            TODAY,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        input=stdin,
        timeout=120,
        cwd=tempfile.gettempdir(),
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def doctor(data: Path, **kwargs) -> tuple[int, set[str]]:
    """Exit code and the codes of the findings."""
    done = cchc(data, "doctor", "--json", **kwargs)
    return done.returncode, {f["code"] for f in json.loads(done.stdout)}


@pytest.fixture
def folder(agency) -> Path:
    """The agency's data folder with one export, closed (as when the app is not running)."""
    agency.send()
    agency.close()
    return agency.folder


def test_backup_writes_one_owner_only_zip_named_with_agency_and_time(folder, tmp_path):
    done = cchc(folder, "backup", "--out", str(tmp_path / "usb"))
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip().splitlines()[-1])
    assert path.parent == tmp_path / "usb" and path.name.startswith(f"cchc-backup_{AGENCY}_2025")
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        assert {"manifest.json", DB} <= names
        assert any(n.startswith("keys/") and n.endswith(".key.json") for n in names)
        assert f"keys/{AGENCY}.chain.json" in names
        assert json.loads(z.read("manifest.json"))["agency_id"] == AGENCY


def test_backups_beyond_the_kept_number_are_removed(folder, tmp_path):
    out = tmp_path / "usb"
    for _ in range(3):
        assert cchc(folder, "backup", "--out", str(out), "--keep", "2").returncode == 0
    assert len(list(out.glob("cchc-backup_*.zip"))) == 2


def test_doctor_on_a_sound_folder_warns_of_no_backup_and_exits_0(folder):
    done = cchc(folder, "doctor")
    assert done.returncode == 0, done.stdout
    assert "[cảnh báo] Chưa có bản sao lưu nào" in done.stdout
    assert "Cách xử lý: Sao lưu ngay" in done.stdout
    assert cchc(folder, "backup").returncode == 0
    code, found = doctor(folder)
    assert code == 0 and {"db_ok", "key_ok", "chain_ok", "backup_ok"} <= found


def damage_a_page(path: Path) -> None:
    """Spoil one b-tree page no ordinary command reads (an office index)."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'rejected_file_period'"
    ).fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x00\xff\xff\xff")


def test_doctor_finds_a_damaged_page_and_exits_1(folder):
    damage_a_page(folder / DB)
    code, found = doctor(folder)
    assert code == 1 and "db_damaged" in found
    text = cchc(folder, "doctor").stdout
    assert "bị hỏng" in text and "cchc restore" in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= 80, text


def test_doctor_fits_80_columns_with_a_long_folder_name(folder, tmp_path):
    """The plain report wraps at 80: a damaged file, no backup, a path longer than a line."""
    deep = tmp_path / ("Dữ liệu cải cách hành chính " * 4).strip() / "của Sở Tư pháp"
    shutil.copytree(folder, deep)
    damage_a_page(deep / DB)
    done = cchc(deep, "doctor")
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, done.stdout
    assert lines[0].startswith("[nguy hiểm] Tệp dữ liệu")
    assert any(line.startswith("    Cách xử lý: Đừng nhập thêm") for line in lines)
    text = " ".join(done.stdout.split())
    assert "Chưa có bản sao lưu nào" in text and "cchc restore TỆP_SAO_LƯU" in text


def test_doctor_finds_a_key_file_that_does_not_match_the_enrolment(folder, tmp_path, seeded):
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services.settings import save_profile
    from cchc_tui.services.workspace import open_workspace

    other = open_workspace(seeded(tmp_path / "other"), Clock())
    save_profile(other, AGENCY, "B")
    stranger = keys.init_key(other, AGENCY, PHRASE)
    other.db.close()
    [mine] = (folder / "keys").glob("*.key.json")
    shutil.copyfile(stranger.path, mine)
    code, found = doctor(folder)
    assert code == 1 and "key_mismatch" in found


def test_doctor_finds_a_database_copied_back_over_a_later_chain(agency, tmp_path):
    agency.send()
    zipped = make_backup(agency.ws).path
    agency.send()
    agency.close()
    with zipfile.ZipFile(zipped) as z:  # the manual restore of the issue: copy over
        (agency.folder / DB).write_bytes(z.read(DB))
    for side in ("-wal", "-shm"):
        Path(f"{agency.folder / DB}{side}").unlink(missing_ok=True)
    code, found = doctor(agency.folder)
    assert code == 1 and "chain_stale" in found


@pytest.mark.skipif(SETPRIV is None or os.geteuid() != 0, reason="needs setpriv as root")
def test_doctor_finds_a_folder_this_account_cannot_write(folder):
    shared = Path(tempfile.mkdtemp(prefix="cchc-care-"))
    try:
        shared.chmod(0o755)
        data = Path(shutil.copytree(folder, shared / "data"))
        for path in [data, *data.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        code, found = doctor(data, user=True)
        assert code == 1 and "folder_unwritable" in found
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_restore_asks_first_and_a_closed_input_changes_nothing(folder):
    path = Path(cchc(folder, "backup").stdout.strip().splitlines()[-1])
    before = (folder / DB).read_bytes()
    done = cchc(folder, "restore", str(path))
    assert done.returncode == 2 and done.stderr.startswith("Lỗi: Cần xác nhận")
    assert (folder / DB).read_bytes() == before and not (folder / "restore-kept").exists()


def test_restore_refuses_a_damaged_backup_with_one_line(folder, tmp_path):
    path = Path(cchc(folder, "backup").stdout.strip().splitlines()[-1])
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == DB:
                spoilt = tmp_path / "spoilt.sqlite3"
                spoilt.write_bytes(data)
                damage_a_page(spoilt)
                data = spoilt.read_bytes()
            dst.writestr(name, data)
    before = (folder / DB).read_bytes()
    done = cchc(folder, "restore", str(damaged), "--yes")
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("Lỗi: Không khôi phục") and "bị hỏng" in line
    assert (folder / DB).read_bytes() == before


def test_moving_to_a_new_pc_and_a_new_officer(agency, office, tmp_path):
    """Backup on the old PC, restore on the new one, change the officer, export."""
    assert received(office, agency.send().path) == (1, "accepted")
    assert received(office, agency.send().path) == (2, "accepted")
    agency.close()
    old_pc, new_pc = agency.folder, tmp_path / "new-pc"
    usb = tmp_path / "usb"
    assert cchc(old_pc, "backup", "--out", str(usb)).returncode == 0
    [backup] = usb.glob("*.zip")
    done = cchc(new_pc, "restore", str(backup), "--yes")
    assert done.returncode == 0, done.stderr
    assert "gói tiếp theo là số 3" in done.stdout
    done = cchc(new_pc, "init", "--agency", AGENCY, "--officer", "Trần Thị Mới")
    assert done.returncode == 0, done.stderr
    edit = ["--task", "I.3", "--period", "2025-Q1", "--status", "in_progress", "--progress", "70"]
    assert cchc(new_pc, "progress", "set", *edit).returncode == 0
    done = cchc(new_pc, "export", "--period", "2025-Q1")
    assert done.returncode == 0, done.stderr
    bundle = Path(done.stdout.strip().splitlines()[-1])
    assert received(office, bundle) == (3, "accepted")
    assert cell_detail(office, AGENCY, "2025-Q1").counted.signer == "Trần Thị Mới"


def test_a_write_on_a_damaged_database_points_to_doctor_and_the_newest_backup(folder):
    zipped = Path(cchc(folder, "backup").stdout.strip().splitlines()[-1])
    raw = bytearray((folder / DB).read_bytes())
    raw[4096 : 4096 * 12] = b"\xa5" * (4096 * 11)
    (folder / DB).write_bytes(bytes(raw))
    edit = ["--task", "I.3", "--period", "2025-Q1", "--status", "in_progress", "--progress", "9"]
    done = cchc(folder, "progress", "set", *edit)
    assert done.returncode == 3
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("Lỗi: ") and "bị hỏng" in line
    assert "cchc doctor" in line and f"cchc restore {zipped}" in line
    code, found = doctor(folder)
    assert code == 1 and "db_damaged" in found


def test_a_lost_disk_restored_with_chain_from_the_sent_mail(agency, office, tmp_path):
    """The whole disk died; the USB backup is older than the last two bundles sent."""
    assert received(office, agency.send().path) == (1, "accepted")
    agency.close()
    usb = tmp_path / "usb"
    assert cchc(agency.folder, "backup", "--out", str(usb)).returncode == 0
    [backup] = usb.glob("*.zip")
    agency.reopen()
    for seq in (2, 3):
        last = agency.send()
        assert received(office, last.path) == (seq, "accepted")
    sent = shutil.copy(last.path, tmp_path / "sent-mail.json")
    agency.close()
    new_disk = tmp_path / "new-disk"
    done = cchc(new_disk, "restore", str(backup), "--chain-from", str(sent), "--yes")
    assert done.returncode == 0, done.stderr
    assert f"Chuỗi gói của {AGENCY}: gói tiếp theo là số 4." in done.stdout
    edit = ["--task", "I.3", "--period", "2025-Q1", "--status", "in_progress", "--progress", "80"]
    assert cchc(new_disk, "progress", "set", *edit).returncode == 0
    done = cchc(new_disk, "export", "--period", "2025-Q1")
    assert done.returncode == 0, done.stderr
    assert received(office, Path(done.stdout.strip().splitlines()[-1])) == (4, "accepted")
    agency.reopen()


def test_chain_from_a_file_that_is_not_a_bundle_is_refused(folder, tmp_path):
    path = Path(cchc(folder, "backup").stdout.strip().splitlines()[-1])
    junk = tmp_path / "note.json"
    junk.write_text('{"seq": 99}', encoding="utf-8")
    before = (folder / DB).read_bytes()
    done = cchc(folder, "restore", str(path), "--chain-from", str(junk), "--yes")
    assert done.returncode == 2 and done.stderr.startswith("Lỗi: ")
    assert "không phải gói báo cáo" in done.stderr
    assert (folder / DB).read_bytes() == before
