"""Plain output fits an 80-column console: `cchc periods`, `agencies`, `tasks`, `plan` as real
processes from a fresh data folder, before and after the plan's end."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.processes import run_cchc

WIDTH = 80


def cchc(data: Path, *args: str, today: str) -> str:
    """stdout of `python -m cchc_tui ARGS --data-dir DATA --today DAY` (exit 0 expected)."""
    proc = run_cchc(data, *args, today=today)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tp")
    cchc(folder, "init", "--agency", "so-tu-phap", "--officer", "Hoa", today="2025-11-20")
    return folder


def too_wide(text: str) -> list[str]:
    return [line for line in text.splitlines() if cell_len(line) > WIDTH]


@pytest.mark.parametrize("today", ["2025-11-20", "2026-12-01"])
def test_periods_fit_80_columns_and_still_say_what_they_said(data, today):
    out = cchc(data, "periods", today=today)
    assert too_wide(out) == []
    [current] = [line for line in out.splitlines() if "← kỳ hiện tại" in line]
    assert current.startswith("2025-Y") and "Năm 2025" in current
    assert "15/12/2024–14/12/2025" in current and "hạn nộp 15/12/2025" in current
    h1 = next(line for line in out.splitlines() if line.startswith("2025-H1"))
    assert "6 tháng/2025" in h1
    assert len([line for line in out.splitlines() if line[:4].isdigit()]) == 23  # 2020-H1…2025-Y
    if today.startswith("2026"):
        assert "đang tổng kết, kỳ cuối là 2025-Y" in " ".join(out.split())


@pytest.mark.parametrize(
    "args",
    [
        ("agencies",),
        ("tasks",),
        ("tasks", "--all"),
        ("periods", "--year", "2025"),
        ("plan", "list"),
        ("plan", "show", "56-2020"),
    ],
)
def test_other_plain_lists_fit_80_columns(data, args):
    out = cchc(data, *args, today="2026-12-01")
    assert out and too_wide(out) == []


def test_an_ended_agency_keeps_its_end_date_under_a_long_name(data):
    out = cchc(data, "agencies", today="2025-11-20").splitlines()
    i = next(i for i, line in enumerate(out) if line.startswith("so-nong-nghiep "))
    assert "Sở Nông nghiệp và Phát triển nông thôn" in out[i]
    assert out[i + 1].strip() == "(đến 28/02/2025)"


def test_plan_show_names_each_task_and_its_lead_within_80_columns(data):
    out = cchc(data, "plan", "show", "56-2020", today="2026-12-01").splitlines()
    i = next(i for i, line in enumerate(out) if line.split()[:1] == ["I.1"])
    assert "2020" in out[i] and "chủ trì: Sở Nội vụ" in out[i]
    assert out[i + 1].strip().startswith("Tổng kết thực hiện Chương trình tổng thể")
    assert "CẢI CÁCH THỦ TỤC HÀNH CHÍNH” NĂM 2020" in " ".join(" ".join(out[:5]).split())
