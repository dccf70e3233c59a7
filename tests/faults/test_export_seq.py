"""Export under failure: a seq is never lost (no gap the office can never fill) and never
signed twice with different content (no fork), whatever point the program dies at."""

from __future__ import annotations

import errno
import hashlib
import json
import subprocess
import sys
import textwrap

import pytest

from cchc_tui.domain.bundle.canonical import b64decode_canonical
from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import export, faults, keys, progress
from cchc_tui.services.errors import NotWrittenError
from cchc_tui.services.office import keyring
from cchc_tui.services.office.importer import import_files
from cchc_tui.services.office.profile import save_office_profile
from cchc_tui.store import files

from .conftest import PHRASE


@pytest.fixture
def keyed(ws):
    keys.init_key(ws, "so-noi-vu", PHRASE)
    return ws


def _save(ws, pct: str) -> None:
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    progress.record_progress(
        ws, slot, RawEntry(status="in_progress", progress=pct, result="Đang làm"), "A"
    )


def _body(raw: bytes) -> dict:
    return json.loads(b64decode_canonical(json.loads(raw)["payload"]))


def _chain(*folders) -> dict[int, set[bytes]]:
    """Every bundle file written into `folders`, by seq: the set of distinct contents."""
    found: dict[int, set[bytes]] = {}
    for folder in folders:
        for path in folder.glob("*.json") if folder.exists() else []:
            raw = path.read_bytes()
            found.setdefault(_body(raw)["seq"], set()).add(raw)
    return found


def _assert_no_gap_no_fork(found: dict[int, set[bytes]]) -> None:
    assert sorted(found) == list(range(1, len(found) + 1))  # no gap
    assert all(len(versions) == 1 for versions in found.values())  # no fork
    prev = "0" * 64
    for seq in sorted(found):
        [raw] = found[seq]
        assert _body(raw)["prev_sha256"] == prev
        prev = hashlib.sha256(b64decode_canonical(json.loads(raw)["payload"])).hexdigest()


def test_a_failed_file_write_keeps_its_seq_and_the_next_export_writes_it_first(
    keyed, tmp_path, monkeypatch
):
    _save(keyed, "40")
    out = tmp_path / "out"

    def disk_full(path, data, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(files, "atomic_write_bytes", disk_full)
    with pytest.raises(NotWrittenError) as failed:
        export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, out)
    fault = faults.describe(failed.value, keyed.data_dir)
    assert fault.exit_code == 3
    assert "đã đầy" in fault.message and "Gói số 1 đã được ký và lưu" in fault.message
    monkeypatch.undo()

    _save(keyed, "60")  # the officer edits before exporting again
    result = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, out)
    assert (result.seq, result.earlier) == (2, out / "so-noi-vu_2025-Q1_0001.json")
    found = _chain(out)
    _assert_no_gap_no_fork(found)
    assert _body(next(iter(found[1])))["records"] != _body(next(iter(found[2])))["records"]

    # the office takes both, in any order, without a gap
    save_office_profile(keyed, "Nguyễn Thị Tổng Hợp", "Chuyên viên")
    enrolment = keys.write_enrolment(keyed, "so-noi-vu", PHRASE, tmp_path / "enrol.json", "A")
    keyring.add_enrolment(keyed, keyring.preview_enrolment(keyed, enrolment.read_bytes()))
    outcomes = import_files(keyed, [result.path, result.earlier])
    assert [o.verdict for o in outcomes] == ["accepted", "accepted"]
    assert export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, out).earlier is None


CRASH = textwrap.dedent(
    """
    import os, sys, datetime as dt
    from pathlib import Path
    import cchc_tui.domain.bundle.body as body
    import cchc_tui.store.exports as exports
    import cchc_tui.store.files as files
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services import export
    from cchc_tui.services.workspace import open_workspace

    def die(*args, **kwargs):
        os._exit(9)

    def then_die(real):
        def wrapped(*args, **kwargs):
            real(*args, **kwargs)
            os._exit(9)
        return wrapped

    def half_then_die(path, data, **kwargs):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).with_name("." + Path(path).name + ".crash.tmp").write_bytes(data[:99])
        os._exit(9)

    point = sys.argv[4]
    if point == "signing":
        body.sign_bundle = die
    elif point == "before-commit":
        exports.ExportChain.append = then_die(exports.ExportChain.append)
    elif point == "after-commit":
        files.atomic_write_bytes = die
    elif point == "mid-write":
        files.atomic_write_bytes = half_then_die
    elif point == "after-rename":
        files.atomic_write_bytes = then_die(files.atomic_write_bytes)
    elif point == "after-mark":
        exports.mark_written = then_die(exports.mark_written)
    ws = open_workspace(Path(sys.argv[1]), Clock(dt.date(2025, 3, 10)))
    export.export_period(ws, "so-noi-vu", "2025-Q1", sys.argv[3], Path(sys.argv[2]))
    """
)
POINTS = ["signing", "before-commit", "after-commit", "mid-write", "after-rename", "after-mark"]


@pytest.mark.parametrize("point", POINTS)
def test_killed_at_any_point_no_seq_is_lost_or_signed_twice(keyed, tmp_path, point):
    _save(keyed, "40")
    first, second = tmp_path / "first", tmp_path / "second"
    proc = subprocess.run(
        [sys.executable, "-c", CRASH, str(keyed.data_dir), str(first), PHRASE, point],
        capture_output=True,
    )
    assert proc.returncode == 9, proc.stderr.decode()
    keyed.db.close()  # the killed process's connection is gone; start as a new run would
    _save(keyed, "60")  # the state changes: re-signing seq 1 now would make a fork
    again = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, second)
    unchanged = export.export_period(keyed, "so-noi-vu", "2025-Q1", PHRASE, first)
    assert unchanged.replayed and unchanged.seq == again.seq
    found = _chain(first, second)
    _assert_no_gap_no_fork(found)
    committed = point not in ("signing", "before-commit")
    assert again.seq == (2 if committed else 1)
    assert (again.earlier is not None) == (point in ("after-commit", "mid-write", "after-rename"))
