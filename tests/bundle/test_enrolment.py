"""Key documents: self-signed enrolment, rotation signed by both keys, small-order keys."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from cchc_tui.domain.bundle.canonical import b64encode_canonical
from cchc_tui.domain.bundle.enrolment import (
    make_enrolment,
    make_rotation,
    read_enrolment,
    read_rotation,
)
from cchc_tui.domain.bundle.envelope import PAYLOAD_ENROLMENT, pae
from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.keys import fingerprint, key_id

SENT = "2025-01-05T08:00:00+07:00"
# The Ed25519 base point B, and the scalar 1: with the identity as public key,
# R = B, S = 1 satisfies S·B = R + h·A for every message h.
BASE_POINT = bytes.fromhex("5866666666666666666666666666666666666666666666666666666666666666")
ONE = (1).to_bytes(32, "little")


def enrol(key, **kw) -> bytes:
    fields = {
        "agency_id": "so-noi-vu",
        "agency_name": "Sở Nội vụ",
        "officer": "Trần Thị Ngọc Ánh",
        "created_at": SENT,
    }
    return make_enrolment(key, **(fields | kw))


def code(call, *args, **kw) -> str:
    with pytest.raises(BundleError) as caught:
        call(*args, **kw)
    assert caught.value.reason
    return caught.value.code


def test_enrolment_round_trip(signing_key):
    doc = read_enrolment(enrol(signing_key))
    public = bytes(signing_key.verify_key)
    assert (doc.agency_id, doc.agency_name, doc.officer) == (
        "so-noi-vu",
        "Sở Nội vụ",
        "Trần Thị Ngọc Ánh",
    )
    assert (doc.public_key, doc.key_id, doc.created_at) == (public, key_id(public), SENT)
    assert doc.fingerprint == fingerprint(public)


def test_enrolment_with_a_tampered_field_is_refused(signing_key):
    raw = json.loads(enrol(signing_key))
    body = json.loads(base64.b64decode(raw["payload"]))
    body["agency_id"] = "so-tai-chinh"
    raw["payload"] = b64encode_canonical(rfc8785.dumps(body))
    assert code(read_enrolment, json.dumps(raw).encode()) == "bad_signature"


def test_bundle_is_not_an_enrolment(bundle):
    assert code(read_enrolment, bundle) == "wrong_type"


def forged_enrolment(public: bytes) -> bytes:
    """A 'self-signed' enrolment for a small-order key, with the classic forgery."""
    body = rfc8785.dumps(
        {
            "schema_version": 1,
            "kind": "key-enrolment",
            "agency_id": "so-noi-vu",
            "agency_name": "Sở Nội vụ",
            "officer": "Kẻ mạo danh",
            "public_key": b64encode_canonical(public),
            "key_id": "sha256:" + hashlib.sha256(public).hexdigest(),
            "created_at": SENT,
        }
    )
    envelope = {
        "payloadType": PAYLOAD_ENROLMENT,
        "payload": b64encode_canonical(body),
        "signatures": [{"keyid": key_id(public), "sig": b64encode_canonical(BASE_POINT + ONE)}],
    }
    return json.dumps(envelope).encode()


def test_forgery_with_the_identity_key_fools_openssl_but_not_us():
    identity = bytes.fromhex("01" + "00" * 31)
    raw = forged_enrolment(identity)
    env = json.loads(raw)
    body = base64.b64decode(env["payload"])
    # OpenSSL (via cryptography) accepts the forged signature...
    Ed25519PublicKey.from_public_bytes(identity).verify(
        BASE_POINT + ONE, pae(PAYLOAD_ENROLMENT, body)
    )
    # ...the enrolment reader refuses the key itself.
    assert code(read_enrolment, raw) == "small_order_key"


def test_every_small_order_key_is_refused_at_enrolment(small_order_point):
    assert code(read_enrolment, forged_enrolment(small_order_point)) == "small_order_key"


def test_enrolment_keyid_must_name_the_enrolled_key(signing_key, other_key):
    raw = json.loads(enrol(signing_key))
    raw["signatures"][0]["keyid"] = key_id(bytes(other_key.verify_key))
    assert code(read_enrolment, json.dumps(raw).encode()) == "key_mismatch"


@pytest.fixture
def rotation(signing_key, other_key) -> bytes:
    return make_rotation(
        signing_key,
        other_key,
        agency_id="so-noi-vu",
        created_at="2025-06-20T10:00:00+07:00",
        reason="Cán bộ giữ khóa chuyển công tác",
    )


def test_rotation_signed_by_both_keys_is_accepted(rotation, signing_key, other_key):
    old, new = bytes(signing_key.verify_key), bytes(other_key.verify_key)
    statement = read_rotation(rotation, old_public_key=old)
    assert (statement.old_public_key, statement.new_public_key) == (old, new)
    assert (statement.old_key_id, statement.new_key_id) == (key_id(old), key_id(new))
    assert statement.agency_id == "so-noi-vu"
    assert statement.reason == "Cán bộ giữ khóa chuyển công tác"
    assert [s["keyid"] for s in json.loads(rotation)["signatures"]] == [key_id(old), key_id(new)]
    assert read_rotation(rotation) == statement


def test_rotation_with_one_signature_missing_is_refused(rotation, signing_key):
    for keep in (0, 1):
        raw = json.loads(rotation)
        raw["signatures"] = [raw["signatures"][keep]]
        assert code(read_rotation, json.dumps(raw).encode()) == "bad_envelope"


def test_rotation_with_a_wrong_signature_is_refused(rotation, signing_key):
    for index in (0, 1):
        raw = json.loads(rotation)
        sig = bytearray(base64.b64decode(raw["signatures"][index]["sig"]))
        sig[5] ^= 1
        raw["signatures"][index]["sig"] = b64encode_canonical(bytes(sig))
        assert code(read_rotation, json.dumps(raw).encode()) == "bad_signature"


def test_rotation_signed_twice_by_the_new_key_is_refused(signing_key, other_key):
    raw = json.loads(
        make_rotation(
            signing_key, other_key, agency_id="so-noi-vu", created_at=SENT, reason="đổi khóa"
        )
    )
    raw["signatures"] = [raw["signatures"][1], raw["signatures"][1]]
    assert code(read_rotation, json.dumps(raw).encode()) == "key_mismatch"


def test_rotation_from_a_key_other_than_the_registered_one_is_refused(
    rotation, other_key, signing_key
):
    assert code(read_rotation, rotation, old_public_key=bytes(other_key.verify_key)) == (
        "key_mismatch"
    )


def test_rotation_and_enrolment_cannot_stand_in_for_each_other(rotation, signing_key):
    assert code(read_enrolment, rotation) == "wrong_type"
    assert code(read_rotation, enrol(signing_key)) == "wrong_type"
