"""`cchc add-commune --file` given a pipe or a folder: one `Lỗi:` line, exit 2, nothing
written, and no wait for a writer that never comes."""

from __future__ import annotations

import os

import pytest

from .conftest import LOG, State, cchc


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_as_the_commune_list_is_refused_without_waiting(data, tmp_path):
    fifo = tmp_path / "danh-sach-xa.csv"
    os.mkfifo(fifo)
    before = State.of(data)
    done = cchc(data, "add-commune", "--file", str(fifo), "--yes", timeout=30)  # used to hang
    assert done.code == 2, done.err
    assert done.line.startswith(f"Lỗi: {fifo} không phải tệp thông thường (ống dẫn")
    assert State.of(data) == before and not (data / LOG).exists()

    fresh = tmp_path / "moi"
    done = cchc(fresh, "add-commune", "--file", str(fifo), "--yes", timeout=30)
    assert done.code == 2 and "không phải tệp thông thường" in done.line


def test_a_folder_as_the_commune_list_is_refused(data, tmp_path):
    folder = tmp_path / "danh-sach.csv"
    folder.mkdir()
    before = State.of(data)
    done = cchc(data, "add-commune", "--file", str(folder), "--yes")
    assert done.code == 2, done.err
    assert "là thư mục, không phải tệp danh sách xã" in done.line
    assert State.of(data) == before
