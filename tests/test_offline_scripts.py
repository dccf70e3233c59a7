"""The install and launch scripts and README.txt the offline bundle carries (no download:
tests/test_offline_bundle.py builds and installs a real bundle)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from build_offline_bundle import write_scripts

SUPPORTED = {"windows": ["3.11", "3.12"], "linux": ["3.12"]}


@pytest.fixture
def bundle(tmp_path):
    write_scripts(tmp_path, "9.9.9", SUPPORTED)
    return tmp_path


def test_batch_files_are_ascii_with_crlf_for_cmd(bundle):
    for name in ("install.bat", "cchc.bat"):
        data = (bundle / name).read_bytes()
        data.decode("ascii")  # cmd.exe reads batch files in the OEM code page
        assert b"\n" not in data.replace(b"\r\n", b"") and b"@@" not in data
    install = (bundle / "install.bat").read_text("ascii")
    assert "for %%V in (3.12 3.11) do call :try_py %%V" in install
    assert "--no-index" in install and '"%~dp0wheels\\windows"' in install
    assert "mode con: cols=100 lines=30" in (bundle / "cchc.bat").read_text("ascii")


def test_readme_is_vietnamese_names_only_bundled_pythons_and_opens_in_notepad(bundle):
    data = (bundle / "README.txt").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    text = data.decode("utf-8-sig")
    assert "@@" not in text and "{win}" not in text and "9.9.9" in text
    assert "một trong các phiên bản\r\n   3.11, 3.12." in text
    assert "python3 (3.12)" in text and "3.10" not in text
    assert "%LOCALAPPDATA%\\cchc-tui" in text and "NÂNG CẤP" in text


def test_a_linux_only_bundle_says_nothing_about_windows(tmp_path):
    write_scripts(tmp_path, "9.9.9", {"linux": ["3.12"]})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.txt", "cchc.sh", "install.sh"]
    text = (tmp_path / "README.txt").read_text("utf-8-sig")
    assert "Windows 10" not in text and "LOCALAPPDATA" not in text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell scripts")
def test_install_sh_refuses_a_python_it_has_no_wheels_for(tmp_path):
    write_scripts(tmp_path, "9.9.9", {"linux": ["3.99"]})  # no wheels for this Python
    for name in ("install.sh", "cchc.sh"):
        assert subprocess.run(["sh", "-n", str(tmp_path / name)]).returncode == 0
    done = subprocess.run(
        ["sh", str(tmp_path / "install.sh")],
        env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 1 and not (tmp_path / "venv").exists()
    assert done.stderr.startswith("Lỗi: cần Python 3.99 ")
