"""Building the body: schema checks, NFC required (not applied), byte-identical rebuilds."""

from __future__ import annotations

import copy
import json
import unicodedata

import pytest

from cchc_tui.domain.bundle.body import build_body, sign_bundle
from cchc_tui.domain.bundle.canonical import CanonicalError, canonical_bytes
from cchc_tui.domain.text import nfc


def inputs(make_vectors, signing_key, **overrides) -> dict:
    return make_vectors.body_inputs(bytes(signing_key.verify_key), **overrides)


def nfd_records(make_vectors) -> list[dict]:
    records = make_vectors.sample_records()
    for record in records:
        for field in ("result", "difficulties", "proposals"):
            record[field] = unicodedata.normalize("NFD", record[field])
    return records


def test_body_has_every_field_in_canonical_form(body, make_vectors, signing_key):
    parsed = json.loads(body)
    assert sorted(parsed) == sorted(
        [
            "schema_version",
            "kind",
            "plan",
            "agency_id",
            "period",
            "seq",
            "prev_sha256",
            "key_id",
            "created_at",
            "app_version",
            "signer",
            "records",
        ]
    )
    assert (parsed["schema_version"], parsed["kind"]) == (1, "snapshot")
    assert parsed["plan"]["id"] == "56/KH-UBND"
    assert canonical_bytes(parsed) == body
    assert body.isascii() is False  # Vietnamese stays UTF-8, not \\u escapes


def test_nfd_text_fails_loudly_instead_of_being_changed(make_vectors, signing_key):
    with pytest.raises(CanonicalError, match="NFC"):
        build_body(**inputs(make_vectors, signing_key, records=nfd_records(make_vectors)))


def test_nfd_key_also_fails(make_vectors, signing_key):
    signer = {"officer": "A", "title": unicodedata.normalize("NFD", "Chuyên viên")}
    with pytest.raises(CanonicalError):
        build_body(**inputs(make_vectors, signing_key, signer=signer))


def test_typed_nfd_normalised_by_the_caller_gives_nfc_bytes_and_identical_rebuilds(
    make_vectors, signing_key, body
):
    typed = nfd_records(make_vectors)
    normalised = [
        {k: nfc(v) if isinstance(v, str) else v for k, v in record.items()} for record in typed
    ]
    rebuilt = build_body(**inputs(make_vectors, signing_key, records=normalised))
    assert rebuilt == body
    text = rebuilt.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert unicodedata.normalize("NFD", "cải cách hành chính") not in text
    again = build_body(**inputs(make_vectors, signing_key, records=copy.deepcopy(normalised)))
    assert again == rebuilt
    assert sign_bundle(again, signing_key) == sign_bundle(rebuilt, signing_key)


def _record(make_vectors, **changes) -> list[dict]:
    records = make_vectors.sample_records()
    records[0].update(changes)
    return records


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"seq": 0}, "seq"),
        ({"seq": True}, "seq"),
        ({"seq": 2}, "prev_sha256"),  # 64 zeros only for seq 1
        ({"prev_sha256": "A" * 64}, "prev_sha256"),
        ({"seq": 2, "prev_sha256": "ab" * 31}, "prev_sha256"),
        ({"period": "2025-Q2"}, "period"),
        ({"period": "2025-q1"}, "period"),
        ({"created_at": "2025-03-12T09:15:00"}, "created_at"),  # no offset
        ({"key_id": "sha256:XYZ"}, "key_id"),
        ({"agency_id": ""}, "agency_id"),
        ({"signer": {"officer": "A"}}, "signer"),
    ],
)
def test_invalid_header_values_are_refused(make_vectors, signing_key, overrides, field):
    with pytest.raises(ValueError, match=field):
        build_body(**inputs(make_vectors, signing_key, **overrides))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"progress_bp": 10001}, "progress_bp"),
        ({"progress_bp": 42.5}, "progress_bp"),
        ({"progress_bp": -1}, "progress_bp"),
        ({"task": "VII"}, "task"),
        ({"roles": ["chủ trì"]}, "roles"),
        ({"status": "xong"}, "status"),
        ({"result": None}, "result"),
        ({"evidence": [{"number": "12/KH", "date": "12/03/2025", "summary": ""}]}, "date"),
        ({"evidence": [{"number": "12/KH", "date": "2025-02-30", "summary": ""}]}, "date"),
        ({"indicators": [{"id": "CT", "numerator": 3, "denominator": 0}]}, "denominator"),
        ({"indicators": [{"id": "CT", "numerator": 5, "denominator": 4}]}, "indicators"),
        ({"revision": {"number": 1, "at": "hôm qua", "by": "A"}}, "revision"),
        ({"extra": 1}, "extra"),
    ],
)
def test_invalid_record_values_are_refused(make_vectors, signing_key, changes, field):
    records = _record(make_vectors, **changes)
    with pytest.raises(ValueError, match=field):
        build_body(**inputs(make_vectors, signing_key, records=records))


def test_unreported_slot_is_a_valid_record(make_vectors, signing_key):
    empty = {
        "task": "I.6",
        "roles": ["lead"],
        "status": "not_reported",
        "progress_bp": 0,
        "result": "",
        "difficulties": "",
        "proposals": "",
        "evidence": [],
        "indicators": [],
        "revision": {"number": 0, "at": "", "by": ""},
    }
    records = [*make_vectors.sample_records(), empty]
    assert b'"I.6"' in build_body(**inputs(make_vectors, signing_key, records=records))


def test_same_task_twice_is_refused(make_vectors, signing_key):
    records = make_vectors.sample_records()
    with pytest.raises(ValueError, match="records"):
        build_body(**inputs(make_vectors, signing_key, records=[*records, records[0]]))
