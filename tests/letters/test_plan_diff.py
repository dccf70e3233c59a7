"""What a corrected plan changes against the version held (domain/plan_diff.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from cchc_tui.domain.plan_diff import change_lines, changes_as_data, diff_plans

SEED = Path(__file__).resolve().parents[2] / "seed" / "plan-56-2020.json"


@pytest.fixture(scope="module")
def plan56() -> dict:
    return json.loads(SEED.read_text(encoding="utf-8"))


def _task(document: dict, code: str) -> dict:
    return next(t for t in document["tasks"] if t["code"] == code)


def test_the_same_plan_has_no_changes(plan56):
    assert diff_plans(plan56, copy.deepcopy(plan56)).empty


def test_whitespace_alone_in_a_task_is_no_change(plan56):
    new = copy.deepcopy(plan56)
    _task(new, "I.1")["content"] = "  " + _task(new, "I.1")["content"].replace(" ", "  ")
    changes = diff_plans(plan56, new)
    assert not changes.changed
    assert [d.field for d in changes.details] == ["other"]  # the documents still differ


def test_tasks_added_removed_and_changed_with_their_fields(plan56):
    new = copy.deepcopy(plan56)
    new["tasks"] = [t for t in new["tasks"] if t["code"] != "VI.6"]
    added = copy.deepcopy(_task(plan56, "I.1")) | {"code": "I.99", "content": "Nhiệm vụ mới"}
    new["tasks"].append(added)
    _task(new, "I.1")["content"] = "Tổng kết, đánh giá"
    _task(new, "I.2")["lead"] = {"text": "Sở Tư pháp", "refs": ["so-tu-phap"]}
    _task(new, "I.3")["partners"]["refs"].append("so-tai-chinh")
    _task(new, "I.4")["end"] = "2026"
    _task(new, "I.5")["product"] = "Báo cáo"
    changes = diff_plans(plan56, new)
    assert [(r.code, r.content) for r in changes.added] == [("I.99", "Nhiệm vụ mới")]
    assert [r.code for r in changes.removed] == ["VI.6"]
    fields = {c.code: c.fields for c in changes.changed}
    assert fields == {
        "I.1": ("content",),
        "I.2": ("lead",),
        "I.3": ("partners",),
        "I.4": ("timeline",),
        "I.5": ("product",),
    }
    first = next(c for c in changes.changed if c.code == "I.1")
    assert first.new_content == "Tổng kết, đánh giá" and first.labels == "nội dung"
    assert not changes.details


def test_plan_details_groups_and_indicators(plan56):
    new = copy.deepcopy(plan56)
    new["plan"]["title"] = "Kế hoạch đã sửa"
    new["plan"]["end"] = "2026-12-31"
    new["groups"][0]["title"] = "NHÓM I"
    new["indicators"][0]["targets"][0]["min_bp"] = 9000
    new["indicators"][1]["unit"] = "hồ sơ"
    new["indicators"] = new["indicators"][:-1]
    changes = diff_plans(plan56, new)
    fields = [d.field for d in changes.details]
    assert fields[:2] == ["title", "end"] and "groups" in fields
    indicator_ids = [f for f in fields if f.startswith("indicator:")]
    changed = {plan56["indicators"][i]["id"] for i in (0, 1, -1)}
    assert indicator_ids == sorted(f"indicator:{ident}" for ident in changed)
    end = next(d for d in changes.details if d.field == "end")
    assert (end.old, end.new) == ("2025-12-31", "2026-12-31")


def test_lines_fit_the_width_and_show_hostile_text_as_text(plan56):
    new = copy.deepcopy(plan56)
    _task(new, "I.1")["content"] = "[b]Đậm[/] [/] =HYPERLINK(1) \x1b[31m đỏ\x07" + "x" * 200
    new["tasks"] = [t for t in new["tasks"] if t["code"] != "VI.6"]
    lines = change_lines(diff_plans(plan56, new), 3, width=76)
    assert all(len(line) <= 76 for line in lines)
    changed = next(line for line in lines if "I.1" in line)
    assert "[b]Đậm[/] [/] =HYPERLINK(1) ␛[31m đỏ␇" in changed
    assert not any("\x1b" in line or "\x07" in line for line in lines)
    assert lines[-1] == "3 báo cáo tiến độ của nhiệm vụ bị bỏ vẫn được giữ."


def test_changes_as_data_keep_the_files_text(plan56):
    new = copy.deepcopy(plan56)
    _task(new, "I.1")["content"] = "Mới\x1b"
    data = changes_as_data(diff_plans(plan56, new))
    assert data["tasks_changed"] == [
        {
            "code": "I.1",
            "fields": ["content"],
            "old_content": _task(plan56, "I.1")["content"],
            "new_content": "Mới\x1b",
        }
    ]
    assert data["tasks_added"] == data["tasks_removed"] == data["plan"] == []
