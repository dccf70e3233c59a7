"""Import of emailed bundles: every chain verdict, every kind of bad file, idempotence."""

import json
import shutil

import pytest
from synthetic import tamper

from cchc_tui.cli.main import main
from cchc_tui.domain.bundle import strictjson
from cchc_tui.services.office import chain

from .conftest import run_import, table_dump


def _verdicts(outcomes):
    return [(o.agency_id, o.seq, o.verdict) for o in outcomes]


def test_chain_verdicts_accepted_duplicate_gap_fork_replay(office, sender, inbox, tmp_path):
    nv = sender("so-noi-vu")
    first = nv.send("2025-Q1", "2025-03-10")
    assert _verdicts(run_import(office, first)) == [("so-noi-vu", 1, "accepted")]
    assert _verdicts(run_import(office, first)) == [("so-noi-vu", 1, "duplicate")]
    second = nv.send("2025-Q1", "2025-03-12")
    nv.send("2025-H1", "2025-06-10")  # seq 3: lost in the mail
    after_three = nv.signer.prev
    fourth = nv.send("2025-Q3", "2025-09-10")
    outcomes = run_import(office, second, fourth)
    assert _verdicts(outcomes) == [("so-noi-vu", 2, "accepted"), ("so-noi-vu", 4, "gap")]
    assert "số 3" in outcomes[1].reason
    # seq 4 again with other content (say, from a restored backup): held, not applied
    nv.signer.seq, nv.signer.prev = 3, after_three
    fork = nv.send("2025-Q3", "2025-09-11", name="fork.json")
    assert _verdicts(run_import(office, fork)) == [("so-noi-vu", 4, "fork")]
    with office.db.read() as conn:
        states = sorted(
            r[0] for r in conn.execute("SELECT state FROM received_bundle WHERE seq = 4")
        )
    assert states == ["accepted", "fork"]
    assert _verdicts(run_import(office, fork)) == [("so-noi-vu", 4, "fork")]  # still held
    # seq 3 arriving after seq 4: an older seq, rejected as a replay
    nv.signer.seq = 2
    replay = nv.send("2025-H1", "2025-06-11", name="replay.json")
    assert _verdicts(run_import(office, replay)) == [("so-noi-vu", 3, "replay")]


def test_files_are_applied_in_seq_order_whatever_their_names(office, sender, inbox):
    nv = sender("so-noi-vu")
    paths = [nv.send(p, d) for p, d in (("2025-Q1", "2025-03-10"), ("2025-H1", "2025-06-10"))]
    # file names sort H1 before Q1; the chain still goes 1, 2
    assert sorted(p.name for p in paths)[0].endswith("H1_0002.json")
    outcomes = run_import(office, inbox)
    assert sorted(_verdicts(outcomes)) == [
        ("so-noi-vu", 1, "accepted"),
        ("so-noi-vu", 2, "accepted"),
    ]


@pytest.mark.parametrize(
    ("make_bad", "code_words"),
    [
        (lambda good, other, enrolment: tamper(good), "chữ ký không khớp"),
        (lambda good, other, enrolment: good[: len(good) // 2], "JSON"),
        (lambda good, other, enrolment: b"", "JSON"),
        (lambda good, other, enrolment: enrolment, "tệp đăng ký khóa"),
        (lambda good, other, enrolment: other, "chưa đăng ký"),
        (lambda good, other, enrolment: b"\xff\xfe" + good, "UTF-8"),
    ],
    ids=["tampered", "truncated", "empty", "enrolment-as-bundle", "unknown-key", "bad-utf8"],
)
def test_bad_files_are_rejected_with_a_reason_and_never_stop_the_rest(
    office, sender, inbox, make_bad, code_words
):
    nv = sender("so-noi-vu")
    stranger = sender("so-tu-phap", enrol=False)
    good = nv.send("2025-Q1", "2025-03-10")
    other = stranger.send("2025-Q1", "2025-03-10")
    other_bytes = other.read_bytes()
    other.unlink()
    bad = inbox / "a-bad.json"
    bad.write_bytes(make_bad(good.read_bytes(), other_bytes, nv.enrolment()))
    outcomes = run_import(office, inbox)
    by_name = {o.file.rsplit("/", 1)[-1]: o for o in outcomes}
    assert by_name["a-bad.json"].verdict == "rejected"
    assert code_words in by_name["a-bad.json"].reason
    assert by_name[good.name].verdict == "accepted"


def test_a_bundle_signed_with_another_agencys_key_is_rejected(office, sender, inbox):
    nv = sender("so-noi-vu")
    tp = sender("so-tu-phap")
    # Sở Tư pháp's program signs a body claiming to be Sở Nội vụ
    tp.signer.agency = nv.agency
    forged = tp.send("2025-Q1", "2025-03-10", name="forged.json")
    [outcome] = run_import(office, forged)
    assert outcome.verdict == "rejected" and "khóa đã đăng ký cho 'so-tu-phap'" in outcome.reason


def test_an_oversized_file_is_rejected_without_reading_it_all(office, inbox):
    big = inbox / "big.json"
    with big.open("wb") as handle:
        handle.truncate(strictjson.MAX_BYTES + 1)
    [outcome] = run_import(office, big)
    assert outcome.verdict == "rejected" and "quá lớn" in outcome.reason


def test_reimporting_the_same_folder_changes_nothing(office, sender, inbox):
    for agency in ("so-noi-vu", "so-tu-phap", "huyen-yen-son"):
        s = sender(agency)
        s.send("2025-Q1", "2025-03-10")
        s.send("2025-Q1", "2025-03-12")
    (inbox / "junk.json").write_bytes(b"{not json")
    first = run_import(office, inbox)
    before = table_dump(office)
    again = run_import(office, inbox)
    assert table_dump(office) == before
    assert {o.verdict for o in again} == {"duplicate", "rejected"}
    assert [o.verdict for o in first if o.file.endswith("junk.json")] == ["rejected"]


def test_an_interrupted_import_can_simply_be_run_again(
    office, sender, inbox, tmp_path, monkeypatch
):
    for agency in ("so-noi-vu", "so-tu-phap"):
        s = sender(agency)
        for period, day in (("2025-Q1", "2025-03-10"), ("2025-H1", "2025-06-10")):
            s.send(period, day)
    real_apply, calls = chain.apply_to_chain, []

    def crash_on_third(ws, ctx, item):
        calls.append(item)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_apply(ws, ctx, item)

    monkeypatch.setattr(chain, "apply_to_chain", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        run_import(office, inbox)
    monkeypatch.setattr(chain, "apply_to_chain", real_apply)
    outcomes = run_import(office, inbox)
    assert sorted(o.verdict for o in outcomes) == ["accepted", "accepted", "duplicate", "duplicate"]
    with office.db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM received_bundle").fetchone()[0] == 4


def test_cli_import_json_and_exit_codes(office, sender, inbox, capsys):
    nv = sender("so-noi-vu")
    nv.send("2025-Q1", "2025-03-10")
    args = ["--data-dir", str(office.data_dir), "--today", "2025-03-20", "import", "--json"]
    assert main([*args, str(inbox)]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert set(row) == {"file", "agency_id", "period", "seq", "verdict", "reason"}
    assert (row["agency_id"], row["period"], row["seq"], row["verdict"]) == (
        "so-noi-vu",
        "2025-Q1",
        1,
        "accepted",
    )
    (inbox / "broken.json").write_bytes(b'{"payloadType": 1')
    assert main([*args, str(inbox)]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [r["verdict"] for r in rows] == ["rejected", "duplicate"]
    # the table form for people
    assert main(["--data-dir", str(office.data_dir), "import", str(inbox)]) == 1
    out = capsys.readouterr().out
    assert "broken.json" in out and "không nhận" in out


def test_a_folder_of_attachments_takes_json_files_only(office, sender, inbox):
    nv = sender("so-noi-vu")
    nv.send("2025-Q1", "2025-03-10")
    (inbox / "cong-van.pdf").write_bytes(b"%PDF-1.4")
    sub = inbox / "thang-3"
    sub.mkdir()
    shutil.copy(next(inbox.glob("*.json")), sub / "copy.json")
    outcomes = run_import(office, inbox)
    assert sorted(o.verdict for o in outcomes) == ["accepted", "duplicate"]


def test_a_path_that_does_not_exist_is_reported_not_fatal(office, sender, inbox):
    nv = sender("so-noi-vu")
    good = nv.send("2025-Q1", "2025-03-10")
    outcomes = run_import(office, inbox / "khong-co.json", good)
    assert [o.verdict for o in outcomes] == ["rejected", "accepted"]
    assert outcomes[0].reason == "Không thấy tệp."
    assert table_dump(office)["rejected_file"] == []


def test_outcome_cells_and_summary_are_shared_by_cli_and_screen():
    from cchc_tui.services.office.outcome import HEADERS, REFUSED, STORED, ImportOutcome, summary

    unread = ImportOutcome("/x/a.json", None, None, None, "rejected", "Không thấy tệp.")
    taken = ImportOutcome("/x/b.json", "so-noi-vu", "2025-Q1", 1, "accepted", "Hợp lệ")
    assert len(unread.cells()) == len(HEADERS)
    assert unread.cells()[:4] == ("a.json", "?", "?", "?")
    assert summary([unread, taken, unread]) == "3 tệp — không nhận: 2, nhận: 1"
    assert summary([]) == "0 tệp — không có tệp nào"
    assert not STORED & REFUSED
