"""The 2025 reorganisation on the command line, each command a fresh `python -m cchc_tui`."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cchc_tui.domain.clock import Clock
from cchc_tui.services import keys
from cchc_tui.services.workspace import open_workspace

COMMUNES = Path(__file__).parent / "data" / "communes.csv"
LATE = "2025-11-20"  # 2025-Y is being reported; Sở TT&TT and the districts have ended


def cchc(data: Path, *args: str | Path, today: str = LATE, answer: str | None = None):
    """Run `python -m cchc_tui ARGS --data-dir DATA --today DAY`; (code, out, err)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cchc_tui",
            *map(str, args),
            "--data-dir",
            str(data),
            "--today",
            today,
        ],
        input=answer,
        stdin=subprocess.DEVNULL if answer is None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def refused(err: str) -> str:
    """The one `Lỗi:` line of a refusal."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi:"), err
    return lines[0]


def test_a_dissolved_district_is_told_and_kept_to_its_periods(tmp_path):
    data = tmp_path / "ys"
    code, out, _ = cchc(data, "init", "--agency", "huyen yen son", "--officer", "Hoàng Văn Cường")
    assert code == 0
    assert (
        "Lưu ý: Ủy ban nhân dân huyện Yên Sơn đã kết thúc hoạt động ngày 30/06/2025; "
        "UBND cấp xã tiếp nhận nhiệm vụ từ 01/07/2025." in out
    )
    code, out, _ = cchc(data, "tasks", "--agency", "huyen-yen-son")
    assert code == 0 and out.startswith("Ủy ban nhân dân huyện Yên Sơn — 6 tháng đầu năm 2025")
    code, out, _ = cchc(data, "progress", "set", "--task", "I.6", "--status", "in_progress")
    assert code == 0 and "kỳ 2025-H1" in out  # the default: its last period
    code, _, err = cchc(
        data, "progress", "set", "--task", "I.6", "--period", "2025-Y", "--status", "done"
    )
    assert code == 2 and "30/06/2025" in refused(err) and "UBND cấp xã" in err
    code, _, err = cchc(data, "export", "--period", "2025-Y", "--preview")
    assert code == 2 and "không xuất được kỳ Năm 2025" in refused(err)
    phrase = tmp_path / "pass.txt"
    phrase.write_text("mật khẩu thử 2025\n", "utf-8")
    code, _, err = cchc(data, "export", "--period", "2025-Y", "--passphrase-file", phrase)
    assert code == 2 and "không xuất được kỳ Năm 2025" in refused(err)
    assert not (data / "exports").exists() or not any((data / "exports").iterdir())
    code, out, _ = cchc(data, "export", "--period", "2025-H1", "--preview")
    assert code == 0 and "(2025-H1)" in out.splitlines()[0]


def test_so_tt_tt_stops_at_2024_y_and_so_kh_cn_sees_what_it_inherited(tmp_path):
    data = tmp_path / "tt"
    code, _, err = cchc(
        data,
        "progress",
        "set",
        "--agency",
        "so-thong-tin-truyen-thong",
        "--task",
        "VI.1",
        "--period",
        "2025-Q1",
        "--status",
        "done",
    )
    assert code == 2 and "Sở Khoa học và Công nghệ tiếp nhận" in refused(err)
    code, out, _ = cchc(data, "tasks", "--agency", "so khoa hoc cong nghe")
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("VI.1 "))
    assert "Chủ trì" in lines[at] and lines[at + 1].endswith("(kế thừa từ Sở TT&TT)")
    code, out, _ = cchc(data, "tasks", "--agency", "so-khoa-hoc-cong-nghe", "--json")
    vi1 = next(t for t in json.loads(out) if t["code"] == "VI.1")
    assert vi1["roles"] == ["lead"]
    assert vi1["inherited_from"] == [{"role": "lead", "from": "so-thong-tin-truyen-thong"}]


def test_a_commune_list_loads_after_a_preview_and_a_yes(tmp_path):
    data = tmp_path / "office"
    code, out, err = cchc(data, "add-commune", "--file", COMMUNES)  # nobody to answer
    assert code == 2 and "--yes" in refused(err)
    assert "+ xa-tan-long" in out and "Tệp communes.csv: 7 xã, phường." in out
    assert "(không báo cáo kế hoạch này)" in out and "Hà Giang" in out
    code, out, _ = cchc(data, "add-commune", "--file", COMMUNES, answer="k\n")
    assert code == 1 and "Chưa thêm xã, phường nào." in out
    code, out, _ = cchc(data, "agencies", "--kind", "commune")
    assert out == ""
    code, out, _ = cchc(data, "add-commune", "--file", COMMUNES, answer="c\n")
    assert code == 0 and "Đã thêm 7 xã, phường vào danh mục." in out
    code, out, _ = cchc(data, "add-commune", "--file", COMMUNES, "--yes")
    assert code == 0 and "Đã có trong danh mục, giữ nguyên: 7." in out
    code, out, _ = cchc(data, "agencies", "--kind", "commune", "--json")
    communes = {a["id"]: a for a in json.loads(out)}
    assert set(communes) == {
        "phuong-minh-xuan",
        "phuong-nong-tien",
        "xa-tan-long",
        "xa-yen-son",
        "xa-lam-binh",
        "phuong-ha-giang-1",
        "xa-lung-cu",
    }
    assert communes["xa-tan-long"]["parent"] is None
    assert communes["xa-tan-long"]["valid_from"] == "2025-07-01"
    assert "Hà Giang" in communes["xa-lung-cu"]["outside_plan"]
    # "huyen yen son" stays the district though "Xã Yên Sơn" now exists
    code, out, _ = cchc(data, "tasks", "--agency", "huyen yen son")
    assert code == 0 and out.startswith("Ủy ban nhân dân huyện Yên Sơn")


def test_the_same_list_gives_the_same_ids_on_another_install_from_xlsx(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Tên", "Loại", "Từ ngày", "Tỉnh cũ"])
    sheet.append(["Tân Long", "Xã", dt.datetime(2025, 7, 1), "Tuyên Quang"])
    sheet.append(["Phường Minh Xuân", "phường", "01/07/2025", "Tuyên Quang"])
    xlsx = tmp_path / "ds-xa.xlsx"
    book.save(xlsx)
    data = tmp_path / "commune"
    code, out, _ = cchc(data, "add-commune", "--file", xlsx, "--yes")
    assert code == 0 and "+ xa-tan-long" in out and "+ phuong-minh-xuan" in out
    code, out, _ = cchc(data, "init", "--agency", "xa tan long", "--officer", "Lò Thị Mai")
    assert code == 0 and "Ủy ban nhân dân xã Tân Long" in out and "Lưu ý" not in out


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("Tên,Loại\nXã A,xã\n", "Tên, Loại, Từ ngày"),
        ("Tên,Loại,Từ ngày\nXã A,thị trấn,01/07/2025\nXã B,xã,32/07/2025\n", "dòng 2"),
        ("Tên,Loại,Từ ngày\n=cmd|' /C calc'!A0,xã,01/07/2025\n", "chữ cái"),
        ("Tên,Loại,Từ ngày\n", "không có xã"),
    ],
)
def test_an_unusable_commune_list_is_refused_whole(tmp_path, content, says):
    path = tmp_path / "list.csv"
    path.write_text(content, "utf-8")
    code, _, err = cchc(tmp_path / "d", "add-commune", "--file", path, "--yes")
    assert code == 2 and says in refused(err)
    code, out, _ = cchc(tmp_path / "d", "agencies", "--kind", "commune")
    assert out == ""


def test_unusable_commune_files(tmp_path):
    (tmp_path / "list.txt").write_text("x", "utf-8")
    (tmp_path / "latin1.csv").write_bytes("Tên,Loại,Từ ngày\nXã Tân Long,xã\n".encode("utf-16"))
    (tmp_path / "fake.xlsx").write_bytes(b"not a workbook")
    for name, says in (
        ("list.txt", ".csv hoặc .xlsx"),
        ("latin1.csv", "UTF-8"),
        ("fake.xlsx", "Excel"),
        ("missing.csv", "Không thấy tệp"),
    ):
        code, _, err = cchc(tmp_path / "d", "add-commune", "--file", tmp_path / name, "--yes")
        assert code == 2 and says in refused(err), name


def test_one_commune_by_name_and_the_older_way_under_a_district(tmp_path):
    data = tmp_path / "d"
    code, out, _ = cchc(data, "add-commune", "--name", "Phường Minh Xuân")
    assert code == 0 and "(mã phuong-minh-xuan) từ ngày 01/07/2025" in out
    code, out, _ = cchc(
        data, "add-commune", "--name", "Tân Long", "--kind", "xã", "--from", "01/08/2025"
    )
    assert code == 0 and "(mã xa-tan-long) từ ngày 01/08/2025" in out
    code, out, _ = cchc(data, "add-commune", "--district", "huyen yen son", "--name", "Xã Tân Long")
    assert code == 0 and "(mã xa-tan-long-huyen-yen-son) thuộc huyen-yen-son" in out
    assert "kết thúc cùng huyện ngày 30/06/2025" in out
    code, _, err = cchc(data, "add-commune", "--name", "Tân Long")
    assert code == 2 and "xã hay phường" in refused(err)


def test_keyring_add_warns_about_an_enrolment_from_a_body_that_ended(tmp_path):
    agency = open_workspace(tmp_path / "ys", Clock(dt.date(2025, 3, 5)))
    keys.init_key(agency, "huyen-yen-son", "mật khẩu thử 2025")
    enrolment = keys.write_enrolment(
        agency, "huyen-yen-son", "mật khẩu thử 2025", tmp_path / "ys.json", "Hoàng Văn Cường"
    )
    agency.db.close()
    office = tmp_path / "office"
    assert cchc(office, "receiver", "init", "--officer", "Trần Thị Tổng Hợp")[0] == 0
    code, out, _ = cchc(office, "keyring", "add", enrolment, "--yes")
    assert code == 0 and "Đã đăng ký khóa" in out
    assert "Lưu ý: Ủy ban nhân dân huyện Yên Sơn đã kết thúc hoạt động ngày 30/06/2025" in out
    assert "Gói báo cáo ký sau ngày kết thúc sẽ không được nhận." in out
