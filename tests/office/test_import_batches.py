"""Import commits verified bundles in batches: each file is still all or nothing, and the
files placed before an interruption are kept, so the import can simply be run again."""

from __future__ import annotations

import pytest

from cchc_tui.store import office_writes

from .conftest import run_import


@pytest.fixture
def four_bundles(sender):
    for agency in ("so-noi-vu", "so-tu-phap"):
        s = sender(agency)
        for period, day in (("2025-Q1", "2025-03-10"), ("2025-H1", "2025-06-10")):
            s.send(period, day)


@pytest.mark.usefixtures("four_bundles")
def test_a_bundle_cut_off_midway_leaves_nothing_the_ones_before_it_stay(office, inbox, monkeypatch):
    real_insert, calls = office_writes.insert_bundle, []

    def insert_then_interrupt(*args, **kwargs):
        real_insert(*args, **kwargs)
        calls.append(1)
        if len(calls) == 3:  # the third bundle's row is written, its file not finished
            raise KeyboardInterrupt

    monkeypatch.setattr(office_writes, "insert_bundle", insert_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        run_import(office, inbox)
    with office.db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM received_bundle").fetchone()[0] == 2
    monkeypatch.setattr(office_writes, "insert_bundle", real_insert)
    outcomes = run_import(office, inbox)
    assert sorted(o.verdict for o in outcomes) == ["accepted", "accepted", "duplicate", "duplicate"]
