"""`cchc keys`, `cchc export`, `cchc verify` as a script or a clerk would run them."""

import json

import pytest

from cchc_tui.cli.main import main


@pytest.fixture
def run(ws, capsys, monkeypatch, tmp_path):
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("mat khau thu nghiem\n", encoding="utf-8")
    monkeypatch.delenv("CCHC_PASSPHRASE", raising=False)

    def _run(*args: str):
        code = main([*args, "--data-dir", str(ws.data_dir), "--today", "2025-03-10"])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    _run.phrase = str(phrase)
    return _run


def test_key_setup_export_and_verify(run, tmp_path):
    assert run("init", "--agency", "so noi vu", "--officer", "Nguyễn Văn A")[0] == 0
    code, out, _ = run("keys", "init", "--passphrase-file", run.phrase)
    assert code == 0 and "Vân tay" in out
    code, out, _ = run("keys", "show", "--json")
    shown = json.loads(out)
    assert shown["agency_id"] == "so-noi-vu" and shown["key_id"].startswith("sha256:")
    assert len(shown["public_key"]) == 44 and shown["fingerprint"]
    enrol = tmp_path / "enrol.json"
    assert run("keys", "enrol", "--out", str(enrol), "--passphrase-file", run.phrase)[0] == 0
    run(
        "progress",
        "set",
        "--task",
        "I.3",
        "--period",
        "2025-Q1",
        "--status",
        "in_progress",
        "--progress",
        "50",
    )
    code, out, err = run(
        "export",
        "--period",
        "2025-Q1",
        "--out",
        str(tmp_path / "out"),
        "--passphrase-file",
        run.phrase,
    )
    path = out.strip()
    assert code == 0 and path.endswith("so-noi-vu_2025-Q1_0001.json") and "chưa báo cáo" in err
    code, out, _ = run("verify", path, "--key", str(enrol))
    assert (
        code == 0
        and out.startswith("HỢP LỆ")
        and "Quý I/2025" in out
        and shown["fingerprint"] in out
    )
    code, out, _ = run("verify", path, "--key", str(tmp_path / "missing.json"))
    assert code == 2


def test_tampered_bundle_fails_verification_with_a_reason(run, tmp_path):
    run("init", "--agency", "so-noi-vu", "--officer", "A")
    run("keys", "init", "--passphrase-file", run.phrase)
    code, out, _ = run(
        "export", "--period", "2025-Q1", "--out", str(tmp_path), "--passphrase-file", run.phrase
    )
    path = tmp_path / "so-noi-vu_2025-Q1_0001.json"
    data = bytearray(path.read_bytes())
    i = data.index(b'"payload":"') + 20
    data[i] = ord("A") if data[i] != ord("A") else ord("B")
    path.write_bytes(bytes(data))
    code, out, _ = run("verify", str(path))
    assert code == 1 and out.startswith("KHÔNG HỢP LỆ")


def test_export_needs_a_passphrase_when_not_interactive(run, monkeypatch):
    run("init", "--agency", "so-noi-vu", "--officer", "A")
    run("keys", "init", "--passphrase-file", run.phrase)
    monkeypatch.setattr("sys.stdin", None)
    code, _, err = run("export", "--period", "2025-Q1")
    assert code == 2 and "CCHC_PASSPHRASE" in err


def test_short_passphrase_refused(run, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("123", encoding="utf-8")
    code, _, err = run("keys", "init", "--agency", "so-noi-vu", "--passphrase-file", str(short))
    assert code == 2 and "ít nhất" in err


def test_receiving_office_verifies_with_its_keyring(run, tmp_path):
    from cchc_tui.domain.clock import Clock
    from cchc_tui.services import verify
    from cchc_tui.services.office.keyring import add_enrolment, preview_enrolment
    from cchc_tui.services.workspace import open_workspace

    run("init", "--agency", "so-tu-phap", "--officer", "A")
    run("keys", "init", "--passphrase-file", run.phrase)
    enrol = tmp_path / "enrol.json"
    run("keys", "enrol", "--out", str(enrol), "--passphrase-file", run.phrase)
    run("export", "--period", "2025-Q1", "--out", str(tmp_path), "--passphrase-file", run.phrase)
    office = open_workspace(tmp_path / "office", Clock(__import__("datetime").date(2025, 3, 20)))
    bundle = tmp_path / "so-tu-phap_2025-Q1_0001.json"
    assert not verify.verify_file(office, bundle).valid  # key not registered yet
    add_enrolment(office, preview_enrolment(office, enrol.read_bytes()))
    outcome = verify.verify_file(office, bundle)
    assert outcome.valid and "Sở Tư pháp" in outcome.message


def test_export_preview_needs_no_passphrase_and_writes_nothing(run, ws):
    run("init", "--agency", "so noi vu", "--officer", "Nguyễn Văn A")
    run("keys", "init", "--passphrase-file", run.phrase)
    code, out, _ = run("export", "--period", "2025-Q1", "--preview")
    assert code == 0
    assert "Quý I/2025" in out and "Người ký: Nguyễn Văn A" in out
    assert "Chưa xuất gói nào cho kỳ này." in out and "còn 25 nhiệm vụ chưa báo cáo" in out
    assert not ws.exports_dir.exists() or not list(ws.exports_dir.iterdir())


# Identity and a point of order 8: anyone can forge signatures for such a "public key".
SMALL_ORDER_KEYS = [
    "0100000000000000000000000000000000000000000000000000000000000000",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
]


@pytest.mark.parametrize("point", SMALL_ORDER_KEYS, ids=["identity", "order8"])
def test_verify_refuses_a_shown_key_of_small_order(run, tmp_path, point):
    import base64

    run("init", "--agency", "so-noi-vu", "--officer", "A")
    run("keys", "init", "--passphrase-file", run.phrase)
    shown = json.loads(run("keys", "show", "--json")[1])
    run("export", "--period", "2025-Q1", "--out", str(tmp_path), "--passphrase-file", run.phrase)
    bundle = str(tmp_path / "so-noi-vu_2025-Q1_0001.json")
    key_file = tmp_path / "shown.json"
    key_file.write_text(json.dumps(shown), encoding="utf-8")
    assert run("verify", bundle, "--key", str(key_file))[0] == 0  # the real key is accepted
    weak = base64.b64encode(bytes.fromhex(point)).decode("ascii")
    key_file.write_text(json.dumps({**shown, "public_key": weak}), encoding="utf-8")
    code, out, err = run("verify", bundle, "--key", str(key_file))
    assert code == 2 and not out.startswith("HỢP LỆ")
    assert "khóa yếu" in err and "Traceback" not in err
