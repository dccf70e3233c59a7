"""`cchc plan add` of a corrected plan as real processes, on a fresh agency data folder."""

from __future__ import annotations

import json

from tests.letters.plan_versions import Office, corrected
from tests.letters.test_letters_subprocess import cchc, ok

DAY = "2026-03-01"


def test_plan_corrections_in_processes(tmp_path, seeded):
    office = Office(tmp_path, seeded)
    v1 = office.sign(office.document, "2025-12-20T09:00:00+07:00", "v1.json")
    v2 = office.sign(corrected(office.document), "2026-01-05T08:00:00+07:00", "v2.json")
    older = office.document | {"plan": office.document["plan"] | {"title": "Bản khác"}}
    v0 = office.sign(older, "2026-01-04T08:00:00+07:00", "v0.json")
    agency = tmp_path / "fresh-agency"

    def run(*args: str):
        return cchc(agency, *args, today=DAY)

    ok(run("init", "--agency", "so-khoa-hoc-cong-nghe", "--officer", "Trần Văn B"))
    ok(run("office", "add", str(office.key_file), "--yes"))
    assert "Đã nạp kế hoạch 138-2025" in ok(run("plan", "add", str(v1), "--yes"))
    args = ("--plan", "138-2025", "--period", "2026-Q1", "--status", "in_progress")
    ok(run("progress", "set", "--task", "I.2", *args, "--progress", "20", "--result", "Đã làm"))

    preview = run("plan", "add", str(v2), "--json")
    assert preview.returncode == 1, preview.stderr
    data = json.loads(preview.stdout)
    assert data["action"] == "replace" and not data["stored"]
    assert [t["code"] for t in data["changes"]["tasks_removed"]] == ["I.2"]
    assert data["kept_reports_of_removed_tasks"] == 1
    tasks = json.loads(ok(run("tasks", "--plan", "138-2025", "--json")))
    assert {t["code"] for t in tasks} == {"I.1", "I.2"}  # nothing written yet

    declined = cchc(agency, "plan", "add", str(v2), today=DAY)  # no one answers
    assert declined.returncode == 2 and declined.stderr.startswith("Lỗi: Cần xác nhận")

    shown = ok(run("plan", "add", str(v2), "--yes"))
    assert "Nhiệm vụ bỏ (1):" in shown and "- I.2  Chuyển đổi số thủ tục hành chính" in shown
    assert "1 báo cáo tiến độ của nhiệm vụ bị bỏ vẫn được giữ." in shown
    assert "Rà soát [b]văn bản[/b] [/] =HYPERLINK(1) [red]đỏ" in shown
    assert "Đã thay kế hoạch 138-2025 bằng bản sửa đổi" in shown
    tasks = json.loads(ok(run("tasks", "--plan", "138-2025", "--json")))
    assert {t["code"] for t in tasks} == {"I.1", "I.3"}

    for stale in (v0, v1):
        refused = run("plan", "add", str(stale), "--yes")
        assert refused.returncode == 1
        assert refused.stderr.startswith("Lỗi: ") and refused.stderr.count("\n") == 1
        assert "cũ hơn bản máy đang có" in refused.stderr and "Traceback" not in refused.stderr
    assert "không có gì thay đổi" in ok(run("plan", "add", str(v2), "--yes"))

    missing = run("plan", "add", str(tmp_path / "khong-co.json"), "--yes")
    assert missing.returncode == 2 and missing.stderr.startswith("Lỗi:")
