"""The office's documents: vectors rebuild, genuine letters pass, every altered or foreign
file is refused (a flipped bit, a cut, an agency's key, another payload type)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from cchc_tui.domain.bundle.enrolment import make_rotation, read_rotation
from cchc_tui.domain.bundle.envelope import (
    PAYLOAD_OFFICE_ROTATION,
    PAYLOAD_RECEIPT,
    PAYLOAD_ROTATION,
)
from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.keys import key_id
from cchc_tui.domain.bundle.letters import read_office_key, seal_letter
from cchc_tui.domain.bundle.receipt import read_receipt

HERE = Path(__file__).parent / "vectors"
_SPEC = importlib.util.spec_from_file_location("office_vectors", HERE / "make_office_vectors.py")
vectors = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(vectors)

OFFICE = vectors.office_key()
PINNED = {key_id(bytes(OFFICE.verify_key)): bytes(OFFICE.verify_key)}
RECEIPT = (HERE / "receipt-v1.json").read_bytes()


def test_rebuilding_the_vectors_gives_the_committed_bytes():
    for name, data in vectors.build().items():
        assert data == (HERE / name).read_bytes(), name


def test_committed_receipt_reads_back():
    receipt, letter = read_receipt(RECEIPT, PINNED)
    assert (receipt.agency_id, receipt.period, receipt.seq) == ("so-tu-phap", "2025-Q1", 3)
    assert (receipt.verdict, receipt.days_late) == ("late", 2)
    assert letter.key_id in PINNED


def test_office_key_document_reads_back():
    key = read_office_key((HERE / "office-key-v1.json").read_bytes())
    assert key.public_key == bytes(OFFICE.verify_key)
    assert key.office_id == "so-noi-vu" and key.fingerprint.count("-") == 3


def test_every_single_bit_flip_of_a_receipt_is_refused():
    data = bytearray(RECEIPT)
    for index in range(len(data)):
        original = data[index]
        for bit in range(8):
            data[index] = original ^ (1 << bit)
            with pytest.raises(BundleError):
                read_receipt(bytes(data), PINNED)
        data[index] = original


def test_every_truncation_of_a_receipt_is_refused():
    for end in range(len(RECEIPT)):
        with pytest.raises(BundleError):
            read_receipt(RECEIPT[:end], PINNED)


def test_every_single_bit_flip_of_the_office_key_document_is_refused():
    raw = (HERE / "office-key-v1.json").read_bytes()
    data = bytearray(raw)
    for index in range(len(data)):
        original = data[index]
        for bit in range(8):
            data[index] = original ^ (1 << bit)
            with pytest.raises(BundleError):
                read_office_key(bytes(data))
        data[index] = original
    for end in range(len(raw)):
        with pytest.raises(BundleError):
            read_office_key(raw[:end])


def test_a_receipt_signed_by_an_agency_key_is_refused():
    agency = SigningKey(b"\x07" * 32)
    forged = seal_letter(
        PAYLOAD_RECEIPT,
        "receipt",
        read_receipt(RECEIPT, PINNED)[0].to_fields(),
        agency,
        issued_at="2025-03-18T08:30:00+07:00",
    )
    with pytest.raises(BundleError) as caught:
        read_receipt(forged, PINNED)
    assert caught.value.code == "not_office_key"


def test_an_agency_rotation_cannot_pass_as_the_offices():
    agency_rotation = make_rotation(
        OFFICE, SigningKey(b"\x08" * 32), agency_id="so-noi-vu", created_at="x", reason="r"
    )
    read_rotation(agency_rotation, payload_type=PAYLOAD_ROTATION)
    with pytest.raises(BundleError) as caught:
        read_rotation(agency_rotation, payload_type=PAYLOAD_OFFICE_ROTATION)
    assert caught.value.code == "wrong_type"


def test_another_payload_type_is_refused_as_wrong_type():
    with pytest.raises(BundleError) as caught:
        read_receipt((HERE / "office-key-v1.json").read_bytes(), PINNED)
    assert caught.value.code == "wrong_type"
    assert "tệp khóa của Sở Nội vụ" in caught.value.reason


def test_receipt_with_inconsistent_verdict_is_refused():
    fields = read_receipt(RECEIPT, PINNED)[0].to_fields() | {"verdict": "on_time"}
    raw = seal_letter(
        PAYLOAD_RECEIPT, "receipt", fields, OFFICE, issued_at="2025-03-18T08:30:00+07:00"
    )
    with pytest.raises(BundleError) as caught:
        read_receipt(raw, PINNED)
    assert caught.value.code == "bad_body"


def test_registry_and_plan_vectors_read_back():
    from cchc_tui.domain.bundle.plan_letter import read_plan_letter
    from cchc_tui.domain.bundle.registry import read_registry_update

    agencies, _ = read_registry_update((HERE / "registry-v1.json").read_bytes(), PINNED)
    assert agencies[0].successors[0].collective and agencies[1].former_province == "Tuyên Quang"
    document, named, _ = read_plan_letter((HERE / "plan-v1.json").read_bytes(), PINNED, known=set())
    assert document["plan"]["id"] == "1-2026" and [a.id for a in named] == ["xa-tan-trao"]
