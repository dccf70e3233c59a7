"""The headless CLI: JSON a script can rely on, refusals in Vietnamese with exit code 2."""

import json
import subprocess
import sys

import pytest

from cchc_tui.cli.main import main
from cchc_tui.services import progress


@pytest.fixture
def run(ws, capsys):
    """Run `cchc ARGS` in-process against the fixture's data folder; (code, out, err)."""

    def _run(*args: str):
        code = main([*args, "--data-dir", str(ws.data_dir), "--today", "2025-03-10"])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run


def test_agencies_json_lists_ids_names_and_kinds(run):
    code, out, _ = run("agencies", "--json")
    items = json.loads(out)
    assert code == 0
    assert {"id": "so-noi-vu", "name": "Sở Nội vụ", "kind": "department"}.items() <= items[
        1
    ].items()
    assert {a["kind"] for a in items} == {"department", "body", "district"}


def test_tasks_json_carries_plan_wording_and_resolved_agencies(run):
    code, out, _ = run("tasks", "--json")
    tasks = json.loads(out)
    assert code == 0 and len(tasks) == 35
    first = tasks[0]
    assert first["code"] == "I.1" and first["group"] == "I"
    assert first["lead"] == {"text": "Sở Nội vụ", "agencies": ["so-noi-vu"]}
    assert "so-tu-phap" in first["partners"]["agencies"]
    assert first["start"] == {"raw": "2020", "kind": "year", "first_year": 2020, "last_year": 2020}


def test_tasks_for_an_agency_typed_without_diacritics_have_roles(run):
    code, out, _ = run("tasks", "--agency", "so noi vu", "--period", "2025-Q1", "--json")
    tasks = {t["code"]: t for t in json.loads(out)}
    assert code == 0
    assert tasks["IV.6"]["roles"] == ["lead", "partner"]
    assert tasks["I.3"]["roles"] == ["lead"]
    assert "I.1" not in tasks or tasks["I.1"]["active"] is False
    assert all(t["roles"] for t in tasks.values())


def test_progress_set_then_show(run, ws):
    code, out, _ = run(
        "progress",
        "set",
        "--agency",
        "so-noi-vu",
        "--task",
        "I.3",
        "--period",
        "2025-Q1",
        "--status",
        "in_progress",
        "--progress",
        "40",
        "--result",
        "Đang xây dựng",
        "--evidence",
        "15/KH-SNV|02/03/2025|Kế hoạch tự đánh giá",
    )
    assert code == 0 and "lần 1" in out
    code, out, _ = run(
        "progress",
        "show",
        "--agency",
        "so-noi-vu",
        "--task",
        "I.3",
        "--period",
        "2025-Q1",
        "--json",
    )
    shown = json.loads(out)
    assert shown["revisions"][0]["progress"] == 40
    assert shown["revisions"][0]["evidence"][0] == {
        "number": "15/KH-SNV",
        "date": "2025-03-02",
        "summary": "Kế hoạch tự đánh giá",
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("--agency", "so-khong-co", "--task", "I.3", "--period", "2025-Q1"),
            "Không tìm thấy cơ quan",
        ),
        (("--agency", "so-noi-vu", "--task", "X.9", "--period", "2025-Q1"), "Không có nhiệm vụ"),
        (("--agency", "so-noi-vu", "--task", "I.3", "--period", "2025-Q2"), "2025-H1"),
        (
            ("--agency", "so-noi-vu", "--task", "I.3", "--period", "2025-Q1", "--progress", "150"),
            "0 đến 100",
        ),
        (
            (
                "--agency",
                "so-noi-vu",
                "--task",
                "I.3",
                "--period",
                "2025-Q1",
                "--evidence",
                "1/QĐ-UBND|31/02/2025|x",
            ),
            "không tồn tại",
        ),
        (("--agency", "so", "--task", "I.3", "--period", "2025-Q1"), "khớp nhiều cơ quan"),
    ],
)
def test_bad_input_exit_2_one_line_vietnamese_nothing_written(run, ws, args, words):
    full = ("progress", "set", "--status", "in_progress", "--progress", "10", *args)
    code, _out, err = run(*full)
    assert code == 2
    assert err.startswith("Lỗi: ") and words in err
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    assert progress.slot_history(ws, slot) == []


def test_bad_status_lists_what_is_accepted(run):
    code, _, err = run(
        "progress",
        "set",
        "--agency",
        "so-noi-vu",
        "--task",
        "I.3",
        "--period",
        "2025-Q1",
        "--status",
        "xong",
    )
    assert code == 2 and "not_started" in err and "hoàn thành" in err


def test_init_sets_the_default_agency(run):
    assert run("init", "--agency", "dai phat thanh", "--officer", "Lê Thị B")[0] == 0
    code, out, _ = run("tasks", "--json")
    assert code == 0
    code, out, _ = run("progress", "show", "--task", "I.6", "--period", "2025-Q1")
    assert code == 0 and "chưa báo cáo" in out


def test_periods_after_the_plan_end_open_on_the_last_period(ws, capsys):
    main(["periods", "--json", "--data-dir", str(ws.data_dir), "--today", "2026-11-26"])
    periods = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in periods if p["current"]] == ["2025-Y"]
    main(["periods", "--data-dir", str(ws.data_dir), "--today", "2026-11-26"])
    assert "tổng kết" in capsys.readouterr().out


def test_bad_today_is_refused(ws, capsys):
    assert main(["periods", "--data-dir", str(ws.data_dir), "--today", "2025-02-31"]) == 2
    assert "không hợp lệ" in capsys.readouterr().err


def test_headless_commands_do_not_import_textual(ws):
    code = (
        "import sys; from cchc_tui.cli.main import main; "
        f"main(['tasks', '--json', '--data-dir', {str(ws.data_dir)!r}]); "
        "sys.exit(1 if 'textual' in sys.modules else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()


def test_init_receiver_flag_turns_on_the_receiving_office(run, ws):
    from cchc_tui.services.office.profile import get_office_profile

    code, out, _ = run("init", "--receiver", "--officer", "Trần Văn C")
    assert code == 0 and "Sở Nội vụ" in out
    assert get_office_profile(ws).officer == "Trần Văn C"
    code, _, err = run("init", "--officer", "Trần Văn C")
    assert code == 2 and "--receiver" in err
