"""Every `cchc` subcommand as people run it: each step a new process, real data folders.

The in-process CLI tests call `main([...])` inside pytest, where every module the test
session ever imported is already loaded; a command that only works because some other
module happened to be imported first passes there and crashes for the user (that is how
`cchc keyring add` shipped broken). Here each step is `python -m cchc_tui …` in a fresh
process, with `--data-dir` and `--today` on every command, stdin closed unless the step
answers a prompt, and no `CCHC_*` variable inherited from the environment.

The story: three agencies (Sở Tư pháp, Sở Nội vụ reporting as an agency, UBND huyện Yên
Sơn) set up, record progress, create keys, enrol with and send bundles to the receiving
office (Sở Nội vụ's consolidation install); the office registers the keys, imports, sees
a fork (Sở Tư pháp restored a copy of its data folder from before an export and exported
again with the same seq) and decides it, gets a bundle resent after a replay, takes a key
rotation, revokes a key, writes the report, and both kinds of install open the app.

Key derivation: nothing in the program weakens a key file. Sở Tư pháp's key is made by
`cchc keys init` and every unlock of it pays the real argon2id cost; the two other keys
are made in this process with argon2id's cheapest parameters (they are written in the key
file, so the subprocesses that unlock them are quick). The rotated key is real again.

Steps run in file order and share one module-scoped `Scenario`; a step whose earlier
steps did not all pass is skipped, so the one failure names the command that broke. Run
the whole file (`-k` on one step skips it). About 100 processes: marked `e2e`.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest

pytestmark = pytest.mark.e2e

PASSPHRASE = "mật khẩu kịch bản 2025"
NEW_PASSPHRASE = "mật khẩu khóa mới 2025"
TP, NV, YS = "so-tu-phap", "so-noi-vu", "huyen-yen-son"
COMMUNE = "xa-tan-long-huyen-yen-son"
AGENCY = {"tp": TP, "nv": NV, "ys": YS}
T = TypeVar("T")


@dataclass(frozen=True)
class Run:
    """One finished `cchc` process."""

    argv: list[str]
    code: int
    out: str
    err: str
    seconds: float

    def describe(self) -> str:
        """The command and what it printed, for an assertion message."""
        return (
            f"$ cchc {' '.join(self.argv)}\nexit {self.code} after {self.seconds:.1f} s"
            f"\n--- stdout ---\n{self.out[-3000:]}\n--- stderr ---\n{self.err[-3000:]}"
        )

    def json(self):
        """stdout parsed as JSON."""
        return json.loads(self.out)


@dataclass
class Scenario:
    """Data folders, files and facts that later steps build on."""

    root: Path
    env: dict[str, str]
    facts: dict[str, object] = field(default_factory=dict)
    timings: list[tuple[str, float]] = field(default_factory=list)
    done: set[str] = field(default_factory=set)

    def data(self, install: str) -> Path:
        """The data folder of an install: tp, nv, ys, tp-restored, office."""
        return self.root / install

    def cchc(
        self,
        install: str,
        *args: str | Path,
        today: str,
        expect: int = 0,
        answer: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> Run:
        """Run `python -m cchc_tui --data-dir DATA --today DAY ARGS…`; check the exit code."""
        argv = ["--data-dir", str(self.data(install)), "--today", today, *map(str, args)]
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "cchc_tui", *argv],
            cwd=self.root,
            env={**self.env, **(env or {})},
            input=answer,
            stdin=subprocess.DEVNULL if answer is None else None,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
        run = Run(argv, proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - started)
        self.timings.append((" ".join(map(str, args[:2])), run.seconds))
        assert "Traceback" not in run.err, run.describe()
        assert run.code == expect, run.describe()
        if expect == 2:  # refused input: one `Lỗi:` line
            assert run.err.strip().splitlines()[-1].startswith("Lỗi:"), run.describe()
        return run


@pytest.fixture(scope="module")
def sc(tmp_path_factory) -> Scenario:
    root = tmp_path_factory.mktemp("scenario")
    home = root / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CCHC_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    (root / "pass.txt").write_text(PASSPHRASE + "\n", "utf-8")
    (root / "new-pass.txt").write_text(NEW_PASSPHRASE + "\n", "utf-8")
    (root / "mail").mkdir()  # what the agencies send to the office
    scenario = Scenario(root, env)
    yield scenario
    total = sum(seconds for _, seconds in scenario.timings)
    print(f"\n{len(scenario.timings)} cchc processes, {total:.1f} s in all")


STEPS: list[str] = []


def step(fn: Callable[[Scenario], None]) -> Callable[[Scenario], None]:
    """A scenario step: it runs only after every step defined before it has passed."""
    before = list(STEPS)
    STEPS.append(fn.__name__)

    @functools.wraps(fn)
    def run(sc: Scenario) -> None:
        missing = [name for name in before if name not in sc.done]
        if missing:
            pytest.skip(f"needs {missing[0]} first (it failed, or was not selected)")
        fn(sc)
        sc.done.add(fn.__name__)

    return run


def pass_file(sc: Scenario) -> list[str]:
    return ["--passphrase-file", str(sc.root / "pass.txt")]


def mail(sc: Scenario, path: str | Path, name: str | None = None) -> Path:
    """Copy a file an agency wrote into the office's mail folder."""
    source = Path(path.strip() if isinstance(path, str) else path)
    target = sc.root / "mail" / (name or source.name)
    shutil.copyfile(source, target)
    return target


def each(fn: Callable[[str], T], installs: tuple[str, ...] = ("tp", "nv", "ys")) -> list[T]:
    """`fn(install)` for independent installs at the same time (two cores: less waiting)."""
    with ThreadPoolExecutor(max_workers=len(installs)) as pool:
        return list(pool.map(fn, installs))


def verdicts(run: Run) -> list[tuple[str, int, str]]:
    return [(o["agency_id"], o["seq"], o["verdict"]) for o in run.json()]


# --- the agencies set up ---------------------------------------------------------------


@step
def test_01_init_three_agencies(sc):
    profiles = {
        "tp": ["--agency", TP, "--officer", "Nguyễn Văn An", "--title", "Chánh Văn phòng"],
        # by name, without diacritics; Sở Nội vụ's own reporting install, deadline the 12th
        "nv": ["--agency", "so noi vu", "--officer", "Lê Thị Bình", "--deadline-day", "12"],
        "ys": ["--agency", YS, "--officer", "Hoàng Văn Cường"],
    }
    tp, nv, ys = each(lambda i: sc.cchc(i, "init", *profiles[i], today="2025-03-03"))
    assert f"Đã lưu hồ sơ: Sở Tư pháp — Nguyễn Văn An. Dữ liệu: {sc.data('tp')}" in tp.out
    assert "Đã lưu hồ sơ: Sở Nội vụ — Lê Thị Bình." in nv.out
    assert "Đã lưu hồ sơ: Ủy ban nhân dân huyện Yên Sơn — Hoàng Văn Cường." in ys.out
    for install in ("tp", "nv", "ys"):
        assert (sc.data(install) / "cchc.sqlite3").is_file()
    sc.cchc("tp", "init", "--officer", "Không cơ quan", today="2025-03-03", expect=2)


@step
def test_02_agencies(sc):
    registry = sc.cchc("tp", "agencies", "--json", today="2025-03-03").json()
    by_id = {a["id"]: a for a in registry}
    assert by_id[TP]["kind"] == "department" and by_id[TP]["name"] == "Sở Tư pháp"
    assert by_id["so-ke-hoach-dau-tu"]["valid_to"] == "2025-02-28"  # merged on 1/3/2025
    run = sc.cchc("tp", "agencies", "--kind", "district", today="2025-03-03")
    lines = run.out.splitlines()
    # seven districts, each with its end date (under the name when the name is long)
    assert run.out.count("(đến 30/06/2025)") == 7 and all(len(line) <= 80 for line in lines)
    assert sum(1 for line in lines if not line.startswith(" ")) == 7
    assert any(line.startswith(YS) and "huyện Yên Sơn" in line for line in lines)


@step
def test_03_add_commune(sc):
    run = sc.cchc(
        "ys",
        "add-commune",
        "--district",
        "huyen yen son",
        "--name",
        "Xã Tân Long",
        today="2025-03-03",
    )
    assert f"(mã {COMMUNE}) thuộc {YS}" in run.out
    [commune] = sc.cchc("ys", "agencies", "--kind", "commune", "--json", today="2025-03-03").json()
    assert (commune["id"], commune["parent"], commune["kind"]) == (COMMUNE, YS, "commune")
    sc.cchc(
        "ys",
        "add-commune",
        "--district",
        "khong-co",
        "--name",
        "Xã A",
        today="2025-03-03",
        expect=2,
    )


@step
def test_04_periods(sc):
    periods = sc.cchc("nv", "periods", "--year", "2025", "--json", today="2025-03-03").json()
    assert [p["id"] for p in periods] == ["2025-Q1", "2025-H1", "2025-Q3", "2025-Y"]
    q1 = periods[0]
    assert (q1["start"], q1["end"], q1["current"]) == ("2024-12-15", "2025-03-14", True)
    assert q1["deadline"] == "2025-03-12"  # Sở Nội vụ's install set --deadline-day 12
    run = sc.cchc("tp", "periods", "--year", "2025", today="2025-03-03")
    [current] = [line for line in run.out.splitlines() if "kỳ hiện tại" in line]
    assert current.startswith("2025-Q1") and "hạn nộp 15/03/2025" in current
    run = sc.cchc("tp", "periods", "--year", "2025", today="2026-01-10")
    assert "đang tổng kết, kỳ cuối là 2025-Y" in " ".join(run.out.split())  # wrapped at 80


@step
def test_05_tasks(sc):
    plan = sc.cchc(
        "tp", "tasks", "--all", "--period", "2025-Q1", "--json", today="2025-03-03"
    ).json()
    assert len(plan) == 30 and all("roles" not in t for t in plan)
    own = sc.cchc("tp", "tasks", "--period", "2025-Q1", "--json", today="2025-03-03").json()
    assert own and all(t["roles"] for t in own)  # with a saved profile: the officer's tasks
    mine = sc.cchc(
        "tp", "tasks", "--agency", TP, "--period", "2025-Q1", "--json", today="2025-03-03"
    ).json()
    by_code = {t["code"]: t for t in mine}
    assert by_code["I.6"]["roles"] == ["lead"] and by_code["I.7"]["roles"] == ["partner"]
    assert by_code["III.2"]["due"] == "2025-03-15" and by_code["III.2"]["status"] is None
    run = sc.cchc("tp", "tasks", "--agency", "so tu phap", today="2025-03-03")
    assert run.out.startswith("Sở Tư pháp — Quý I/2025 (2025-Q1)")
    assert re.search(r"^I\.6 +Chủ trì +chưa báo cáo", run.out, re.M)


@step
def test_06_progress_set_and_show(sc):
    run = sc.cchc(
        "tp",
        "progress",
        "set",
        "--task",
        "I.6",
        "--period",
        "2025-Q1",
        "--status",
        "in_progress",
        "--progress",
        "40",
        "--result",
        "Đã ban hành kế hoạch tuyên truyền CCHC năm 2025",
        "--evidence",
        "12/KH-STP|06/01/2025|Kế hoạch tuyên truyền CCHC",
        today="2025-03-04",
    )
    assert run.out.strip() == "Đã lưu lần 1: I.6 kỳ 2025-Q1 — đang triển khai, 40%."
    run = sc.cchc(
        "tp",
        "progress",
        "set",
        "--task",
        "III.2",
        "--period",
        "2025-Q1",
        "--status",
        "done",
        "--progress",
        "100",
        "--result",
        "Công khai đầy đủ TTHC",
        "--indicator",
        "tthc_published=95/100",
        today="2025-03-04",
    )
    assert "Đã lưu lần 1: III.2 kỳ 2025-Q1 — hoàn thành, 100%." in run.out
    show = sc.cchc(
        "tp",
        "progress",
        "show",
        "--task",
        "I.6",
        "--period",
        "2025-Q1",
        "--json",
        today="2025-03-04",
    ).json()
    assert (show["agency_id"], show["task"], show["period"]) == (TP, "I.6", "2025-Q1")
    [rev] = show["revisions"]
    assert (rev["number"], rev["status"], rev["progress"], rev["author"]) == (
        1,
        "in_progress",
        40,
        "Nguyễn Văn An",
    )
    assert rev["evidence"][0]["number"] == "12/KH-STP"
    run = sc.cchc(
        "tp", "progress", "show", "--task", "III.2", "--period", "2025-Q1", today="2025-03-04"
    )
    assert "Lần 1" in run.out and "Kết quả: Công khai đầy đủ TTHC" in run.out
    task = {"nv": "I.3", "ys": "I.6"}
    half = ["--period", "2025-Q1", "--status", "in_progress", "--progress", "50"]
    each(
        lambda i: sc.cchc(i, "progress", "set", "--task", task[i], *half, today="2025-03-04"),
        ("nv", "ys"),
    )
    # a task that has no report in the period: refused, nothing written
    sc.cchc(
        "tp",
        "progress",
        "set",
        "--task",
        "I.1",
        "--period",
        "2025-Q1",
        "--status",
        "done",
        today="2025-03-04",
        expect=2,
    )


# --- keys -------------------------------------------------------------------------------


def fast_key_in_process(sc: Scenario, install: str, day: str) -> str:
    """Create the install's key here, sealed with argon2id's cheapest parameters.

    Only a test can do this: the parameters are written in the key file, so the
    subprocesses that unlock it later are fast, while nothing in the program (no option,
    no environment variable) weakens a real key file. Returns the fingerprint.
    """
    import datetime as dt

    from nacl.pwhash import argon2id

    from cchc_tui.domain.bundle import keys as key_files
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services import keys
    from cchc_tui.services.workspace import open_workspace

    ws = open_workspace(sc.data(install), Clock(dt.date.fromisoformat(day)))
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(key_files, "KDF_OPSLIMIT", argon2id.OPSLIMIT_MIN)
            patch.setattr(key_files, "KDF_MEMLIMIT", argon2id.MEMLIMIT_MIN)
            return keys.init_key(ws, AGENCY[install], PASSPHRASE).fingerprint
    finally:
        ws.db.close()


@step
def test_07_keys_init(sc):
    short = sc.root / "short.txt"
    short.write_text("ngan\n", "utf-8")
    run = sc.cchc("tp", "keys", "init", "--passphrase-file", short, today="2025-03-05", expect=2)
    assert "quá ngắn" in run.err and not list((sc.data("tp") / "keys").glob("*.key.json"))
    # Sở Tư pháp's key as an officer makes it: real argon2id cost
    run = sc.cchc("tp", "keys", "init", *pass_file(sc), today="2025-03-05")
    assert run.out.startswith("Đã tạo khóa sha256:")
    sc.facts["tp.fp"] = re.search(r"^Vân tay: (\S+)$", run.out, re.M).group(1)
    key_file = Path(re.search(r"^Tệp khóa: (.+)$", run.out, re.M).group(1))
    assert key_file.parent == sc.data("tp") / "keys" and key_file.is_file()
    kdf = json.loads(key_file.read_text("utf-8"))["kdf"]
    assert kdf["name"] == "argon2id" and kdf["memlimit"] >= 256 * 1024 * 1024
    assert PASSPHRASE.encode() not in key_file.read_bytes()
    sc.cchc("tp", "keys", "init", *pass_file(sc), today="2025-03-05", expect=2)  # has a key
    # the two other agencies' keys: made here, cheap to unlock (see fast_key_in_process)
    for install in ("nv", "ys"):
        sc.facts[f"{install}.fp"] = fast_key_in_process(sc, install, "2025-03-05")


@step
def test_08_keys_show(sc):
    def show(install: str) -> None:
        shown = sc.cchc(install, "keys", "show", "--json", today="2025-03-05").json()
        assert shown["agency_id"] == AGENCY[install]
        assert shown["fingerprint"] == sc.facts[f"{install}.fp"]
        assert shown["key_id"].startswith("sha256:") and len(shown["key_id"]) == 71
        sc.facts[f"{install}.key_id"] = shown["key_id"]

    each(show)
    run = sc.cchc("tp", "keys", "show", today="2025-03-05")
    assert f"Vân tay: {sc.facts['tp.fp']}" in run.out and "Cơ quan: so-tu-phap" in run.out


@step
def test_09_keys_enrol(sc):
    def enrol(install: str) -> None:
        out = sc.root / "mail" / f"{AGENCY[install]}.dang-ky-khoa.json"
        run = sc.cchc(install, "keys", "enrol", *pass_file(sc), "--out", out, today="2025-03-05")
        assert run.out.strip() == str(out)
        envelope = json.loads(out.read_text("utf-8"))
        assert "key-enrolment" in envelope["payloadType"]
        assert [s["keyid"] for s in envelope["signatures"]] == [sc.facts[f"{install}.key_id"]]
        sc.facts[f"{install}.enrolment"] = out

    each(enrol)
    wrong = sc.root / "wrong.txt"
    wrong.write_text("khong-dung-mat-khau\n", "utf-8")
    sc.cchc(
        "tp",
        "keys",
        "enrol",
        "--passphrase-file",
        wrong,
        "--out",
        sc.root / "x.json",
        today="2025-03-05",
        expect=2,
    )
    assert not (sc.root / "x.json").exists()


# --- export and verify ------------------------------------------------------------------


@step
def test_10_export_preview(sc):
    run = sc.cchc("tp", "export", "--period", "2025-Q1", "--preview", today="2025-03-10")
    lines = run.out.splitlines()
    assert lines[0] == "Sở Tư pháp — kỳ Quý I/2025 (2025-Q1)"
    assert lines[1] == f"Người ký: Nguyễn Văn An, Chánh Văn phòng · khóa {sc.facts['tp.fp']}"
    assert lines[2] == "Chưa xuất gói nào cho kỳ này."
    assert re.search(r"^  I\.6 +Chủ trì +đang triển khai +40%", run.out, re.M)
    assert re.search(r"^  III\.2 +Chủ trì +hoàn thành +100%", run.out, re.M)
    assert "Lưu ý: còn 19 nhiệm vụ chưa báo cáo" in run.out
    assert not (sc.data("tp") / "exports").exists() or not any(
        (sc.data("tp") / "exports").iterdir()
    )


@step
def test_11_export(sc):
    def tp() -> None:
        run = sc.cchc("tp", "export", "--period", "2025-Q1", *pass_file(sc), today="2025-03-10")
        path = Path(run.out.strip())
        assert path == sc.data("tp") / "exports" / "so-tu-phap_2025-Q1_0001.json"
        assert "Lưu ý: còn 19 nhiệm vụ chưa báo cáo" in run.err
        envelope = json.loads(path.read_bytes())
        assert [s["keyid"] for s in envelope["signatures"]] == [sc.facts["tp.key_id"]]
        sc.facts["tp.q1.1"] = mail(sc, path)
        # exporting an unchanged period again writes the very same bytes, same seq
        again = sc.cchc("tp", "export", "--period", "2025-Q1", *pass_file(sc), today="2025-03-10")
        assert Path(again.out.strip()) == path
        assert path.read_bytes() == sc.facts["tp.q1.1"].read_bytes()
        # Sở Tư pháp's data folder as it is now, for the "restored backup" of step 17
        shutil.copytree(sc.data("tp"), sc.data("tp-restored"))

    def ys() -> None:  # into a folder of the officer's choice
        out_dir = sc.root / "outbox-ys"
        run = sc.cchc(
            "ys",
            "export",
            "--period",
            "2025-Q1",
            *pass_file(sc),
            "--out",
            out_dir,
            today="2025-03-10",
        )
        assert Path(run.out.strip()) == out_dir / "huyen-yen-son_2025-Q1_0001.json"
        sc.facts["ys.q1.1"] = mail(sc, out_dir / "huyen-yen-son_2025-Q1_0001.json")

    def nv() -> None:
        run = sc.cchc("nv", "export", "--period", "2025-Q1", *pass_file(sc), today="2025-03-10")
        sc.facts["nv.q1.1"] = mail(sc, run.out)
        assert sc.facts["nv.q1.1"].name == "so-noi-vu_2025-Q1_0001.json"

    each(lambda install: {"tp": tp, "nv": nv, "ys": ys}[install]())
    # without a passphrase and no terminal: refused, told how to give one
    run = sc.cchc("nv", "export", "--period", "2025-H1", today="2025-03-10", expect=2)
    assert "--passphrase-file" in run.err


@step
def test_12_verify(sc):
    from synthetic import tamper

    run = sc.cchc(
        "tp", "verify", sc.facts["tp.q1.1"], "--key", sc.facts["tp.enrolment"], today="2025-03-10"
    )
    assert run.out.startswith("HỢP LỆ: gói báo cáo của Sở Tư pháp (so-tu-phap), kỳ Quý I/2025")
    assert f"số thứ tự 1, khóa {sc.facts['tp.fp']}" in run.out
    # the folder of every enrolment the office received
    keyring_dir = sc.root / "keyring"
    keyring_dir.mkdir()
    for install in ("tp", "nv", "ys"):
        shutil.copy(sc.facts[f"{install}.enrolment"], keyring_dir)
    run = sc.cchc("nv", "verify", sc.facts["ys.q1.1"], "--keyring", keyring_dir, today="2025-03-10")
    assert run.out.startswith("HỢP LỆ") and "huyen-yen-son" in run.out
    # signed by another agency's key, and tampered with: exit 1, not valid
    run = sc.cchc(
        "tp",
        "verify",
        sc.facts["tp.q1.1"],
        "--key",
        sc.facts["nv.enrolment"],
        today="2025-03-10",
        expect=1,
    )
    assert not run.out.startswith("HỢP LỆ")
    tampered = sc.root / "tampered.json"
    tampered.write_bytes(tamper(sc.facts["tp.q1.1"].read_bytes()))
    run = sc.cchc(
        "tp", "verify", tampered, "--key", sc.facts["tp.enrolment"], today="2025-03-10", expect=1
    )
    assert not run.out.startswith("HỢP LỆ")


# --- the receiving office -----------------------------------------------------------------


@step
def test_13_receiver_init(sc):
    run = sc.cchc(
        "office", "init", "--receiver", "--officer", "Trần Thị Tổng Hợp", today="2025-03-11"
    )
    assert "Đã bật chức năng tiếp nhận, tổng hợp của Sở Nội vụ — cán bộ: Trần Thị Tổng Hợp." in (
        run.out
    )
    run = sc.cchc(
        "office",
        "receiver",
        "init",
        "--officer",
        "Trần Thị Tổng Hợp",
        "--title",
        "Chuyên viên",
        today="2025-03-11",
    )
    assert "Đã bật chức năng tổng hợp của Sở Nội vụ" in run.out
    assert "cchc keyring add" in run.out
    run = sc.cchc(
        "office",
        "add-commune",
        "--district",
        YS,
        "--name",
        "Xã Tân Long",
        today="2025-03-11",
    )
    assert f"(mã {COMMUNE})" in run.out  # the same id as on the district's install


@step
def test_14_keyring_add(sc):
    # nobody to answer and no --yes: the way out, nothing registered
    run = sc.cchc(
        "office", "keyring", "add", sc.facts["tp.enrolment"], today="2025-03-11", expect=2
    )
    assert f"Vân tay: {sc.facts['tp.fp']}" in run.out and "--yes" in run.err
    assert sc.cchc("office", "keyring", "list", "--json", today="2025-03-11").json() == []
    # the clerk answers "k": not registered
    run = sc.cchc(
        "office",
        "keyring",
        "add",
        sc.facts["tp.enrolment"],
        today="2025-03-11",
        answer="k\n",
        expect=1,
    )
    assert "Chưa đăng ký khóa." in run.out
    for install, name in (("tp", "Sở Tư pháp"), ("nv", "Sở Nội vụ"), ("ys", "huyện Yên Sơn")):
        run = sc.cchc(
            "office",
            "keyring",
            "add",
            sc.facts[f"{install}.enrolment"],
            "--yes",
            today="2025-03-11",
        )
        assert f"Vân tay: {sc.facts[f'{install}.fp']}" in run.out
        assert f"Đã đăng ký khóa {sc.facts[f'{install}.fp']} cho " in run.out and name in run.out
    run = sc.cchc("office", "keyring", "add", sc.facts["tp.enrolment"], "--yes", today="2025-03-11")
    assert "đã được đăng ký: không có gì thay đổi" in run.out


@step
def test_15_keyring_list(sc):
    keys = sc.cchc("office", "keyring", "list", "--json", today="2025-03-11").json()
    assert {k["agency_id"]: (k["fingerprint"], k["status"]) for k in keys} == {
        TP: (sc.facts["tp.fp"], "active"),
        NV: (sc.facts["nv.fp"], "active"),
        YS: (sc.facts["ys.fp"], "active"),
    }
    run = sc.cchc("office", "keyring", "list", today="2025-03-11")
    assert re.search(
        rf"^{TP} +{sc.facts['tp.fp']}  đang dùng  \(đăng ký 2025-03-11\)", run.out, re.M
    )


@step
def test_16_import_and_submissions(sc):
    files = [sc.facts[k] for k in ("tp.q1.1", "nv.q1.1", "ys.q1.1")]
    run = sc.cchc("office", "import", *files, today="2025-03-11")
    assert run.out.strip().splitlines()[-1] == "3 tệp — nhận: 3"
    again = sc.cchc("office", "import", "--json", *files, today="2025-03-11")
    assert verdicts(again) == [(TP, 1, "duplicate"), (NV, 1, "duplicate"), (YS, 1, "duplicate")]
    grid = sc.cchc("office", "submissions", "--period", "2025-Q1", "--json", today="2025-03-16")
    cells = {row["agency_id"]: row["cells"][0] for row in grid.json()}
    for agency in (TP, NV, YS):
        assert (cells[agency]["status"], cells[agency]["seq"]) == ("on_time", 1), agency
    assert cells["so-y-te"]["status"] == "missing" and cells["so-y-te"]["seq"] is None
    assert COMMUNE in cells  # the commune the office added must report too
    run = sc.cchc(
        "office", "submissions", "--period", "2025-Q1", "--kind", "district", today="2025-03-16"
    )
    lines = run.out.splitlines()
    assert lines[0].startswith("Cơ quan") and "2025-Q1" in lines[0] and len(lines) == 8
    assert any("Yên Sơn" in line and "đúng hạn" in line for line in lines)


# --- a fork, decided by the office ----------------------------------------------------------


def i6_done(report_md: str) -> int:
    """How many agencies the report counts as done on I.6 (lead)."""
    return int(re.search(r"^\| I\.6 \| (\d+)/\d+ hoàn thành", report_md, re.M).group(1))


@step
def test_17_fork_from_a_restored_data_folder(sc):
    done = ["--task", "I.6", "--period", "2025-Q1", "--status", "done", "--progress", "100"]
    sc.cchc("tp", "progress", "set", *done, "--result", "Hoàn thành", today="2025-03-12")
    run = sc.cchc("tp", "export", "--period", "2025-Q1", *pass_file(sc), today="2025-03-12")
    assert Path(run.out.strip()).name == "so-tu-phap_2025-Q1_0002.json"
    sc.facts["tp.q1.2"] = mail(sc, run.out)
    # the copy from before that export knows only seq 1: its next export is another seq 2
    half = ["--task", "I.6", "--period", "2025-Q1", "--status", "in_progress", "--progress", "60"]
    sc.cchc("tp-restored", "progress", "set", *half, "--result", "Đang làm", today="2025-03-13")
    run = sc.cchc(
        "tp-restored", "export", "--period", "2025-Q1", *pass_file(sc), today="2025-03-13"
    )
    assert Path(run.out.strip()).name == "so-tu-phap_2025-Q1_0002.json"
    fork = mail(sc, run.out, "ban-khoi-phuc_so-tu-phap_2025-Q1_0002.json")
    assert fork.read_bytes() != sc.facts["tp.q1.2"].read_bytes()
    run = sc.cchc("office", "import", "--json", sc.facts["tp.q1.2"], fork, today="2025-03-14")
    assert verdicts(run) == [(TP, 2, "accepted"), (TP, 2, "fork")]
    assert "cchc receiver forks" in run.json()[1]["reason"]
    report = sc.root / "before-decision.md"
    sc.cchc("office", "report", "--period", "2025-Q1", "--md", report, today="2025-03-14")
    assert i6_done(report.read_text("utf-8")) == 1  # the accepted seq 2 says done


@step
def test_18_receiver_forks(sc):
    [held] = sc.cchc("office", "receiver", "forks", "--json", today="2025-03-14").json()
    assert (held["agency_id"], held["period"], held["seq"], held["state"]) == (
        TP,
        "2025-Q1",
        2,
        "fork",
    )
    assert held["fingerprint"] == sc.facts["tp.fp"]
    sc.facts["fork"] = held["body_sha256"]
    run = sc.cchc("office", "receiver", "forks", today="2025-03-14")
    assert run.out.startswith(held["body_sha256"][:16]) and f"{TP}  2025-Q1  số 2" in run.out


@step
def test_19_receiver_decide(sc):
    bundle = str(sc.facts["fork"])[:12]
    run = sc.cchc(
        "office",
        "receiver",
        "decide",
        bundle,
        "--use",
        "--note",
        "Công văn 15/STP: bản khôi phục là bản đúng",
        today="2025-03-14",
    )
    assert run.out.startswith(f"Gói {str(sc.facts['fork'])[:16]} của Sở Tư pháp:")
    assert sc.cchc("office", "receiver", "forks", "--json", today="2025-03-14").json() == []
    run = sc.cchc("office", "receiver", "forks", today="2025-03-14")
    assert "Không có gói rẽ nhánh nào chờ quyết định." in run.out
    sc.cchc(
        "office",
        "receiver",
        "decide",
        bundle,
        "--set-aside",
        "--note",
        "x",
        today="2025-03-14",
        expect=2,
    )
    report = sc.root / "after-decision.md"
    sc.cchc("office", "report", "--period", "2025-Q1", "--md", report, today="2025-03-14")
    assert i6_done(report.read_text("utf-8")) == 0  # the fork in use says in progress


# --- a replay, and the bundle resent --------------------------------------------------------


@step
def test_20_export_resend_after_a_replay(sc):
    changed = ["--task", "I.3", "--period", "2025-Q1", "--status", "done", "--progress", "100"]
    sc.cchc("nv", "progress", "set", *changed, "--result", "Đã ban hành", today="2025-03-12")
    q1 = sc.cchc("nv", "export", "--period", "2025-Q1", *pass_file(sc), today="2025-03-12")
    assert Path(q1.out.strip()).name == "so-noi-vu_2025-Q1_0002.json"
    h1 = sc.cchc("nv", "export", "--period", "2025-H1", *pass_file(sc), today="2025-06-05")
    assert Path(h1.out.strip()).name == "so-noi-vu_2025-H1_0003.json"
    # the H1 bundle arrives first; the Q1 one, older, arrives after it: a replay, refused
    run = sc.cchc("office", "import", "--json", mail(sc, h1.out), today="2025-06-06")
    assert verdicts(run) == [(NV, 3, "gap")]
    run = sc.cchc("office", "import", "--json", mail(sc, q1.out), today="2025-06-06", expect=1)
    assert verdicts(run) == [(NV, 2, "replay")]
    # the agency signs the same Q1 state again under the next seq
    run = sc.cchc(
        "nv", "export", "--period", "2025-Q1", "--resend", *pass_file(sc), today="2025-06-06"
    )
    resent = Path(run.out.strip())
    assert resent.name == "so-noi-vu_2025-Q1_0004.json"
    run = sc.cchc("office", "import", "--json", mail(sc, resent), today="2025-06-06")
    assert verdicts(run) == [(NV, 4, "accepted")]


# --- key rotation ---------------------------------------------------------------------------


@step
def test_21_keys_rotate(sc):
    statement = sc.root / "mail" / "so-noi-vu.doi-khoa.json"
    run = sc.cchc(
        "nv",
        "keys",
        "rotate",
        *pass_file(sc),
        "--new-passphrase-file",
        sc.root / "new-pass.txt",
        "--out",
        statement,
        "--reason",
        "Thay máy tính",
        today="2025-06-10",
    )
    new_fp = re.search(r"\(vân tay (\S+)\)", run.out).group(1)
    assert new_fp != sc.facts["nv.fp"] and str(statement) in run.out and statement.is_file()
    shown = sc.cchc("nv", "keys", "show", "--json", today="2025-06-10").json()
    assert shown["fingerprint"] == new_fp
    sc.facts["nv.new_fp"] = new_fp
    sc.facts["nv.rotation"] = statement


@step
def test_22_keyring_rotate(sc):
    statement = sc.facts["nv.rotation"]
    before = sc.cchc("office", "keyring", "list", "--json", today="2025-06-11").json()
    run = sc.cchc("office", "keyring", "rotate", statement, today="2025-06-11", expect=2)
    assert f"Khóa cũ: {sc.facts['nv.fp']}" in run.out
    assert f"Khóa mới: {sc.facts['nv.new_fp']}" in run.out and "Lý do: Thay máy tính" in run.out
    assert "--yes" in run.err
    run = sc.cchc(
        "office", "keyring", "rotate", statement, today="2025-06-11", answer="k\n", expect=1
    )
    assert "Chưa nhận đổi khóa." in run.out
    assert sc.cchc("office", "keyring", "list", "--json", today="2025-06-11").json() == before
    run = sc.cchc("office", "keyring", "rotate", statement, "--yes", today="2025-06-11")
    assert (
        f"Đã nhận đổi khóa của Sở Nội vụ: khóa mới {sc.facts['nv.new_fp']}"
        f" (thay khóa {sc.facts['nv.fp']})." in run.out
    )
    keys = sc.cchc("office", "keyring", "list", "--json", today="2025-06-11").json()
    nv = {k["fingerprint"]: k["status"] for k in keys if k["agency_id"] == NV}
    assert nv == {sc.facts["nv.fp"]: "retired", sc.facts["nv.new_fp"]: "active"}
    # a bundle signed with the new key is accepted
    sc.cchc(
        "nv",
        "progress",
        "set",
        "--task",
        "I.3",
        "--period",
        "2025-H1",
        "--status",
        "done",
        "--progress",
        "100",
        today="2025-06-11",
    )
    run = sc.cchc(
        "nv",
        "export",
        "--period",
        "2025-H1",
        "--passphrase-file",
        sc.root / "new-pass.txt",
        today="2025-06-11",
    )
    run = sc.cchc("office", "import", "--json", mail(sc, run.out), today="2025-06-12")
    assert verdicts(run) == [(NV, 5, "accepted")]
    assert sc.facts["nv.new_fp"] in run.json()[0]["reason"]


# --- revocation -----------------------------------------------------------------------------


@step
def test_23_keyring_revoke(sc):
    revoke = [
        "keyring",
        "revoke",
        YS,
        "--reason",
        "Mất máy tính",
        "--date",
        "2025-06-15",
    ]
    run = sc.cchc("office", *revoke, today="2025-06-16", expect=2)
    assert f"Ủy ban nhân dân huyện Yên Sơn ({YS}) — khóa {sc.facts['ys.fp']}" in run.out
    assert "Từ ngày 15/06/2025" in run.out and "Lý do: Mất máy tính" in run.out
    assert "--yes" in run.err
    run = sc.cchc("office", *revoke, today="2025-06-16", answer="k\n", expect=1)
    assert "Chưa thu hồi khóa." in run.out
    keys = sc.cchc("office", "keyring", "list", "--json", today="2025-06-16").json()
    assert next(k for k in keys if k["agency_id"] == YS)["status"] == "active"
    run = sc.cchc("office", *revoke, "--yes", today="2025-06-16")
    assert f"Đã thu hồi khóa {sc.facts['ys.fp']} của Ủy ban nhân dân huyện Yên Sơn" in run.out
    run = sc.cchc("office", "keyring", "list", today="2025-06-16")
    assert re.search(rf"^{YS} .*đã thu hồi .*thu hồi từ 2025-06-15: Mất máy tính", run.out, re.M)
    # the district's next bundle is refused; what was accepted before stays
    run = sc.cchc("ys", "export", "--period", "2025-H1", *pass_file(sc), today="2025-06-16")
    run = sc.cchc(
        "office",
        "import",
        "--json",
        mail(sc, run.out),
        sc.facts["ys.q1.1"],
        today="2025-06-17",
        expect=1,
    )
    assert verdicts(run) == [(YS, 2, "rejected"), (YS, 1, "duplicate")]
    assert "thu hồi" in run.json()[0]["reason"]
    sc.cchc("office", *revoke, "--yes", today="2025-06-17", expect=2)  # nothing left to revoke


# --- the report -----------------------------------------------------------------------------


@step
def test_24_report(sc):
    xlsx, md = sc.root / "tong-hop-2025-Q1.xlsx", sc.root / "tong-hop-2025-Q1.md"
    run = sc.cchc(
        "office", "report", "--period", "2025-Q1", "--xlsx", xlsx, "--md", md, today="2025-06-20"
    )
    assert run.out.splitlines() == [str(xlsx), str(md)]
    text = md.read_text("utf-8")
    assert text.startswith("# Tổng hợp báo cáo CCHC — Quý I/2025 (Kế hoạch 56/KH-UBND)")
    missing = re.search(r"^- Cơ quan chưa nộp: (.*)$", text, re.M).group(1)
    assert "Sở Tư pháp" not in missing and "Sở Y tế" in missing
    assert re.search(
        r"^\| TTHC được công bố, công khai đúng quy định \|.*\| 95% \| 95/100 \| 1 \|", text, re.M
    )
    with zipfile.ZipFile(xlsx) as book:
        assert "xl/workbook.xml" in book.namelist()
    from openpyxl import load_workbook

    sheets = load_workbook(xlsx, read_only=True).sheetnames
    assert sheets
    run = sc.cchc("office", "report", "--period", "2025-Q1", today="2025-06-20", expect=2)
    assert "--xlsx" in run.err


# --- the app, on both kinds of install -------------------------------------------------------


def painted(run: Run) -> str:
    """What the app drew (textual writes the screen to stderr), escape sequences removed."""
    return re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z]", "", run.err + run.out)


@step
def test_25_app_on_an_agency_install(sc):
    run = sc.cchc("tp", today="2025-06-20", env={"CCHC_EXIT_AFTER_PAINT": "1"}, timeout=60)
    screen = painted(run)
    assert "Sở Tư pháp" in screen and "I.6" in screen, run.describe()


@step
def test_26_app_on_the_receiving_install(sc):
    run = sc.cchc("office", today="2025-06-20", env={"CCHC_EXIT_AFTER_PAINT": "1"}, timeout=60)
    assert "Tình hình nộp" in painted(run), run.describe()
