"""The agency's Word report (Nghị định 30/2020), read back with python-docx."""

from __future__ import annotations

import subprocess
import sys

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from cchc_tui.cli.main import main
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services.progress import record_progress, resolve_slot
from cchc_tui.services.settings import save_profile
from cchc_tui.services.snapshot import period_snapshot
from cchc_tui.services.word.settings import save_report_settings
from cchc_tui.services.word.write import write_agency_report
from cchc_tui.store import files

HEADINGS = (
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
)


def _record(ws, code, period, **fields):
    slot = resolve_slot(ws, "so-tu-phap", code, period)
    record_progress(ws, slot, RawEntry(**fields), "Nguyễn Văn A")


@pytest.fixture
def recorded(ws):
    """Sở Tư pháp with two tasks recorded in 2025-Q1, one of them with an indicator."""
    save_profile(ws, "so-tu-phap", "Nguyễn Văn A")
    _record(
        ws,
        "II.1",
        "2025-Q1",
        status="done",
        progress="100",
        result="Thẩm định 45 dự thảo [b]x[/b] =1+2",
        difficulties="Thiếu biên chế pháp chế",
        proposals="Bổ sung 01 biên chế",
        evidence=[("12/BC-STP", "05/03/2025", "Báo cáo thẩm định")],
    )
    _record(
        ws,
        "III.2",
        "2025-Q1",
        status="in_progress",
        progress="80",
        result="Công khai TTHC",
        indicators={"tthc_published": ("45", "50")},
    )
    return ws


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_the_period_report_has_the_state_layout_and_every_task(recorded, tmp_path):
    path = write_agency_report(
        recorded, "so-tu-phap", tmp_path / "a" / "bc.docx", period_id="2025-Q1"
    )
    doc = Document(str(path))
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH TUYÊN QUANG",
        "SỞ TƯ PHÁP",
        "Số:        /BC-STP",
    ]
    assert left.paragraphs[1].runs[0].bold
    right_texts = [p.text for p in right.paragraphs if p.text]
    assert right_texts[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right_texts[2].startswith("Tuyên Quang, ngày")
    assert right.paragraphs[-1].runs[0].italic
    texts = _texts(doc)
    assert "BÁO CÁO" in texts
    assert any(
        t.startswith("Kết quả thực hiện Kế hoạch số 56/KH-UBND") and "quý i/2025" in t
        for t in texts
    )
    assert "Kính gửi: Ủy ban nhân dân tỉnh Tuyên Quang (qua Sở Nội vụ)." in texts
    assert any("từ ngày 15/12/2024 đến ngày 14/03/2025" in t for t in texts)
    for heading in HEADINGS:
        assert heading in texts
    assert any(t.startswith("Phụ lục I") for t in texts)
    body = "\n".join(texts)
    assert "Thẩm định 45 dự thảo [b]x[/b] =1+2" in body  # as typed, nothing interpreted
    assert "đạt 45/50 = 90%" in body
    assert "Nhiệm vụ II.1: Thiếu biên chế pháp chế" in body
    assert "Nhiệm vụ II.1: Bổ sung 01 biên chế" in body

    annex = doc.tables[-2]
    rows = [[c.text for c in r.cells] for r in annex.rows[1:]]
    task_rows = {r[0]: r for r in rows if r[0] != r[1]}  # group rows span the whole row
    expected = {r["task"] for r in period_snapshot(recorded, "so-tu-phap", "2025-Q1").records}
    assert set(task_rows) == expected
    assert task_rows["II.1"][4] == "hoàn thành"
    assert task_rows["II.1"][6] == "Thẩm định 45 dự thảo [b]x[/b] =1+2"
    assert "12/BC-STP" in task_rows["II.1"][7]
    assert all(task_rows[c][4] == "chưa báo cáo" for c in expected - {"II.1", "III.2"})
    indicators = [[c.text for c in r.cells] for r in doc.tables[-1].rows]
    assert next(r for r in indicators if r[1] == "45")[1:4] == ["45", "50", "90%"]


def test_page_fonts_and_the_landscape_annex(recorded, tmp_path):
    doc = Document(
        str(write_agency_report(recorded, "so-tu-phap", tmp_path / "bc.docx", period_id="2025-Q1"))
    )
    first, annex = doc.sections[0], doc.sections[-1]
    mm = [
        round(x.mm)
        for x in (
            first.page_width,
            first.page_height,
            first.top_margin,
            first.bottom_margin,
            first.left_margin,
            first.right_margin,
        )
    ]
    assert mm[:2] == [210, 297]  # A4
    assert 20 <= mm[2] <= 25 and 20 <= mm[3] <= 25 and 30 <= mm[4] <= 35 and 15 <= mm[5] <= 20
    assert first.different_first_page_header_footer  # no number on page 1
    assert "PAGE" in first.header._element.xml
    assert annex.orientation == WD_ORIENT.LANDSCAPE and annex.page_width > annex.page_height
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 14
    body = next(p for p in doc.paragraphs if p.text.startswith("Thực hiện Kế hoạch"))
    assert body.paragraph_format.first_line_indent > 0
    assert body.alignment == 3  # justified


def test_settings_fill_the_signer_recipient_prefix_and_section_iv(recorded, tmp_path):
    save_report_settings(
        recorded,
        signer_name="Trần Thị B",
        signer_title="Phó Giám đốc",
        signer_authority="KT. GIÁM ĐỐC",
        number_prefix="BC-STP-CCHC",
        next_steps="Tập trung cải cách TTHC.",
        recipient="Sở Nội vụ",
    )
    texts = _texts(
        Document(
            str(
                write_agency_report(
                    recorded, "so-tu-phap", tmp_path / "bc.docx", period_id="2025-Q1"
                )
            )
        )
    )
    doc = Document(str(tmp_path / "bc.docx"))
    sign = [p.text for p in doc.tables[1].rows[0].cells[1].paragraphs if p.text]
    assert sign == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị B"]
    assert "Kính gửi: Sở Nội vụ." in texts and "Tập trung cải cách TTHC." in texts
    header = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert "Số:        /BC-STP-CCHC" in header


def test_the_stage_names_years_without_data(recorded, tmp_path):
    _record(
        recorded,
        "III.2",
        "2024-Y",
        status="in_progress",
        progress="50",
        indicators={"tthc_published": ("30", "50")},
    )
    doc = Document(
        str(write_agency_report(recorded, "so-tu-phap", tmp_path / "gd.docx", stage="2021-2025"))
    )
    body = "\n".join(_texts(doc))
    assert "năm 2021, 2022, 2023 chưa có số liệu trên máy này" in body  # 2025: from Q1
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in doc.tables[-2].rows}
    assert rows["III.2"][3:8] == ["chưa có số liệu"] * 3 + [
        "đang triển khai (50%)",
        "đang triển khai (80%)",
    ]
    indicator = next(r for r in doc.tables[-1].rows if r.cells[4].text.startswith("30/50"))
    assert indicator.cells[4].text == "30/50 = 60%"


def test_wrong_agency_period_or_stage_is_refused_with_exit_2(recorded, tmp_path, capsys):
    data = ["--data-dir", str(recorded.data_dir), "--today", "2025-03-10"]
    target = tmp_path / "x.docx"
    for args in (
        ["--agency", "khong-co"],
        ["--period", "2031-Y"],
        ["--stage", "2016-2020"],
        ["--period", "2025-Q5"],
    ):
        rest = args if "--agency" not in args else [*args, "--period", "2025-Q1"]
        assert main(["report", *rest, "--docx", str(target), *data]) == 2
        assert capsys.readouterr().err.startswith("Lỗi:")
    assert not target.exists()


def test_a_body_that_ended_writes_only_its_periods(ws, tmp_path, capsys):
    data = ["--data-dir", str(ws.data_dir), "--today", "2025-03-10"]
    target = tmp_path / "x.docx"
    agency = ["--agency", "so-thong-tin-truyen-thong"]
    assert main(["report", *agency, "--period", "2025-Q1", "--docx", str(target), *data]) == 2
    assert "kết thúc hoạt động" in capsys.readouterr().err
    assert main(["report", *agency, "--period", "2024-Y", "--docx", str(target), *data]) == 0
    assert target.exists()


def test_a_file_held_open_by_word_is_exit_3_and_the_old_file_stays(
    recorded, tmp_path, monkeypatch, capsys
):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "bc.docx"
    target.write_bytes(b"old")
    monkeypatch.setattr(files, "RETRY_DELAYS", (0.0, 0.0))
    calls = []

    def locked(src, dst):
        calls.append(dst)
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(files.os, "replace", locked)
    code = main(
        [
            "report",
            "--period",
            "2025-Q1",
            "--docx",
            str(target),
            "--data-dir",
            str(recorded.data_dir),
            "--today",
            "2025-03-10",
        ]
    )
    err = capsys.readouterr().err
    assert code == 3 and len(calls) == 3  # tried, retried twice, then told
    assert err.startswith("Lỗi: Không ghi được tệp") and "đang mở trong Word" in err
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["bc.docx"]  # no temporary file left


def test_cchc_report_docx_as_a_process_in_a_fresh_folder(tmp_path):
    data = ["--data-dir", str(tmp_path / "d"), "--today", "2025-12-10"]

    def cchc(*args):
        return subprocess.run(
            [sys.executable, "-m", "cchc_tui", *args, *data],
            capture_output=True,
            text=True,
            encoding="utf-8",
        )

    init = cchc(
        "init",
        "--agency",
        "so-tu-phap",
        "--officer",
        "Nguyễn Văn A",
        "--signer",
        "Trần Thị B",
        "--signer-title",
        "Phó Giám đốc",
        "--signer-authority",
        "KT. GIÁM ĐỐC",
        "--number-prefix",
        "BC-STP-VP",
    )
    assert init.returncode == 0, init.stderr
    done = cchc(
        "progress",
        "set",
        "--task",
        "II.1",
        "--period",
        "2025-Y",
        "--status",
        "done",
        "--progress",
        "100",
        "--result",
        "Đã thẩm định",
        "--evidence",
        "7/BC-STP|01/12/2025|Báo cáo",
    )
    assert done.returncode == 0, done.stderr
    target = tmp_path / "ra" / "bao cao.docx"
    run = cchc("report", "--period", "2025-Y", "--docx", str(target))
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(target)
    doc = Document(str(target))
    sign = [p.text for p in doc.tables[1].rows[0].cells[1].paragraphs if p.text]
    assert sign == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị B"]
    assert "Số:        /BC-STP-VP" in [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    rows = {r.cells[0].text: r for r in doc.tables[-2].rows}
    assert rows["II.1"].cells[6].text == "Đã thẩm định"
    stage = cchc("report", "--stage", "2021-2025", "--docx", str(tmp_path / "gd.docx"))
    assert stage.returncode == 0, stage.stderr
    refused = cchc(
        "report", "--period", "2025-Y", "--stage", "2021-2025", "--docx", str(tmp_path / "y.docx")
    )
    assert refused.returncode == 2 and refused.stderr.startswith("Lỗi:")
