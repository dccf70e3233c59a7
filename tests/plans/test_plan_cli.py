"""`cchc plan …` and a 2026 plan from workbook to the office's report, each command a fresh
`python -m cchc_tui` in its own data folder."""

from __future__ import annotations

import base64
import json

from tests.plans.sheets import TASKS_2026, write_plan
from tests.test_cli_reorganisation import cchc, refused

SPRING = "2026-05-10"


def test_plan_56_exports_and_imports_back_as_the_same_plan(tmp_path):
    data = tmp_path / "data"
    code, out, _ = cchc(data, "plan", "export", "56-2020", "--out", tmp_path / "p56.xlsx")
    assert code == 0 and "p56.xlsx" in out
    code, out, _ = cchc(data, "plan", "import", tmp_path / "p56.xlsx", "--yes", "--json")
    assert code == 0
    assert json.loads(out) == {"plan_id": "56-KH-UBND-2020", "tasks": 35, "stored": False}
    code, out, _ = cchc(data, "plan", "list", "--json")
    assert [p["id"] for p in json.loads(out)] == ["56-2020"]
    code, _, err = cchc(data, "tasks", "--plan", "999-2030")
    assert code == 2 and "Không có kế hoạch '999-2030'" in refused(err) and "56-2020" in err
    code, _, err = cchc(data, "plan", "import", tmp_path)
    assert code == 2 and "Không mở được tệp" in refused(err)
    code, out, _ = cchc(data, "plan", "show", "56-2020")
    assert code == 0 and "  III.2   Thường xuyên" in out


def test_a_bad_workbook_is_refused_with_row_numbers_and_nothing_written(tmp_path):
    data = tmp_path / "data"
    bad = (*TASKS_2026[0][:3], "Sở Khoa học xyz", *TASKS_2026[0][4:7], "sớm nhất có thể")
    path = write_plan(tmp_path / "bad.xlsx", tasks=[bad])
    code, out, err = cchc(data, "plan", "import", path, "--yes", today=SPRING)
    assert code == 2 and "chưa lưu gì" in refused(err)
    assert "NhiemVu dòng 2: 'Sở Khoa học xyz' (gần nhất: Sở Khoa học và Công nghệ" in out
    assert "trang NhiemVu dòng 2: không hiểu thời hạn 'sớm nhất có thể'" in out
    code, out, err = cchc(data, "plan", "import", write_plan(tmp_path / "m.xlsx", merge="C3:C4"))
    assert code == 2 and "ô gộp (trang NhiemVu dòng 3-4)" in refused(err)
    code, out, err = cchc(data, "plan", "import", write_plan(tmp_path / "d.xlsx", drop="KeHoach"))
    assert code == 2 and "thiếu trang 'KeHoach'" in out
    code, out, _ = cchc(data, "plan", "list", "--json")
    assert [p["id"] for p in json.loads(out)] == ["56-2020"]


def test_a_2026_plan_from_workbook_to_the_offices_report(tmp_path):
    plan = write_plan(tmp_path / "ke-hoach-138.xlsx")
    agency, office = tmp_path / "khcn", tmp_path / "snv"
    secret = tmp_path / "pass.txt"
    secret.write_text("mật khẩu đủ dài 2026", encoding="utf-8")
    # January: Plan 56's last year is still to send, though the 2026 plan has begun
    january = "2026-01-05"
    cchc(
        agency, "init", "--agency", "so-khoa-hoc-cong-nghe", "--officer", "Lê Văn Số", today=january
    )
    assert cchc(agency, "keys", "init", "--passphrase-file", secret, today=january)[0] == 0
    enrolment = tmp_path / "enrol.json"
    args = ("keys", "enrol", "--passphrase-file", secret, "--out", enrolment)
    assert cchc(agency, *args, today=january)[0] == 0
    done = ("--status", "done", "--progress", "100", "--result", "Đã tuyên truyền")
    args = ("progress", "set", "--plan", "56-2020", "--task", "I.6", "--period", "2025-Y")
    assert cchc(agency, *args, *done, today=january)[0] == 0
    old_outbox = tmp_path / "old"
    args = ("export", "--plan", "56-2020", "--period", "2025-Y", "--passphrase-file", secret)
    assert cchc(agency, *args, "--out", old_outbox, today=january)[0] == 0
    [old_bundle] = old_outbox.glob("*.json")

    code, out, _ = cchc(agency, "plan", "import", plan, "--yes", "--json", today=SPRING)
    assert (code, json.loads(out)) == (0, {"plan_id": "138-2025", "tasks": 3, "stored": True})
    cchc(
        agency,
        "init",
        "--agency",
        "Sở Khoa học và Công nghệ",
        "--officer",
        "Lê Văn Số",
        today=SPRING,
    )
    code, out, _ = cchc(
        agency,
        "tasks",
        "--period",
        "2026-H1",
        "--json",
        "--agency",
        "so-khoa-hoc-cong-nghe",
        today=SPRING,
    )
    rows = {r["code"]: r for r in json.loads(out)}
    assert rows["I.1"]["plan"] == "138-2025" and rows["I.1"]["due"] == "2026-06-30"
    assert rows["I.1"]["roles"] == ["lead", "partner"] and rows["I.2"]["due"] == "2026-09-30"
    code, out, _ = cchc(agency, "tasks", "--plan", "56-2020", "--json", today=SPRING)
    assert {r["plan"] for r in json.loads(out)} == {"56-KH-UBND-2020"}
    code, _, err = cchc(
        agency,
        "progress",
        "set",
        "--task",
        "I.1",
        "--period",
        "2026-H1",
        "--status",
        "in_progress",
        "--progress",
        "60",
        "--result",
        "Đã rà soát 12 văn bản",
        today=SPRING,
    )
    assert code == 0, err
    outbox = tmp_path / "outbox"
    code, out, err = cchc(
        agency,
        "export",
        "--period",
        "2026-H1",
        "--passphrase-file",
        secret,
        "--out",
        outbox,
        today="2026-06-10",
    )
    assert code == 0, err
    [bundle] = outbox.glob("*.json")
    body = json.loads(base64.b64decode(json.loads(bundle.read_text("utf-8"))["payload"]))
    assert body["plan"]["id"] == "138-2025"

    day = "2026-06-16"
    for step in (
        ("init", "--receiver", "--officer", "Trần Thị Tổng Hợp"),
        ("plan", "import", plan, "--yes"),
        ("keyring", "add", enrolment, "--yes"),
    ):
        code, _, err = cchc(office, *step, today=day)
        assert code == 0, (step, err)
    code, out, err = cchc(office, "import", old_bundle, bundle, today=day)
    assert code == 0 and out.strip().splitlines()[-1] == "2 tệp — nhận: 2", out + err
    report = tmp_path / "bao-cao.md"
    code, _, err = cchc(office, "report", "--period", "2026-H1", "--md", report, today=day)
    assert code == 0, err
    text = report.read_text("utf-8")
    assert "(Kế hoạch 138/KH-UBND)" in text and "- Đúng hạn: 1" in text
    assert "| I.1 | 0/1 hoàn thành |" in text  # the lead's report counted, in progress
    assert "| Hồ sơ TTHC được số hóa | tổng tử số / tổng mẫu số | 80% |" in text
    # the office holds both plans: Plan 56's report still reads its own bundle
    code, _, err = cchc(
        office, "report", "--plan", "56-2020", "--period", "2025-Y", "--md", report, today=day
    )
    assert code == 0, err
    text = report.read_text("utf-8")
    assert "(Kế hoạch 56/KH-UBND)" in text and "- Trễ hạn: 1" in text
    assert "| I.6 | 1/16 hoàn thành, 15 chưa nộp |" in text  # led by every department
