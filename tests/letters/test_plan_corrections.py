"""A corrected plan from Sở Nội vụ: it replaces the version held only when signed later,
after the agency has seen what changes; progress recorded is never lost."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from nacl.signing import SigningKey

from cchc_tui.cli.main import main
from cchc_tui.domain.clock import Clock
from cchc_tui.services import plan_letters
from cchc_tui.services.letters import LetterRefused, letters
from cchc_tui.services.plans import plan_document_of, select_plan
from cchc_tui.services.workspace import open_workspace
from tests.letters.plan_versions import HOSTILE, Office, corrected

V1_AT, V2_AT = "2025-12-20T09:00:00+07:00", "2026-01-05T08:00:00+07:00"
AGENCY = "so-khoa-hoc-cong-nghe"  # leads I.1 and I.2 of plan 138-2025
DAY = "2026-03-01"


@pytest.fixture
def office(tmp_path, seeded) -> Office:
    return Office(tmp_path, seeded)


@pytest.fixture
def agency(tmp_path, seeded, office):
    """The agency's install: office key pinned, version 1 loaded, progress on I.1 and I.2."""
    data = seeded(tmp_path / "agency")

    def run(*args: str) -> int:
        return main([*args, "--data-dir", str(data), "--today", DAY])

    assert run("init", "--agency", AGENCY, "--officer", "Trần Văn B") == 0
    assert run("office", "add", str(office.key_file), "--yes") == 0
    assert run("plan", "add", str(office.sign(office.document, V1_AT, "v1.json")), "--yes") == 0
    for task, percent in (("I.1", "40"), ("I.2", "20")):
        args = ("--plan", "138-2025", "--task", task, "--period", "2026-Q1", "--progress", percent)
        assert run("progress", "set", *args, "--status", "in_progress", "--result", "Đã làm") == 0
    return data


def _ws(data):
    return open_workspace(data, Clock(dt.date(2026, 3, 1)))


def _state(data) -> tuple:
    """The stored plan's version, the letters kept, and every revision."""
    ws = _ws(data)
    try:
        with ws.db.read() as conn:
            version = conn.execute("SELECT version FROM plan WHERE id = '138-2025'").fetchone()
            revisions = conn.execute("SELECT * FROM revision ORDER BY id").fetchall()
        return version, len(letters(ws)), revisions
    finally:
        ws.db.close()


def test_a_newer_version_shows_its_changes_then_replaces_the_older(office, agency):
    v2 = office.sign(corrected(office.document), V2_AT, "v2.json")
    ws = _ws(agency)
    try:
        preview = plan_letters.preview_plan(ws, v2)
        found = preview.replacement
        assert not preview.same and found is not None and found.held_signed_at == V1_AT
        assert [r.code for r in found.changes.added] == ["I.3"]
        assert [r.code for r in found.changes.removed] == ["I.2"]
        [change] = found.changes.changed
        assert (change.code, change.fields, change.new_content) == ("I.1", ("content",), HOSTILE)
        assert [d.field for d in found.changes.details] == ["title"]
        assert found.kept_reports == 1
        assert plan_letters.apply_plan(ws, preview) == ("138-2025", True)
        held = plan_document_of(ws, "138-2025")
        assert [t["code"] for t in held["tasks"]] == ["I.1", "II.1", "I.3"]
        assert held["plan"]["title"].endswith("(sửa đổi)")
        assert letters(ws)[0].summary.endswith("(bản sửa đổi)")
    finally:
        ws.db.close()


def test_an_older_version_is_refused_and_nothing_is_written(office, agency):
    v2 = office.sign(corrected(office.document), V2_AT, "v2.json")
    assert main(["plan", "add", str(v2), "--yes", "--data-dir", str(agency), "--today", DAY]) == 0
    before = _state(agency)
    older = office.document | {"plan": office.document["plan"] | {"title": "Bản khác"}}
    v0 = office.sign(older, "2026-01-04T08:00:00+07:00", "v0.json")
    ws = _ws(agency)
    try:
        with pytest.raises(LetterRefused) as caught:
            plan_letters.preview_plan(ws, v0)
    finally:
        ws.db.close()
    message = str(caught.value)
    assert "cũ hơn bản máy đang có" in message and "08:00 05/01/2026" in message
    assert "\n" not in message
    assert _state(agency) == before


def test_an_equal_time_different_version_is_refused_and_the_same_one_changes_nothing(
    office, agency
):
    before = _state(agency)
    ws = _ws(agency)
    try:
        twin = office.sign(corrected(office.document), V1_AT, "twin.json")
        with pytest.raises(LetterRefused, match="cùng lúc với bản máy đang có"):
            plan_letters.preview_plan(ws, twin)
        again = office.sign(office.document, V1_AT, "again.json")
        preview = plan_letters.preview_plan(ws, again)
        assert preview.same and preview.replacement is None
        assert plan_letters.apply_plan(ws, preview) == ("138-2025", False)
    finally:
        ws.db.close()
    assert _state(agency) == before


def test_progress_is_kept_for_surviving_tasks_and_for_removed_ones(office, agency):
    from cchc_tui.services.progress import resolve_slot, slot_history
    from cchc_tui.services.snapshot import period_snapshot
    from cchc_tui.services.tasks import agency_tasks

    _, _, revisions = _state(agency)
    v2 = office.sign(corrected(office.document), V2_AT, "v2.json")
    assert main(["plan", "add", str(v2), "--yes", "--data-dir", str(agency), "--today", DAY]) == 0
    assert _state(agency)[2] == revisions  # not one revision changed or went
    ws = _ws(agency)
    try:
        select_plan(ws, "138-2025")
        slot = resolve_slot(ws, AGENCY, "I.1", "2026-Q1")
        assert [r.entry.progress for r in slot_history(ws, slot)] == [40]
        snapshot = period_snapshot(ws, AGENCY, "2026-Q1")
        assert {r["task"]: r["progress_bp"] for r in snapshot.records} == {"I.1": 4000, "I.3": 0}
        _, _, rows = agency_tasks(ws, AGENCY, "2026-Q1")
        assert {row.code for row in rows} == {"I.1", "I.3"}
    finally:
        ws.db.close()
    restored = office.sign(office.document, "2026-02-01T08:00:00+07:00", "v3.json")
    assert main(["plan", "add", str(restored), "--yes", "--data-dir", str(agency)]) == 0
    ws = _ws(agency)
    try:
        select_plan(ws, "138-2025")
        slot = resolve_slot(ws, AGENCY, "I.2", "2026-Q1")
        assert [r.entry.progress for r in slot_history(ws, slot)] == [20]
    finally:
        ws.db.close()


def test_a_tampered_or_foreign_newer_version_is_still_refused(office, agency):
    before = _state(agency)
    v2 = office.sign(corrected(office.document), V2_AT, "v2.json")
    data = bytearray(v2.read_bytes())
    data[len(data) // 2] ^= 0x01
    v2.write_bytes(bytes(data))
    foreign = office.sign(corrected(office.document), V2_AT, "f.json", key=SigningKey(b"\x44" * 32))
    ws = _ws(agency)
    try:
        for path in (v2, foreign):
            with pytest.raises(LetterRefused):
                plan_letters.preview_plan(ws, path)
    finally:
        ws.db.close()
    assert _state(agency) == before


def test_plan_add_json_gives_the_changes_and_writes_nothing_without_yes(office, agency, capsys):
    v2 = office.sign(corrected(office.document), V2_AT, "v2.json")
    before = _state(agency)
    capsys.readouterr()
    args = ["plan", "add", str(v2), "--json", "--data-dir", str(agency), "--today", DAY]
    assert main(args) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["action"] == "replace" and data["stored"] is False
    assert data["held_signed_at"] == V1_AT and data["kept_reports_of_removed_tasks"] == 1
    assert data["changes"]["tasks_removed"] == [
        {"code": "I.2", "content": data["changes"]["tasks_removed"][0]["content"]}
    ]
    assert data["changes"]["tasks_changed"][0]["new_content"] == HOSTILE
    assert _state(agency) == before
    assert main([*args, "--yes"]) == 0
    assert json.loads(capsys.readouterr().out)["stored"] is True


def test_the_seed_plan_is_replaced_only_by_a_signed_version(office, agency, tmp_path, capsys):
    from openpyxl import load_workbook

    book = tmp_path / "p56.xlsx"
    run = ("--data-dir", str(agency), "--today", DAY)
    assert main(["plan", "export", "56-2020", "--out", str(book), *run]) == 0
    wb = load_workbook(book)
    wb["NhiemVu"]["C2"] = "Nội dung sửa tay"
    wb.save(book)
    capsys.readouterr()
    assert main(["plan", "import", str(book), "--yes", *run]) == 2
    assert "nội dung khác" in capsys.readouterr().err
    ws = _ws(agency)
    try:
        seed = plan_document_of(ws, "56-2020")
    finally:
        ws.db.close()
    fixed = seed | {"plan": seed["plan"] | {"title": seed["plan"]["title"] + " (đính chính)"}}
    signed = office.sign(fixed, V2_AT, "p56.json")
    assert main(["plan", "add", str(signed), "--json", *run]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["action"] == "replace" and data["held_signed_at"] is None
    assert [c["field"] for c in data["changes"]["plan"]] == ["title"]
