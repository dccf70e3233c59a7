"""argparse's own words in Vietnamese: the usage line, --help, and every usage error."""

from __future__ import annotations

import re

import pytest

from .conftest import run

ENGLISH = re.compile(
    r"usage|error|invalid|required|unrecognized|expected|argument|options:|positional"
    r"|show this|not allowed|choose from|ambiguous",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["frobnicate"], "không có lựa chọn 'frobnicate' (chọn một trong: 'init'"),
        (["progress", "set", "--task", "I.3"], "thiếu tham số bắt buộc: --status"),
        (["tasks", "--zzz"], "không hiểu tham số: --zzz"),
        (["export", "--out"], "tham số --out: thiếu giá trị"),
        (["periods", "--year", "hai nghìn"], "tham số --year: giá trị không hợp lệ: 'hai nghìn'"),
        (["verify", "a.json", "--key", "k", "--keyring", "d"], "không dùng cùng lúc với --key"),
        (["keys"], "thiếu tham số bắt buộc: LỆNH"),
        (["agencies", "--kind", "so"], "không có lựa chọn 'so'"),
    ],
    ids=["choice", "required", "unknown", "no-value", "type", "together", "subcommand", "kind"],
)
def test_usage_errors_are_told_in_vietnamese(argv, says, tmp_path):
    done = run(*argv, "--data-dir", str(tmp_path / "data"))
    assert done.code == 2
    *usage, line = done.err.strip().splitlines()
    assert usage[0].startswith("Cách dùng: cchc")
    assert line.startswith("Lỗi: lệnh không đúng cú pháp (") and says in line
    assert line.endswith("--help")
    assert not ENGLISH.search(done.err), done.err
    assert not (tmp_path / "data").exists()  # nothing was opened, let alone written


@pytest.mark.parametrize("argv", [["--help"], ["export", "--help"], ["keys", "init", "-h"]])
def test_help_is_in_vietnamese(argv):
    done = run(*argv)
    assert done.code == 0
    assert done.out.startswith("Cách dùng: cchc")
    assert "tùy chọn:" in done.out and "xem hướng dẫn này rồi thoát" in done.out
    assert not ENGLISH.search(done.out), done.out
