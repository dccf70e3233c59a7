"""Two copies writing at once, and a writer killed mid-transaction."""

import subprocess
import sys
import textwrap

from cchc_tui.services import progress

WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from cchc_tui.domain.clock import Clock
    from cchc_tui.domain.progress import RawEntry
    from cchc_tui.services import progress
    from cchc_tui.services.workspace import open_workspace
    import datetime as dt

    ws = open_workspace(Path(sys.argv[1]), Clock(dt.date(2025, 3, 10)))
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    mode, count = sys.argv[2], int(sys.argv[3])
    if mode == "hang":
        from cchc_tui.store.models import Setting
        with ws.db.session() as session:
            session.add(Setting(key="uncommitted", value="x"))
            session.flush()
            print("IN_TX", flush=True)
            time.sleep(60)
    for i in range(count):
        progress.record_progress(
            ws, slot, RawEntry(status="in_progress", progress=str(i % 100)), f"{mode}-{i}"
        )
        print(f"ACK {mode}-{i}", flush=True)
    """
)


def _writer(data_dir, mode: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), mode, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writers_at_once_both_succeed_without_losing_a_save(ws):
    procs = [_writer(ws.data_dir, name, 25) for name in ("a", "b")]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    history = progress.slot_history(ws, slot)
    assert [r.number for r in history] == list(range(1, 51))
    assert {r.author for r in history} == {f"{m}-{i}" for m in "ab" for i in range(25)}


def test_writer_killed_mid_transaction_leaves_intact_db_with_every_acknowledged_save(ws):
    proc = _writer(ws.data_dir, "loop", 400)
    acked = []
    for line in proc.stdout:
        acked.append(line.split()[1])
        if len(acked) == 15:
            proc.kill()  # somewhere inside the 16th save, or between saves
            break
    proc.wait(timeout=30)
    hang = _writer(ws.data_dir, "hang", 0)
    assert hang.stdout.readline().strip() == "IN_TX"
    hang.kill()  # certainly mid-transaction
    hang.wait(timeout=30)
    ws.db.close()
    with ws.db.read() as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            conn.execute("SELECT count(*) FROM setting WHERE key='uncommitted'").fetchone()[0] == 0
        )
    slot = progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")
    saved = {r.author for r in progress.slot_history(ws, slot)}
    assert set(acked) <= saved
