"""Sở Nội vụ reports its own tasks from the same installation: its bundles take the same import."""

from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import export, keys, progress
from cchc_tui.services.office import keyring
from cchc_tui.services.office.bundles import cell_detail
from cchc_tui.services.settings import save_profile

from .conftest import run_import

PHRASE = "mat khau thu nghiem"


def test_the_offices_own_export_is_enrolled_and_imported_like_any_other(office, tmp_path):
    save_profile(office, "so-noi-vu", "Nguyễn Văn Đầu Mối")
    keys.init_key(office, "so-noi-vu", PHRASE)
    enrolment = keys.write_enrolment(
        office, "so-noi-vu", PHRASE, tmp_path / "enrol.json", "Nguyễn Văn Đầu Mối"
    )
    keyring.add_enrolment(office, keyring.preview_enrolment(office, enrolment.read_bytes()))
    slot = progress.resolve_slot(office, "so-noi-vu", "I.3", "2025-Q1")
    progress.record_progress(
        office, slot, RawEntry(status="in_progress", progress="40", result="Đang làm"), "A"
    )
    result = export.export_period(office, "so-noi-vu", "2025-Q1", PHRASE, tmp_path / "out")
    [outcome] = run_import(office, result.path)
    assert (outcome.agency_id, outcome.seq, outcome.verdict) == ("so-noi-vu", 1, "accepted")
    counted = cell_detail(office, "so-noi-vu", "2025-Q1").counted
    assert counted.signer == "Nguyễn Văn Đầu Mối" and counted.fingerprint == result.fingerprint
    again = export.export_period(office, "so-noi-vu", "2025-Q1", PHRASE, tmp_path / "out")
    assert again.replayed and run_import(office, again.path)[0].verdict == "duplicate"
