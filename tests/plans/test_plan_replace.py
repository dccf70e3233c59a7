"""`cchc plan import FILE --replace`: the office corrects a plan it imported, publishes the
corrected version, and an agency's `plan add` takes it; each command a fresh process."""

from __future__ import annotations

import datetime as dt
import json

from openpyxl import load_workbook

from tests.plans.sheets import INDICATORS_2026, TASKS_2026, write_plan
from tests.test_cli_reorganisation import cchc, refused

SIGNED_V1, SIGNED_V2, AGENCY_DAY = "2025-12-20", "2026-01-05", "2026-03-01"
NEW_CONTENT = "Rà soát [b]văn bản[/b] [/] quy phạm pháp luật (sửa đổi)"
TASKS_V2 = [
    (*TASKS_2026[0][:2], NEW_CONTENT, *TASKS_2026[0][3:]),  # I.1 reworded
    TASKS_2026[2],  # I.2 removed; II.1 unchanged
    (
        "2.2",
        "Cải cách thủ tục hành chính",
        "Số hóa hồ sơ",
        "Sở Khoa học và Công nghệ",
        "",
        "",
        "Quý I/2026",
        "Quý II/2026",
    ),
]
INDICATORS_V2 = [(*INDICATORS_2026[0][:6], "1.1")]


def _office(tmp_path, pp):
    office = tmp_path / "office"
    assert cchc(office, "receiver", "init", "--officer", "Nguyễn Thị Lan", today=SIGNED_V1)[0] == 0
    assert cchc(office, "receiver", "key", "init", *pp, today=SIGNED_V1)[0] == 0
    return office


def test_the_office_corrects_its_plan_and_the_agency_takes_the_correction(tmp_path):
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("mat khau thu nghiem\n", encoding="utf-8")
    pp = ("--passphrase-file", phrase)
    office, agency = _office(tmp_path, pp), tmp_path / "agency"
    key, v1, v2 = tmp_path / "office-key.json", tmp_path / "v1.json", tmp_path / "v2.json"
    book_v1 = write_plan(tmp_path / "v1.xlsx")
    book_v2 = write_plan(tmp_path / "v2.xlsx", tasks=TASKS_V2, indicators=INDICATORS_V2)

    assert cchc(office, "plan", "import", book_v1, "--yes", today=SIGNED_V1)[0] == 0
    assert cchc(office, "receiver", "key", "export", "--out", key, today=SIGNED_V1)[0] == 0
    publish = ("plan", "publish", "138-2025", *pp)
    assert cchc(office, *publish, "--out", v1, today=SIGNED_V1)[0] == 0

    def run(*args):
        return cchc(agency, *args, today=AGENCY_DAY)

    assert run("init", "--agency", "so-khoa-hoc-cong-nghe", "--officer", "Trần Văn B")[0] == 0
    assert run("office", "add", key, "--yes")[0] == 0
    assert "Đã nạp kế hoạch 138-2025" in run("plan", "add", v1, "--yes")[1]
    for task, percent in (("I.1", "40"), ("I.2", "20")):
        args = ("progress", "set", "--plan", "138-2025", "--task", task, "--period", "2026-Q1")
        assert run(*args, "--status", "in_progress", "--progress", percent)[0] == 0

    # the office: without --replace the refusal says how; --json and "no" write nothing
    code, _, err = cchc(office, "plan", "import", book_v2, "--yes", today=SIGNED_V2)
    assert code == 2 and "nạp lại với --replace" in refused(err) and "chưa lưu gì" in err
    code, out, _ = cchc(office, "plan", "import", book_v2, "--replace", "--json", today=SIGNED_V2)
    data = json.loads(out)
    assert code == 1 and data["action"] == "replace" and data["stored"] is False
    assert [t["code"] for t in data["changes"]["tasks_removed"]] == ["I.2"]
    assert [t["code"] for t in data["changes"]["tasks_added"]] == ["II.2"]
    assert data["changes"]["tasks_changed"][0] == {
        "code": "I.1",
        "fields": ["content"],
        "old_content": TASKS_2026[0][2],
        "new_content": NEW_CONTENT,
    }
    code, out, _ = cchc(
        office, "plan", "import", book_v2, "--replace", today=SIGNED_V2, answer="k\n"
    )
    assert code == 1 and "Chưa lưu kế hoạch." in out
    assert "Bản sửa đổi, thay bản máy đang có (bản nạp từ tệp Excel)" in out
    assert "Nhiệm vụ bỏ (1):" in out and "  - I.2  Chuyển đổi số thủ tục hành chính" in out
    assert "I.2" in cchc(office, "plan", "show", "138-2025", today=SIGNED_V2)[1]

    code, out, _ = cchc(office, "plan", "import", book_v2, "--replace", "--yes", today=SIGNED_V2)
    assert code == 0 and "Đã thay kế hoạch 138-2025 bằng bản sửa đổi (3 nhiệm vụ)." in out
    assert "+ II.2  Số hóa hồ sơ" in out
    code, out, _ = cchc(office, "plan", "import", book_v2, "--replace", "--yes", today=SIGNED_V2)
    assert code == 0 and "Kế hoạch đã có, không thay đổi: 138-2025." in out
    assert cchc(office, *publish, "--out", v2, today=SIGNED_V2)[0] == 0

    # the agency: the changes shown, the older version replaced, progress kept
    code, out, _ = run("plan", "add", v2, "--yes")
    assert code == 0 and "Đã thay kế hoạch 138-2025 bằng bản sửa đổi" in out
    assert "~ I.1 (nội dung)  Rà soát [b]văn bản[/b] [/]" in out
    assert "1 báo cáo tiến độ của nhiệm vụ bị bỏ vẫn được giữ." in out
    tasks = json.loads(run("tasks", "--plan", "138-2025", "--period", "2026-Q1", "--json")[1])
    kept = {t["code"]: (t["content"], t["progress"]) for t in tasks}
    assert kept == {"I.1": (NEW_CONTENT, 40), "II.2": ("Số hóa hồ sơ", None)}

    code, _, err = run("plan", "add", v1, "--yes")
    assert code == 1 and "cũ hơn bản máy đang có" in refused(err)
    # an agency never replaces a plan Sở Nội vụ signed with a workbook
    code, _, err = run("plan", "import", book_v1, "--replace", "--yes")
    assert code == 2 and "do Sở Nội vụ ký gửi" in refused(err)
    assert {t["code"] for t in json.loads(run("tasks", "--plan", "138-2025", "--json")[1])} == {
        "I.1",
        "II.2",
    }


def test_the_built_in_plan_56_is_never_replaced_from_a_workbook(tmp_path):
    data, book = tmp_path / "data", tmp_path / "p56.xlsx"
    assert cchc(data, "plan", "export", "56-2020", "--out", book)[0] == 0
    wb = load_workbook(book)
    wb["NhiemVu"]["C2"] = "Nội dung sửa tay"
    wb.save(book)
    for extra in ((), ("--replace",), ("--replace", "--json")):
        code, out, err = cchc(data, "plan", "import", book, "--yes", *extra)
        assert code == 2 and "cài sẵn trong chương trình" in refused(err), err
        assert "chưa lưu gì" in err and "Nội dung sửa tay" not in out
    code, out, _ = cchc(data, "tasks", "--plan", "56-2020", "--all", "--json")
    assert "Nội dung sửa tay" not in out


def test_replacing_keeps_every_revision_and_lists_the_changes(tmp_path, seeded):
    from cchc_tui.cli.main import main
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services import plan_replace, plans
    from cchc_tui.services.workspace import open_workspace
    from tests.plans.sheets import INDICATORS_140, META_140, TASKS_140

    data = seeded(tmp_path / "data")
    run = ("--data-dir", str(data), "--today", "2026-05-10")
    v1 = write_plan(tmp_path / "v1.xlsx", meta=META_140, tasks=TASKS_140, indicators=INDICATORS_140)
    assert main(["plan", "import", str(v1), "--yes", *run]) == 0
    assert main(["init", "--agency", "so-khoa-hoc-cong-nghe", "--officer", "Lê C", *run]) == 0
    args = ("progress", "set", "--plan", "140-2025", "--task", "I.1", "--period", "2026-Q1")
    assert main([*args, "--status", "in_progress", "--progress", "30", *run]) == 0
    reworded = (*TASKS_140[0][:2], "Xây dựng kho dữ liệu (sửa)", *TASKS_140[0][3:])
    count = (*INDICATORS_140[0][:3], "200", *INDICATORS_140[0][4:])  # a count's target
    v2 = write_plan(tmp_path / "v2.xlsx", meta=META_140, tasks=[reworded], indicators=[count])
    moved = (*INDICATORS_140[0][:6], "1.2")
    v3 = write_plan(
        tmp_path / "v3.xlsx", meta=META_140, tasks=[("1.2", *TASKS_140[0][1:])], indicators=[moved]
    )

    ws = open_workspace(data, Clock(dt.date(2026, 5, 10)))
    try:
        previews = [plans.preview_import(ws, book) for book in (v1, v2, v3)]
        assert all(p.ok for p in previews)
        v1_doc, v2_doc, v3_doc = (p.document for p in previews)
        found = plan_replace.replacement_for(ws, v2_doc)  # the count target is listed as a change
        assert [d.field for d in found.changes.details] == ["indicator:ho_so_so"]
        assert [c.code for c in found.changes.changed] == ["I.1"]
        found = plan_replace.replacement_for(ws, v3_doc)
        assert [r.code for r in found.changes.removed] == ["I.1"] and found.kept_reports == 1
        result = plans.import_plan_document(ws, v3_doc, replace=True)
        assert (result.plan_id, result.replaced) == ("140-2025", True)
        with ws.db.read() as conn:
            kept = conn.execute(
                "SELECT COUNT(*) FROM revision WHERE plan_id = '140-2025' AND task_code = 'I.1'"
            ).fetchone()[0]
        assert kept == 1
        assert [t.code for t in plans.plan_by_id(ws, "140-2025").tasks] == ["I.2"]
        assert plan_replace.replacement_for(ws, v1_doc).changes.added[0].code == "I.1"
        plans.import_plan_document(ws, v1_doc, replace=True)  # I.1 back, with its history
        assert [t.code for t in plans.plan_by_id(ws, "140-2025").tasks] == ["I.1"]
    finally:
        ws.db.close()
