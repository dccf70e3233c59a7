"""Consolidated views: submissions grid, drill-down, task progress, forks decided by a person."""

import base64
import json

import pytest
from synthetic import tamper

from cchc_tui.domain.office import rules
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office import bundles
from cchc_tui.services.office.consolidated import task_progress
from cchc_tui.services.office.submissions import submissions

from .conftest import on_day, run_import


def _body(path):
    return json.loads(base64.b64decode(json.loads(path.read_bytes())["payload"]))


@pytest.fixture
def scene(office, sender, inbox):
    """Q1 2025 seen on 1/4/2025: on time, late, missing, not expected, a fork and a refusal."""
    nv, tp, tc = sender("so-noi-vu"), sender("so-tu-phap"), sender("so-tai-chinh")
    files = {
        "nv1": nv.send("2025-Q1", "2025-03-10"),
        "nv2": nv.send("2025-Q1", "2025-03-20"),  # a correction after the deadline
        "tp1": tp.send("2025-Q1", "2025-03-18"),
    }
    tc_good = tc.send("2025-Q1", "2025-03-14")
    (inbox / tc_good.name).write_bytes(tamper(tc_good.read_bytes()))  # only the tampered copy
    tp.signer.seq, tp.signer.prev = 0, "0" * 64
    files["tp-fork"] = tp.send("2025-Q1", "2025-03-19", name="tp-fork.json")
    ws = on_day(office, "2025-04-01")
    run_import(ws, inbox)
    return ws, files


def _cells(grid):
    return {(row.agency_id, c.period_id): c for row in grid.rows for c in row.cells}


def test_submissions_grid(scene):
    ws, _files = scene
    grid = submissions(ws, ["2025-Q1", "2025-H1"])
    cells = _cells(grid)
    nv = cells["so-noi-vu", "2025-Q1"]
    assert (nv.status, nv.seq, nv.bundles) == (rules.ON_TIME, 2, 2)  # first submission counts
    tp = cells["so-tu-phap", "2025-Q1"]
    assert (tp.status, tp.days, tp.fork) == (rules.LATE, 3, True)
    tc = cells["so-tai-chinh", "2025-Q1"]
    assert (tc.status, tc.rejected) == (rules.MISSING, 1)
    assert tc.days == 17 and "⚠" in tc.label
    assert cells["so-ke-hoach-dau-tu", "2025-Q1"].status == rules.NOT_EXPECTED  # merged 1/3/2025
    assert cells["so-noi-vu", "2025-H1"].status == rules.NOT_DUE
    districts = submissions(ws, ["2025-Q1"], kind="district")
    assert {r.kind for r in districts.rows} == {"district"} and len(districts.rows) == 7
    assert districts.counts("2025-Q1")[rules.MISSING] == 7


def test_drill_down_names_the_bundle_behind_a_cell(scene):
    ws, files = scene
    detail = bundles.cell_detail(ws, "so-noi-vu", "2025-Q1")
    counted = detail.counted
    assert [b.seq for b in detail.bundles] == [2, 1]
    assert counted.seq == 2 and counted.file_name == files["nv2"].name
    assert counted.signer == "Cán bộ đầu mối" and counted.key_status == "active"
    assert counted.fingerprint.count("-") == 3
    assert counted.received_at.startswith("2025-04-01")
    assert counted.created_at == _body(files["nv2"])["created_at"]
    refused = bundles.cell_detail(ws, "so-tai-chinh", "2025-Q1")
    assert refused.counted is None and "chữ ký" in refused.rejections[0].reason


def test_task_progress_puts_lead_and_partners_side_by_side(scene):
    ws, files = scene
    body = _body(files["nv2"])
    tasks = {t.code: t for t in task_progress(ws, "2025-Q1")}
    led = next(code for code, t in tasks.items() if [r.agency_id for r in t.leads] == ["so-noi-vu"])
    lead = tasks[led].leads[0]
    record = next(r for r in body["records"] if r["task"] == led)
    assert (lead.status, lead.progress_bp, lead.result) == (
        record["status"],
        record["progress_bp"],
        record["result"],
    )
    partners = {r.agency_id: r for t in tasks.values() for r in t.partners}
    assert partners["huyen-yen-son"].status == "no_bundle"


def test_a_person_decides_a_fork(scene):
    ws, _files = scene
    [fork] = bundles.held_forks(ws)
    assert fork.agency_id == "so-tu-phap" and fork.seq == 1
    with pytest.raises(ServiceError, match="căn cứ"):
        bundles.decide_fork(ws, fork.body_sha256, use=True, note=" ")
    chosen = bundles.decide_fork(ws, fork.body_sha256, use=True, note="Đã gọi điện xác nhận")
    assert chosen.state == "accepted" and bundles.held_forks(ws) == []
    cell = _cells(submissions(ws, ["2025-Q1"]))["so-tu-phap", "2025-Q1"]
    assert cell.body_sha256 == fork.body_sha256 and (cell.status, cell.days) == (rules.LATE, 4)


def test_cli_forks_decide_and_submissions(scene, capsys):
    from cchc_tui.cli.main import main

    ws, _files = scene
    base = ["--data-dir", str(ws.data_dir), "--today", "2025-04-01"]
    assert main([*base, "receiver", "forks", "--json"]) == 0
    [fork] = json.loads(capsys.readouterr().out)
    assert (fork["agency_id"], fork["seq"], fork["state"]) == ("so-tu-phap", 1, "fork")
    assert main([*base, "receiver", "decide", fork["body_sha256"][:6], "--use", "--note", "x"]) == 2
    assert "12 ký tự" in capsys.readouterr().err
    decide = [*base, "receiver", "decide", fork["body_sha256"][:16], "--set-aside"]
    assert main([*decide, "--note", "Cơ quan xác nhận gói đầu là đúng"]) == 0
    assert "đã gác lại" in capsys.readouterr().out
    assert main([*base, "submissions", "--period", "2025-Q1", "--json"]) == 0
    rows = {r["agency_id"]: r["cells"][0] for r in json.loads(capsys.readouterr().out)}
    assert rows["so-tu-phap"] == {
        "period": "2025-Q1",
        "status": "late",
        "days": 3,
        "seq": 1,
        "fork": False,
        "gap": False,
        "rejected": 0,
    }


def test_a_fork_decided_elsewhere_is_not_decided_again(scene):
    ws, _files = scene
    [fork] = bundles.held_forks(ws)
    assert bundles.resolve_bundle(ws, fork.body_sha256[:12].upper()) == fork.body_sha256
    with pytest.raises(ServiceError, match="khớp 0 gói"):
        bundles.resolve_bundle(ws, "_" * 12)  # taken literally, not as a LIKE pattern
    bundles.decide_fork(ws, fork.body_sha256, use=False, note="Giữ gói đã nhận")
    with pytest.raises(ServiceError, match="không còn chờ quyết định"):
        bundles.decide_fork(ws, fork.body_sha256, use=True, note="Quyết định muộn")
    assert bundles.bundle_detail(ws, fork.body_sha256).state == "set_aside"


def test_grid_cells_and_reports_share_one_wording(scene):
    from cchc_tui.screens.office.tables import cell_text

    ws, _files = scene
    cells = _cells(submissions(ws, ["2025-Q1", "2025-H1"]))
    not_due = cells["so-noi-vu", "2025-H1"]
    assert not_due.label == cell_text(not_due).plain == rules.CELL_LABELS[rules.NOT_DUE]
    late = cells["so-tu-phap", "2025-Q1"]
    assert rules.cell_label(rules.LATE, late.days) == "trễ 3 ngày"
    assert cell_text(late).plain.startswith("trễ 3 ngày") and late.label.startswith("trễ 3 ngày")
