"""Unusable paths and names, pipes, bytes that are not UTF-8: one `Lỗi:` line, exit 2,
nothing written (a refusal is not a fault of the machine: no log either)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_tui.store.location import is_unc, network_share

from .conftest import LOG, PHRASE, TODAY, State, cchc, logged, run

EXPORT = ("export", "--agency", "so-noi-vu", "--period", "2025-Q1")


def _refused(data: Path, *args: str, expect: str, **kwargs) -> str:
    before = State.of(data)
    done = cchc(data, *args, **kwargs)
    assert done.code == 2, done.err
    assert expect in done.line, done.line
    assert State.of(data) == before and not (data / LOG).exists()
    return done.line


def test_data_dir_naming_a_file(tmp_path):
    target = tmp_path / "ghi-chu.txt"
    target.write_text("không phải thư mục", encoding="utf-8")
    done = cchc(target, "tasks")
    assert done.code == 2
    assert "là một tệp, không phải thư mục" in done.line
    assert target.read_text(encoding="utf-8") == "không phải thư mục"


def test_data_dir_on_a_windows_share_is_refused_and_nothing_is_made(tmp_path):
    share = "\\\\may-chu\\du-lieu\\cchc"
    done = run("tasks", "--data-dir", share, "--today", TODAY)
    assert done.code == 2
    assert "nằm trên ổ mạng (UNC)" in done.line and "ổ đĩa của máy này" in done.line
    assert not Path(share).exists()


MOUNTS = "\n".join(
    [
        "/dev/vda / ext4 rw,relatime 0 0",
        "nas:/export/home /home nfs4 rw 0 0",
        "//nas/chung /mnt/o\\040chung cifs rw 0 0",
        "/dev/sdb1 /mnt/o\\040chung/usb vfat rw 0 0",
        "user@host:/srv /mnt/ssh fuse.sshfs rw 0 0",
        "drvfs /mnt/c 9p rw 0 0",
    ]
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/home/can-bo/cchc", "nfs4"),
        ("/mnt/o chung/cchc", "cifs"),
        ("/mnt/o chung/usb/cchc", None),  # a local disk mounted inside the share
        ("/mnt/ssh/x", "fuse.sshfs"),
        ("/mnt/c/Users/x", None),  # WSL's view of the Windows drive is local
        ("/var/lib/cchc", None),
        ("/homes/not-under-home", None),
    ],
)
@pytest.mark.skipif(os.name == "nt", reason="/proc/mounts is Linux's")
def test_network_file_systems_are_found_from_the_mount_table(path, expected):
    assert network_share(Path(path), mounts_text=MOUNTS) == expected


def test_unc_paths_and_long_local_paths():
    assert is_unc("\\\\server\\share\\cchc") and is_unc("\\\\?\\UNC\\server\\share")
    assert not is_unc("\\\\?\\C:\\Users\\x") and not is_unc("/home/x") and not is_unc("C:\\x")


def test_verify_given_a_folder(data):
    line = _refused(data, "verify", str(data), expect="là thư mục")
    assert "ghi tên tệp" in line


def test_export_out_naming_an_existing_file_signs_nothing(data, tmp_path):
    existing = tmp_path / "bao-cao.json"
    existing.write_bytes(b"{}")
    pf = tmp_path / "pass.txt"
    pf.write_text(PHRASE, encoding="utf-8")
    line = _refused(
        data, *EXPORT, "--out", str(existing), "--passphrase-file", str(pf), expect="là một tệp"
    )
    assert "--out phải là thư mục" in line and "so-noi-vu_2025-Q1_0001.json" in line
    assert existing.read_bytes() == b"{}"
    # no seq was used: the first export after it is still number 1
    done = cchc(data, *EXPORT, "--out", str(tmp_path / "out"), "--passphrase-file", str(pf))
    assert done.code == 0 and done.out.strip().endswith("so-noi-vu_2025-Q1_0001.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_among_import_paths_is_refused_without_waiting(data, tmp_path):
    fifo = tmp_path / "tep-dinh-kem.json"
    os.mkfifo(fifo)
    assert cchc(data, "init", "--receiver", "--officer", "Cán bộ tổng hợp").code == 0
    other = tmp_path / "ghi-chu.json"
    other.write_text("{}", encoding="utf-8")
    done = cchc(data, "import", "--json", str(fifo), str(other), timeout=30)  # used to hang
    assert done.code == 1  # files were refused
    fifo_outcome, other_outcome = json.loads(done.out)
    assert fifo_outcome["reason"].startswith("Không phải tệp thông thường (ống dẫn")
    assert other_outcome["reason"] != fifo_outcome["reason"]  # the next file was still read
    conn = sqlite3.connect(data / "cchc.sqlite3")
    kept = conn.execute("SELECT file_name FROM rejected_file").fetchall()
    conn.close()
    assert kept == [("ghi-chu.json",)]  # nothing was read from the pipe, nothing kept of it
    line = _refused(data, "verify", str(fifo), expect="Không phải tệp thông thường", timeout=30)
    assert line.startswith(f"Lỗi: {fifo}")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_as_passphrase_file(data, tmp_path):
    fifo = tmp_path / "mat-khau"
    os.mkfifo(fifo)
    _refused(data, *EXPORT, "--passphrase-file", str(fifo), expect="ống dẫn", timeout=30)


CP1258_TIEN_DO = b"Ti\xea\xecn \xf0\xf4\xf2"  # "Tiến độ" in Windows-1258 (combining marks)
CP1258_MAT_KHAU = (
    b"m\xe2\xf2t kh\xe2\xd2u 2025"  # "mật khẩu 2025": Notepad's "ANSI" on Vietnamese Windows
)


def _raw(data: Path, *args: bytes) -> subprocess.CompletedProcess:
    """Arguments as raw bytes, the way a POSIX shell passes a file name it cannot decode."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    base = [sys.executable.encode(), b"-m", b"cchc_tui"]
    tail = [b"--data-dir", bytes(data), b"--today", TODAY.encode()]
    return subprocess.run([*base, *args, *tail], capture_output=True, env=env, timeout=60)


@pytest.mark.skipif(os.name == "nt", reason="Windows passes arguments as UTF-16")
def test_an_argument_that_is_not_utf8(data):
    before = State.of(data)
    result = CP1258_TIEN_DO
    proc = _raw(data, b"progress", b"set", b"--agency", b"so-noi-vu", b"--task", b"I.3",
                b"--period", b"2025-Q1", b"--status", b"done", b"--result", result)  # fmt: skip
    assert proc.returncode == 2
    [line] = proc.stderr.decode("utf-8").strip().splitlines()
    assert line.startswith("Lỗi: tham số") and "không phải chữ UTF-8" in line
    assert State.of(data) == before


def test_a_passphrase_file_that_is_not_utf8(data, tmp_path):
    pf = tmp_path / "mat-khau.txt"
    pf.write_bytes(CP1258_MAT_KHAU)
    line = _refused(data, *EXPORT, "--passphrase-file", str(pf), expect="không phải văn bản UTF-8")
    assert "UTF-8" in line and "Notepad" in line


LONG = "bao-cao-" * 40  # 320 characters: more than a file name may have (255)


def test_an_out_file_name_too_long(data, tmp_path):
    pf = tmp_path / "pass.txt"
    pf.write_text(PHRASE, encoding="utf-8")
    before = State.of(data)
    out = tmp_path / f"{LONG}.json"
    done = cchc(data, "keys", "enrol", "--out", str(out), "--passphrase-file", str(pf))
    assert done.code == 2
    assert "tên tệp hoặc thư mục quá dài" in done.line and "chọn tên" in done.line
    assert f"({tmp_path}/bao-cao" in done.line and ".tmp" not in done.line  # the name given
    assert State.of(data) == before
    assert "File name too long" in logged(data)  # reached the fault handler: logged


def test_a_data_dir_name_too_long(tmp_path):
    done = cchc(tmp_path / LONG, "tasks")
    assert done.code == 2 and "tên tệp hoặc thư mục quá dài" in done.line
    assert list(tmp_path.iterdir()) == []


def test_a_commune_name_too_long_for_its_files(data):
    _refused(
        data,
        "add-commune",
        "--district",
        "huyen-yen-son",
        "--name",
        "Tân Long " * 30,
        expect="Tên xã quá dài",
    )
