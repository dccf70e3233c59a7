"""The office's consolidated Word report: from accepted bundles, agency text as plain text."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from cchc_tui.cli.main import main
from cchc_tui.services.word.write import write_office_report

from .conftest import on_day, run_import
from .hostile import ScriptedSender

TODAY = "2025-04-01"


@pytest.fixture
def period(office, inbox):
    """2025-Q1 seen on 1/4/2025: Sở Nội vụ on time and Sở Tư pháp late, with hostile text."""
    for agency_id, day, difficulty in (
        ("so-noi-vu", "2025-03-10", "Thiếu biên chế\x07 [b]x[/b]"),
        ("so-tu-phap", "2025-03-20", "=1+1 khi làm {task}"),
    ):
        sender = ScriptedSender(office, agency_id, inbox)
        sender.texts = {
            "*": {
                "result": "Đã làm {task}",
                "difficulties": difficulty,
                "proposals": f"Đề nghị hỗ trợ {agency_id}",
                "evidence": "12/KH-UBND",
            }
        }
        sender.enrol()
        sender.send("2025-Q1", day)
    ws = on_day(office, TODAY)
    run_import(ws, inbox)
    return ws


def test_the_consolidated_report_names_who_sent_and_what_they_wrote(period, tmp_path):
    doc = Document(str(write_office_report(period, tmp_path / "th.docx", period_id="2025-Q1")))
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text][:2] == ["UBND TỈNH TUYÊN QUANG", "SỞ NỘI VỤ"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right.paragraphs[0].text
    texts = [p.text for p in doc.paragraphs]
    body = "\n".join(texts)
    assert "BÁO CÁO" in texts and "Kính gửi: Ủy ban nhân dân tỉnh Tuyên Quang." in texts
    for heading in (
        "I. TÌNH HÌNH BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ",
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in texts
    assert "- Nộp trễ hạn (1): Sở Tư pháp." in texts
    assert "+ Sở Nội vụ: Thiếu biên chế␇ [b]x[/b]" in texts  # control made visible, no markup
    assert "=1+1 khi làm II.1" in body
    assert "+ Sở Tư pháp: Đề nghị hỗ trợ so-tu-phap" in texts
    assert doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    annex = [[c.text for c in r.cells] for r in doc.tables[-2].rows]
    ii1 = [r for r in annex if r[0] == "II.1" and r[1] != r[0]]
    assert {r[1] for r in ii1} >= {"Sở Tư pháp"}
    assert any(r[3] != "chưa nộp báo cáo" and "12/KH-UBND" in r[6] for r in ii1)
    submitted = {r.cells[1].text: r.cells[2].text for r in doc.tables[-1].rows[1:]}
    assert submitted["Sở Tư pháp"].startswith("trễ")


def test_without_agency_on_a_receiving_install_and_the_stage(period, tmp_path, capsys):
    base = ["--data-dir", str(period.data_dir), "--today", TODAY, "report"]
    assert main([*base, "--period", "2025-Q1", "--docx", str(tmp_path / "a.docx")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "a.docx")
    assert (
        "SỞ NỘI VỤ"
        in Document(str(tmp_path / "a.docx")).tables[0].rows[0].cells[0].paragraphs[1].text
    )
    assert main([*base, "--stage", "2021-2025", "--docx", str(tmp_path / "g.docx")]) == 0
    body = "\n".join(p.text for p in Document(str(tmp_path / "g.docx")).paragraphs)
    assert "- Năm 2021: chưa có số liệu trên máy này." in body
    assert (
        main(
            [
                *base,
                "--agency",
                "so-noi-vu",
                "--period",
                "2025-Q1",
                "--docx",
                str(tmp_path / "own.docx"),
            ]
        )
        == 0
    )
    own = Document(str(tmp_path / "own.docx"))
    assert "Kính gửi: Ủy ban nhân dân tỉnh Tuyên Quang (qua Sở Nội vụ)." in [
        p.text for p in own.paragraphs
    ]
