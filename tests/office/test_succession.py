"""VI.1 from Sở TT&TT (2024-Y) to Sở KH&CN (2025-Y): export, import, the office's views."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from cchc_tui.cli.main import main
from cchc_tui.domain.clock import Clock
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import keys
from cchc_tui.services.export import export_period
from cchc_tui.services.office import keyring
from cchc_tui.services.office.consolidated import task_progress
from cchc_tui.services.office.importer import import_files
from cchc_tui.services.office.profile import save_office_profile
from cchc_tui.services.progress import record_progress, resolve_slot
from cchc_tui.services.workspace import Workspace, open_workspace

PASSPHRASE = "mật khẩu thử kế thừa"


def agency_install(root: Path, agency_id: str, day: str) -> Workspace:
    """An agency's own data folder with its key, on `day`."""
    ws = open_workspace(root / agency_id, Clock(dt.date.fromisoformat(day)))
    keys.init_key(ws, agency_id, PASSPHRASE)
    return ws


def report_vi1(ws: Workspace, agency_id: str, period: str, result: str, outbox: Path) -> Path:
    """Record VI.1 for the period and export the period's bundle; the file written."""
    slot = resolve_slot(ws, agency_id, "VI.1", period)
    record_progress(ws, slot, RawEntry("in_progress", "50", result), "Cán bộ")
    return export_period(ws, agency_id, period, PASSPHRASE, outbox).path


def task_sheet(path: Path) -> list[dict[str, object]]:
    book = load_workbook(path, read_only=True)
    rows = [list(r) for r in book["Tiến độ nhiệm vụ"].iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r and r[0] == "Nhiệm vụ")
    names = rows[header]
    return [dict(zip(names, r, strict=True)) for r in rows[header + 1 :]]


def test_vi1_passes_from_so_tt_tt_to_so_kh_cn_through_export_import_and_report(tmp_path, capsys):
    outbox = tmp_path / "mail"
    tt = agency_install(tmp_path, "so-thong-tin-truyen-thong", "2024-12-10")
    old = report_vi1(tt, "so-thong-tin-truyen-thong", "2024-Y", "Kết nối 12 hệ thống", outbox)
    kh = agency_install(tmp_path, "so-khoa-hoc-cong-nghe", "2025-12-10")
    new = report_vi1(kh, "so-khoa-hoc-cong-nghe", "2025-Y", "Kết nối thêm 5 hệ thống", outbox)
    office = open_workspace(tmp_path / "office", Clock(dt.date(2025, 12, 16)))
    save_office_profile(office, "Trần Thị Tổng Hợp", "Chuyên viên")
    for ws, agency_id in ((tt, "so-thong-tin-truyen-thong"), (kh, "so-khoa-hoc-cong-nghe")):
        enrolment = keys.write_enrolment(
            ws, agency_id, PASSPHRASE, tmp_path / f"{agency_id}.json", "Cán bộ"
        )
        preview = keyring.preview_enrolment(office, enrolment.read_bytes())
        keyring.add_enrolment(office, preview)
    assert [o.verdict for o in import_files(office, [old, new])] == ["accepted", "accepted"]

    # 2024-Y: Sở TT&TT leads VI.1 itself
    [vi1] = [t for t in task_progress(office, "2024-Y") if t.code == "VI.1"]
    assert [(r.agency_id, r.note, r.result) for r in vi1.leads] == [
        ("so-thong-tin-truyen-thong", "", "Kết nối 12 hệ thống")
    ]
    # 2025-Y: Sở KH&CN is the expected reporter, its note names the body that ended
    [vi1] = [t for t in task_progress(office, "2025-Y") if t.code == "VI.1"]
    assert [(r.agency_id, r.note, r.result) for r in vi1.leads] == [
        ("so-khoa-hoc-cong-nghe", "kế thừa từ Sở TT&TT", "Kết nối thêm 5 hệ thống")
    ]

    xlsx, md = tmp_path / "2025-Y.xlsx", tmp_path / "2025-Y.md"
    args = ["--data-dir", str(office.data_dir), "--today", "2025-12-16"]
    assert main(["report", "--period", "2025-Y", "--xlsx", str(xlsx), "--md", str(md), *args]) == 0
    capsys.readouterr()
    [row] = [r for r in task_sheet(xlsx) if r["Nhiệm vụ"] == "VI.1"]
    assert row["Vai trò"] == "Chủ trì" and row["Cơ quan"] == "Sở KH&CN"
    assert row["Kết quả"] == "Kết nối thêm 5 hệ thống"
    assert row["Ghi chú"] == "kế thừa từ Sở TT&TT"
    active = {r["Nhiệm vụ"] for r in task_sheet(xlsx)}
    assert {"VI.1", "VI.2", "VI.4"} <= active  # no task lost its lead
    line = next(x for x in md.read_text("utf-8").splitlines() if x.startswith("| VI.1 |"))
    assert "0/1 hoàn thành" in line and "Sở KH" in line and "kế thừa từ Sở TT" in line

    xlsx_2024 = tmp_path / "2024-Y.xlsx"
    args = ["--data-dir", str(office.data_dir), "--today", "2025-12-16"]
    assert main(["report", "--period", "2024-Y", "--xlsx", str(xlsx_2024), *args]) == 0
    [row] = [r for r in task_sheet(xlsx_2024) if r["Nhiệm vụ"] == "VI.1"]
    assert row["Cơ quan"] == "Sở TT&TT" and not row["Ghi chú"]
    for ws in (tt, kh, office):
        ws.db.close()
