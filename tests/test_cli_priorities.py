"""What counts as a report on the command line, and what the officer sees first (issue 13)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from cchc_tui.domain.progress import (
    DONE,
    IN_PROGRESS,
    EntryError,
    Evidence,
    ProgressEntry,
    RawEntry,
    entry_warnings,
    validate_entry,
)
from tests.processes import run_cchc

TODAY = "2025-11-20"


def cchc(data: Path, *args: str, today: str = TODAY):
    """`python -m cchc_tui ARGS --data-dir DATA --today DAY` as a real process."""
    proc = run_cchc(data, *args, today=today)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def officer(tmp_path_factory) -> Path:
    """A fresh data folder with Sở Tư pháp's profile saved."""
    data = tmp_path_factory.mktemp("tp")
    code, _, err = cchc(data, "init", "--agency", "so-tu-phap", "--officer", "Hoa")
    assert code == 0, err
    return data


def test_done_without_progress_means_100_and_another_value_is_refused():
    assert validate_entry(RawEntry(status="done", result="Xong")).progress == 100
    assert validate_entry(RawEntry(status="in_progress")).progress == 0
    with pytest.raises(EntryError) as exc:
        validate_entry(RawEntry(status="done", progress="60"))
    assert "100%" in exc.value.errors["progress"]


def test_a_missing_denominator_is_named_in_vietnamese():
    with pytest.raises(EntryError) as exc:
        validate_entry(
            RawEntry(status="in_progress", progress="50", indicators={"a": ("3", "")}),
            ("a",),
        )
    assert exc.value.errors["indicator.a.denominator"] == "Chỉ tiêu a: chưa nhập mẫu số."
    assert "không phải số nguyên" not in str(exc.value)


def test_messages_joined_without_a_stray_full_stop_semicolon():
    with pytest.raises(EntryError) as exc:
        validate_entry(RawEntry(status="done", progress="60", result="\x07"))
    assert ".;" not in str(exc.value)


def test_warnings_for_an_empty_result_and_late_or_future_documents():
    today, cutoff = dt.date(2025, 11, 20), dt.date(2025, 9, 14)
    empty = ProgressEntry(IN_PROGRESS, 40)
    assert "chưa ghi kết quả" in entry_warnings(empty, today=today, cutoff=cutoff)[0]
    docs = (
        Evidence("1/QD-STP", dt.date(2025, 9, 1)),
        Evidence("2/QD-STP", dt.date(2025, 10, 1)),
        Evidence("3/QD-STP", dt.date(2025, 12, 1)),
    )
    warned = entry_warnings(
        ProgressEntry(DONE, 100, result="Xong", evidence=docs), today=today, cutoff=cutoff
    )
    assert len(warned) == 2
    assert "sau ngày chốt số liệu của kỳ (14/09/2025)" in warned[0]
    assert "sau hôm nay (20/11/2025)" in warned[1]


def test_tasks_default_to_the_profile_sorted_by_due_date_within_80_columns(officer):
    code, out, err = cchc(officer, "tasks")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("Sở Tư pháp — Năm 2025")
    assert all(len(line) <= 80 for line in lines), out
    rows = [line for line in lines if line[:1] in "IV" and "ngày" in line]
    dues = [dt.datetime.strptime(r.split()[-4], "%d/%m/%Y") for r in rows]
    assert rows and dues == sorted(dues)
    assert "còn 25 ngày" in rows[0]
    code, whole, _ = cchc(officer, "tasks", "--all")
    assert code == 0 and len(whole.splitlines()) == 35
    assert all(len(line) <= 80 for line in whole.splitlines())
    code, _, err = cchc(officer, "tasks", "--all", "--agency", "so-noi-vu")
    assert code == 2 and err.startswith("Lỗi:")


def test_status_done_rule_and_warnings_on_stderr_as_a_process(officer):
    code, out, err = cchc(officer, "progress", "set", "--task", "II.2", "--status", "done")
    assert code == 0
    assert out.strip() == "Đã lưu lần 1: II.2 kỳ 2025-Y — hoàn thành, 100%."
    assert err.startswith("Lưu ý: Trạng thái 'hoàn thành' nhưng chưa ghi kết quả")
    code, out, err = cchc(
        officer, "progress", "set", "--task", "II.2", "--status", "done", "--progress", "60"
    )
    assert code == 2 and out == ""
    assert err.strip() == "Lỗi: Trạng thái 'hoàn thành' cần tiến độ 100%, không phải 60%."
    code, out, err = cchc(
        officer,
        *("progress", "set", "--task", "II.2", "--status", "done", "--result", "Đã rà soát"),
        *("--evidence", "12/QD-STP|01/12/2025|Quyết định [b]ban hành[/b] kế hoạch rà soát"),
    )
    assert code == 0 and "Đã lưu lần 2" in out
    assert "sau hôm nay (20/11/2025)" in err and "Lỗi" not in err


def test_progress_show_has_evidence_local_dates_and_fits_80_columns(officer):
    long_result = "Rà soát văn bản quy phạm pháp luật của tỉnh " * 6
    code, _, err = cchc(
        officer,
        *("progress", "set", "--task", "III.2", "--status", "in_progress", "--progress", "50"),
        *("--result", long_result, "--indicator", "tthc_published=95/100"),
        *("--evidence", "15/BC-STP|01/09/2025|Báo cáo kết quả công khai"),
    )
    assert code == 0, err
    code, out, _ = cchc(officer, "progress", "show", "--task", "III.2")
    assert code == 0
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), out
    assert lines[0].startswith("Lần 1 — 20/11/2025 ") and "T" not in lines[0][:25]
    assert "    Văn bản 1: 15/BC-STP ngày 01/09/2025 — Báo cáo kết quả công khai" in lines
    assert "    Chỉ tiêu tthc_published: 95/100" in lines
    code, out, _ = cchc(officer, "progress", "show", "--task", "III.2", "--json")
    rev = json.loads(out)["revisions"][0]
    assert rev["created_at"].startswith("2025-11-20T") and rev["created_at"].endswith("+07:00")
    assert rev["evidence"][0]["date"] == "2025-09-01"
    assert rev["indicators"] == [{"id": "tthc_published", "numerator": 95, "denominator": 100}]


def test_a_missing_denominator_on_the_command_line(officer):
    code, out, err = cchc(
        officer,
        *("progress", "set", "--task", "III.2", "--status", "in_progress", "--progress", "60"),
        *("--result", "x", "--indicator", "tthc_published=95/"),
    )
    assert code == 2 and out == ""
    assert err.strip() == "Lỗi: Chỉ tiêu tthc_published: chưa nhập mẫu số."


def test_export_preview_shows_what_each_task_says_before_signing(officer):
    code, out, err = cchc(officer, "export", "--preview")
    assert code == 0, err
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines), out
    at = next(i for i, x in enumerate(lines) if x.startswith("  II.2 "))
    assert "hoàn thành" in lines[at] and "100%" in lines[at] and "1 văn bản" in lines[at]
    assert lines[at + 1] == "          Kết quả: Đã rà soát"
    iii2 = next(x for x in lines if x.startswith("  III.2 "))
    assert "đang triển khai" in iii2 and "50%" in iii2
    unreported = next(x for x in lines if x.startswith("  I.6 "))
    assert unreported.endswith("chưa báo cáo") and "%" not in unreported
