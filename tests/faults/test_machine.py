"""Faults of the machine: a data folder this account may not write, a read-only file
system, a full disk. Each needs root to set up (setpriv to run as user 65534, tmpfs
mounts); elsewhere the test is skipped and says why."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import LOG, PHRASE, SETPRIV, State, cchc, logged
from .test_data_file import READ, WRITE

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_setpriv = pytest.mark.skipif(
    not (ROOT and SETPRIV), reason="needs root and setpriv to run as an unprivileged user"
)
needs_root = pytest.mark.skipif(not ROOT, reason="needs root to mount a small tmpfs")
NOBODY = 65534


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A small tmpfs mounted at `where` (skips the test if this machine cannot mount)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _copy(template: Path, folder: Path, *, owner: int | None = None) -> Path:
    data = Path(shutil.copytree(template, folder / "data"))
    if owner is not None:
        for path in [data, *data.rglob("*")]:
            os.chown(path, owner, owner)
    return data


def _unprivileged(data: Path, command: tuple[str, ...], expect: str) -> None:
    before = State.of(data)
    done = cchc(data, *command, user=True)
    assert done.code == 3, done.err
    assert expect in done.line and "chưa có gì thay đổi" in done.line
    assert State.of(data) == before and not logged(data)  # not writable: no log either


@needs_setpriv
@pytest.mark.parametrize("command", [READ, WRITE], ids=["read", "write"])
def test_a_data_folder_this_account_may_not_write(template, shared_tmp, command):
    data = _copy(template, shared_tmp)  # root's folder, 0755; the database 0600
    _unprivileged(data, command, "không có quyền đọc và ghi")


@needs_setpriv
@pytest.mark.parametrize("mode", [0o555, 0o000])
def test_own_data_folder_made_read_only(template, shared_tmp, mode):
    data = _copy(template, shared_tmp, owner=NOBODY)
    (data / "cchc.sqlite3").chmod(0o644)
    data.chmod(mode)
    try:
        _unprivileged(data, WRITE, "không có quyền đọc và ghi")
    finally:
        data.chmod(0o755)


@needs_setpriv
def test_a_new_data_folder_where_this_account_may_not_create_one(shared_tmp):
    parent = shared_tmp / "cua-root"
    parent.mkdir(mode=0o755)
    done = cchc(parent / "data", *READ, user=True)
    assert done.code == 3 and "không có quyền" in done.line
    assert f"cấp quyền ghi thư mục {parent}" in done.line
    assert list(parent.iterdir()) == []


@needs_root
@pytest.mark.parametrize("command", [READ, WRITE], ids=["read", "write"])
def test_a_read_only_file_system(template, shared_tmp, command):
    with tmpfs(shared_tmp / "ro", "4m") as mount:
        data = _copy(template, mount)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        before = State.of(data)
        done = cchc(data, *command)
        assert done.code == 3
        assert "nằm trên ổ chỉ đọc" in done.line and "--data-dir" in done.line
        assert State.of(data) == before and not logged(data)


def _fill(mount: Path) -> Path:
    filler = mount / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4k"], capture_output=True)
    return filler


@needs_root
def test_a_full_disk_loses_nothing_saved_and_the_save_works_once_there_is_room(
    template, shared_tmp
):
    with tmpfs(shared_tmp / "full", "1m") as mount:
        data = _copy(template, mount)
        filler = _fill(mount)
        before = State.of(data)
        done = cchc(data, *WRITE)
        assert done.code == 3
        assert done.line.startswith(f"Lỗi: ổ đĩa chứa {data} đã đầy: xóa bớt tệp")
        assert State.of(data) == before
        assert not (data / LOG).exists() and not (data / "logs").exists()  # no room to log
        filler.unlink()
        assert cchc(data, *WRITE).code == 0
        shown = cchc(data, "progress", "show", "--agency", "so-noi-vu", "--task", "I.3",
                     "--period", "2025-Q1")  # fmt: skip
        assert "Đang làm" in shown.out and "Xong" in shown.out  # the old save and the new one


@needs_root
def test_export_onto_a_full_disk_keeps_its_seq_for_the_next_export(template, shared_tmp):
    data = _copy(template, shared_tmp)
    pf = shared_tmp / "pass.txt"
    pf.write_text(PHRASE, encoding="utf-8")
    export = (
        "export",
        "--agency",
        "so-noi-vu",
        "--period",
        "2025-Q1",
        "--passphrase-file",
        str(pf),
    )
    with tmpfs(shared_tmp / "usb", "64k") as usb:
        _fill(usb)
        done = cchc(data, *export, "--out", str(usb))
        assert done.code == 3
        assert "đã đầy" in done.line and "Gói số 1 đã được ký và lưu trong dữ liệu" in done.line
        assert "không cấp số mới" in done.line
        assert not list(usb.glob("*.json"))
    assert cchc(data, *WRITE).code == 0  # a change before the next export
    out = shared_tmp / "out"
    done = cchc(data, *export, "--out", str(out))
    assert done.code == 0
    assert done.out.split() == [str(out / f"so-noi-vu_2025-Q1_000{n}.json") for n in (1, 2)]
    assert "gửi cả hai tệp" in done.err
