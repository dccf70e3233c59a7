"""The office's key and receipts as real `cchc` processes, from fresh data folders."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.processes import run_cchc


def cchc(data: Path, *args: str, today: str = "2025-03-20") -> subprocess.CompletedProcess:
    return run_cchc(data, *args, today=today)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_office_key_receipt_round_trip_in_processes(tmp_path):
    office, agency = tmp_path / "office", tmp_path / "agency"
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("mat khau thu nghiem\n", encoding="utf-8")
    pp = ("--passphrase-file", str(phrase))
    ok(cchc(office, "receiver", "init", "--officer", "Nguyễn Thị Lan"))
    ok(cchc(office, "receiver", "key", "init", *pp))
    shown = json.loads(ok(cchc(office, "receiver", "key", "show", "--json")))
    key_file = tmp_path / "office-key.json"
    ok(cchc(office, "receiver", "key", "export", "--out", str(key_file)))

    day = "2025-03-12"
    ok(cchc(agency, "init", "--agency", "so-tu-phap", "--officer", "Trần B", today=day))
    ok(cchc(agency, "keys", "init", *pp, today=day))
    enrol, out = tmp_path / "enrol.json", tmp_path / "out"
    ok(cchc(agency, "keys", "enrol", "--out", str(enrol), *pp, today=day))
    ok(cchc(agency, "export", "--period", "2025-Q1", "--out", str(out), *pp, today=day))
    ok(cchc(office, "keyring", "add", str(enrol), "--yes"))
    ok(cchc(office, "import", *map(str, out.glob("*.json"))))
    receipts = tmp_path / "receipts"
    [receipt] = ok(
        cchc(office, "receipts", "--period", "2025-Q1", "--out", str(receipts), *pp)
    ).split()

    refused = cchc(agency, "receipt", "add", receipt)
    assert refused.returncode == 1 and refused.stderr.startswith("Lỗi:")
    assert "Traceback" not in refused.stderr

    added = ok(cchc(agency, "office", "add", str(key_file), "--yes"))
    assert shown["fingerprint"] in added
    assert "Sở Nội vụ đã nhận gói số 1 ngày 12/03/2025, đúng hạn" in ok(
        cchc(agency, "receipt", "add", receipt)
    )
    assert shown["fingerprint"] in ok(cchc(agency, "office", "show"))

    cut = tmp_path / "cut.json"
    cut.write_bytes(Path(receipt).read_bytes()[:-3])
    refused = cchc(agency, "receipt", "add", str(cut))
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1


def test_office_add_without_yes_and_no_answer_changes_nothing(tmp_path):
    office, agency = tmp_path / "office", tmp_path / "agency"
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("mat khau thu nghiem\n", encoding="utf-8")
    ok(cchc(office, "receiver", "init", "--officer", "Nguyễn Thị Lan"))
    ok(cchc(office, "receiver", "key", "init", "--passphrase-file", str(phrase)))
    key_file = tmp_path / "office-key.json"
    ok(cchc(office, "receiver", "key", "export", "--out", str(key_file)))
    result = cchc(agency, "office", "add", str(key_file))
    assert result.returncode == 2 and result.stderr.startswith("Lỗi: Cần xác nhận")
    assert "Chưa cài" in ok(cchc(agency, "office", "show"))


def test_registry_and_plan_published_and_added_in_processes(tmp_path):
    from tests.plans.sheets import write_plan

    office, agency = tmp_path / "office", tmp_path / "agency"
    phrase = tmp_path / "phrase.txt"
    phrase.write_text("mat khau thu nghiem\n", encoding="utf-8")
    pp = ("--passphrase-file", str(phrase))
    ok(cchc(office, "receiver", "init", "--officer", "Nguyễn Thị Lan"))
    ok(cchc(office, "receiver", "key", "init", *pp))
    ok(cchc(office, "add-commune", "--name", "Xã Tân Mỹ Thử"))
    ok(cchc(office, "plan", "import", str(write_plan(tmp_path / "p.xlsx")), "--yes"))
    registry, plan, key = tmp_path / "registry.json", tmp_path / "plan.json", tmp_path / "k.json"
    ok(cchc(office, "receiver", "publish-registry", "--out", str(registry), *pp))
    ok(cchc(office, "plan", "publish", "138-2025", "--out", str(plan), *pp))
    ok(cchc(office, "receiver", "key", "export", "--out", str(key)))

    ok(cchc(agency, "init", "--agency", "so-khoa-hoc-cong-nghe", "--officer", "Lê C"))
    ok(cchc(agency, "office", "add", str(key), "--yes"))
    refused = cchc(agency, "plan", "add", str(key), "--yes")
    assert refused.returncode == 1 and "không phải kế hoạch" in refused.stderr
    assert "xa-tan-my-thu" in ok(cchc(agency, "registry", "add", str(registry), "--yes"))
    ok(cchc(agency, "plan", "add", str(plan), "--yes"))
    assert "I.1" in ok(
        cchc(agency, "tasks", "--plan", "138-2025", "--agency", "so-khoa-hoc-cong-nghe")
    )
