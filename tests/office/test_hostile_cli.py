"""`cchc import`, `submissions` and `report` as real processes, fed markup, formulas and
control characters: no traceback, the text shown as it was sent, no formula cell."""

from __future__ import annotations

import os
import subprocess
import sys

from openpyxl import load_workbook

from cchc_tui.domain.safe_text import cell_text

from .hostile import ScriptedSender, formula_cells

MARKUP_FILE = b'{"[/]":1,"[/]":2}'


def _cchc(data_dir, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("CCHC_TODAY", None)
    return subprocess.run(
        [sys.executable, "-m", "cchc_tui", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_an_unsigned_file_quoting_markup_is_refused_in_the_table_not_crashing(tmp_path):
    data = tmp_path / "data"
    assert _cchc(data, "receiver", "init", "--officer", "Nguyễn Văn A").returncode == 0
    path = tmp_path / "so-tu-phap_2025-Y_0007.json"
    path.write_bytes(MARKUP_FILE)
    run = _cchc(data, "import", str(path), "--today", "2026-01-05")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and run.stderr == ""
    assert "“[/]” lặp lại hai lần" in run.stdout and "không nhận" in run.stdout
    run = _cchc(data, "submissions", "--period", "2025-Y", "--today", "2026-01-05")
    assert run.returncode == 0 and "Sở Tư pháp" in run.stdout
    assert "chưa nộp ⚠ bị từ chối" in run.stdout


def test_signed_hostile_text_goes_through_import_submissions_and_report(office, inbox, tmp_path):
    sender = ScriptedSender(office, "so-noi-vu", inbox)
    texts = {
        "result": ' =HYPERLINK("http://x.example","bấm") [/]',
        "difficulties": "=cmd|' /C calc'!A0\vchuông\x07",
        "proposals": "[b]Đề nghị[/b] @SUM(A1) \x1b[31m",
    }
    sender.texts = {"*": texts}
    enrolment = tmp_path / "so-noi-vu.enrolment.json"
    enrolment.write_bytes(sender.enrolment())
    sender.send("2025-Q1", "2025-03-10", signer={"officer": "[/b]Trần [i]B", "title": "=1+1"})
    data, today = office.data_dir, ("--today", "2025-04-01")
    assert _cchc(data, "keyring", "add", str(enrolment), "--yes", *today).returncode == 0
    run = _cchc(data, "import", str(inbox), *today)
    assert (run.returncode, run.stderr) == (0, "") and "nhận" in run.stdout
    run = _cchc(data, "submissions", "--period", "2025-Q1", *today)
    assert run.returncode == 0 and "đúng hạn" in run.stdout
    xlsx, md = tmp_path / "q1.xlsx", tmp_path / "q1.md"
    run = _cchc(data, "report", "--period", "2025-Q1", "--xlsx", str(xlsx), "--md", str(md), *today)
    assert (run.returncode, run.stderr) == (0, ""), run.stderr
    assert run.stdout.split() == [str(xlsx), str(md)]
    book = load_workbook(xlsx)
    assert formula_cells(book) == []
    cells = {c.value for row in book["Tiến độ nhiệm vụ"].iter_rows() for c in row}
    assert {cell_text(t) for t in texts.values()} <= cells
    assert "=cmd\\|' /C calc'\\!A0↵chuông␇" in md.read_text("utf-8")
