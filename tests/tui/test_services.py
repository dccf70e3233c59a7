"""The services added for the app: drafts, follow, saved views, overview, backups."""

from __future__ import annotations

import sqlite3
import unicodedata
import zipfile

import pytest

from cchc_tui.domain.progress import RawEntry
from cchc_tui.domain.roles import RELATED, resolve_roles
from cchc_tui.services.backup import backup_database
from cchc_tui.services.catalog import find_agency, load_plan
from cchc_tui.services.dashboard import dashboard
from cchc_tui.services.drafts import delete_draft, draft_for, entry_from_payload, save_draft
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.follow import follow_task, is_followed, unfollow_task
from cchc_tui.services.progress import record_progress, resolve_slot
from cchc_tui.services.views import save_view, saved_views


def test_draft_round_trip_is_nfc(ws):
    slot = resolve_slot(ws, "so-noi-vu", "III.2", None)
    typed = unicodedata.normalize("NFD", "Đã công khai")
    entry = RawEntry("in_progress", "40", typed, evidence=[("56/kh-ubnd", "01/02/2025", "")])
    save_draft(ws, slot, entry)
    draft = draft_for(ws, slot)
    assert draft is not None and draft.entry.result == unicodedata.normalize("NFC", typed)
    assert draft.entry.evidence == [("56/kh-ubnd", "01/02/2025", "")]
    record_progress(ws, slot, RawEntry("in_progress", "40"), "Hoa")  # saving drops the draft
    assert draft_for(ws, slot) is None
    save_draft(ws, slot, entry)
    delete_draft(ws, slot)
    assert draft_for(ws, slot) is None
    assert entry_from_payload('{"status": "done", "extra": 1}').status == "done"


def test_follow_only_related_tasks(ws):
    agency = find_agency(ws, "so-noi-vu")
    plan = load_plan(ws)
    related = next(t.code for t in plan.tasks if resolve_roles(agency, t) == {RELATED})
    assigned = next(t.code for t in plan.tasks if resolve_roles(agency, t) - {RELATED})
    assert follow_task(ws, agency.id, related) is True
    assert follow_task(ws, agency.id, related) is False
    assert is_followed(ws, agency.id, related)
    assert unfollow_task(ws, agency.id, related) is True
    assert not is_followed(ws, agency.id, related)
    with pytest.raises(ServiceError, match="không cần theo dõi"):
        follow_task(ws, agency.id, assigned)


def test_saved_views_on_keys_one_to_nine(ws):
    save_view(ws, 2, {"role": "lead", "query": "thông tin"})
    assert saved_views(ws) == {2: {"role": "lead", "query": "thông tin"}}
    with pytest.raises(ServiceError, match="từ 1 đến 9"):
        save_view(ws, 0, {})


def test_overview_counts_and_what_is_overdue(ws):
    slot = resolve_slot(ws, "so-noi-vu", "I.6", None)
    record_progress(ws, slot, RawEntry("done", "100"), "Hoa")
    d = dashboard(ws, "so-noi-vu")
    assert (d.period.id, d.days_left) == ("2025-Q1", "còn 5 ngày")
    assert d.counts["lead"]["done"] == 1
    assert "I.6" not in {a.row.code for a in d.attention}
    assert all(a.reason.startswith("chưa báo cáo") for a in d.attention if not a.overdue)
    past = dashboard(ws, "so-noi-vu", "2024-Y")  # every slot of 2024 is late by now
    assert past.attention and all(a.overdue for a in past.attention)


def test_backup_is_a_consistent_copy(ws):
    record_progress(ws, resolve_slot(ws, "so-noi-vu", "I.6", None), RawEntry("done", "100"), "Hoa")
    backup = backup_database(ws)  # a zip: the database copy, the keys (tests/care/)
    copy = backup.with_suffix(".sqlite3")
    with zipfile.ZipFile(backup) as z:
        copy.write_bytes(z.read("cchc.sqlite3"))
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM revision").fetchone()[0] == 1
    finally:
        conn.close()
    assert backup_database(ws) != backup  # a second backup the same second gets its own name
