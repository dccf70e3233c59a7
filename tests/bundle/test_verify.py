"""What a receiver meets: genuine bundles pass, every altered or foreign file is refused."""

from __future__ import annotations

import base64
import hashlib
import json
import unicodedata

import pytest
import rfc8785

from cchc_tui.domain.bundle.body import build_body
from cchc_tui.domain.bundle.enrolment import make_enrolment
from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.verify import verify_bundle


def refused(raw: bytes, lookup) -> str:
    with pytest.raises(BundleError) as caught:
        verify_bundle(raw, lookup)
    assert caught.value.reason.strip() and caught.value.code.isascii()
    return caught.value.code


def test_genuine_bundle_verifies_and_names_agency_period_seq_and_fingerprint(
    bundle, body, lookup, signing_key, registered
):
    verified = verify_bundle(bundle, lookup)
    assert (verified.agency_id, verified.period, verified.seq) == ("so-noi-vu", "2025-Q1", 1)
    assert verified.body_bytes == body
    assert verified.body_sha256 == hashlib.sha256(body).hexdigest()
    assert verified.prev_sha256 == "0" * 64
    assert verified.key_id == registered(signing_key).key_id
    assert len(verified.fingerprint) == 19 and verified.fingerprint.count("-") == 3
    assert verified.body["records"][0]["result"].startswith("Sở đã ban hành")


def test_every_single_bit_flip_is_refused_or_leaves_the_body_identical(bundle, body, lookup):
    data = bytearray(bundle)
    passed = 0
    for index in range(len(data)):
        original = data[index]
        for bit in range(8):
            data[index] = original ^ (1 << bit)
            try:
                verified = verify_bundle(bytes(data), lookup)
            except BundleError:
                continue
            finally:
                data[index] = original
            assert verified.body_bytes == body
            passed += 1
    assert passed == 0  # compact envelope: no byte can change harmlessly


def test_every_truncation_is_refused(bundle, lookup):
    for end in range(len(bundle)):
        with pytest.raises(BundleError):
            verify_bundle(bundle[:end], lookup)


def test_wrong_key_is_refused_as_unknown(bundle, other_key, registered):
    keyring = {k.key_id: k for k in [registered(other_key)]}
    assert refused(bundle, keyring.get) == "unknown_key"


def test_signature_by_another_key_under_the_agency_keyid_is_refused(
    body, signing_key, other_key, registered, resign
):
    forged = json.loads(resign(body, other_key))
    forged["signatures"][0]["keyid"] = registered(signing_key).key_id
    raw = json.dumps(forged).encode()
    assert refused(raw, {registered(signing_key).key_id: registered(signing_key)}.get) == (
        "bad_signature"
    )


def test_bundle_signed_with_another_agencys_key_is_refused(
    make_vectors, other_key, registered, resign
):
    # Sở Tư pháp's genuine, enrolled key signs a body claiming to be Sở Nội vụ's report.
    raw = resign(build_body(**make_vectors.body_inputs(bytes(other_key.verify_key))), other_key)
    keyring = {k.key_id: k for k in [registered(other_key, "so-tu-phap")]}
    with pytest.raises(BundleError) as caught:
        verify_bundle(raw, keyring.get)
    assert caught.value.code == "agency_mismatch"
    assert "so-noi-vu" in caught.value.reason and "so-tu-phap" in caught.value.reason


def test_enrolment_document_presented_as_a_bundle_is_refused(signing_key, lookup):
    enrolment = make_enrolment(
        signing_key,
        agency_id="so-noi-vu",
        agency_name="Sở Nội vụ",
        officer="Trần Thị Ngọc Ánh",
        created_at="2025-01-05T08:00:00+07:00",
    )
    with pytest.raises(BundleError) as caught:
        verify_bundle(enrolment, lookup)
    assert caught.value.code == "wrong_type"
    assert "đăng ký khóa" in caught.value.reason and "gói báo cáo" in caught.value.reason


@pytest.mark.parametrize(
    "reserialise",
    [
        lambda b: json.dumps(b, ensure_ascii=False, indent=2),
        lambda b: json.dumps(dict(reversed(b.items())), ensure_ascii=False, separators=(",", ":")),
        lambda b: json.dumps(b, ensure_ascii=True, separators=(",", ":"), sort_keys=True),
        lambda b: json.dumps(b, ensure_ascii=False, sort_keys=True) + " ",
    ],
)
def test_body_reserialised_non_canonically_and_resigned_is_refused(
    body, signing_key, lookup, resign, reserialise
):
    loose = reserialise(json.loads(body)).encode("utf-8")
    assert loose != body
    assert refused(resign(loose, signing_key), lookup) == "not_canonical"


def test_body_key_id_must_match_the_signing_keyid(body, signing_key, lookup, resign):
    doc = json.loads(body)
    doc["key_id"] = "sha256:" + "ab" * 32

    assert refused(resign(rfc8785.dumps(doc), signing_key), lookup) == "key_mismatch"


def _with_text(body: bytes, old: bytes, new: bytes) -> bytes:
    assert old in body
    return body.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (b'"seq":1,', b'"seq":1,"seq":1,', "duplicate_key"),
        (b'"progress_bp":4250', b'"progress_bp":NaN', "bad_number"),
        (b'"progress_bp":4250', b'"progress_bp":Infinity', "bad_number"),
        (b'"progress_bp":4250', b'"progress_bp":-Infinity', "bad_number"),
        (b'"progress_bp":4250', b'"progress_bp":42.5', "bad_number"),
        (b'"numerator":17', b'"numerator":9007199254740993', "bad_number"),
        (b'"numerator":17', b'"numerator":' + b"9" * 5000, "bad_number"),
        (b'"result":"S', b'"result":"\xc3\x28S', "bad_utf8"),
        (b'"result":"S', b'"result":"\\ud800S', "bad_utf8"),
        (b'"progress_bp":4250', b'"progress_bp":' + b"[" * 100_000 + b"]" * 100_000, "too_deep"),
    ],
)
def test_malformed_signed_body_is_refused_with_its_code(
    body, signing_key, lookup, resign, old, new, code
):
    assert refused(resign(_with_text(body, old, new), signing_key), lookup) == code


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        (b'"payload":', b'"payload":"QQ==","payload":', "duplicate_key"),
        (b'"signatures":[{', b'"signatures":[{"sig":"QQ==",', "duplicate_key"),
        (b"{", b'{"x":NaN,', "bad_number"),
        (b"{", b'{"x":Infinity,', "bad_number"),
        (b"{", b'{"x":9007199254740992,', "bad_number"),
        (b"{", b'{"x":"\xff",', "bad_utf8"),
        (b"{", b"\xef\xbb\xbf{", "bad_utf8"),
        (b"{", b'{"x":' + b"[" * 100_000 + b"]" * 100_000 + b",", "too_deep"),
        (b"{", b'{"x":1,', "bad_envelope"),
    ],
)
def test_malformed_envelope_is_refused_with_its_code(bundle, lookup, old, new, code):
    assert refused(_with_text(bundle, old, new), lookup) == code


def test_loose_base64_is_refused(bundle, lookup):
    doc = json.loads(bundle)
    payload = doc["payload"]
    for loose in (payload + "\n", payload.replace("=", ""), " " + payload):
        doc["payload"] = loose
        assert refused(json.dumps(doc).encode(), lookup) == "bad_base64"
    # Non-zero padding bits decode to the same bytes under plain base64: refused here.
    sig = doc["signatures"][0]["sig"] = json.loads(bundle)["signatures"][0]["sig"]
    assert sig.endswith("==")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    twin = sig[:-3] + alphabet[alphabet.index(sig[-3]) ^ 1] + "=="
    assert base64.b64decode(twin) == base64.b64decode(sig)
    doc["payload"] = payload
    doc["signatures"][0]["sig"] = twin
    assert refused(json.dumps(doc).encode(), lookup) == "bad_base64"


def test_two_signatures_on_a_bundle_are_refused(bundle, lookup):
    doc = json.loads(bundle)
    doc["signatures"] *= 2
    assert refused(json.dumps(doc).encode(), lookup) == "bad_envelope"


def test_a_hundred_megabyte_buffer_is_refused_by_size_first(lookup):
    assert refused(b" " * (100 * 1024 * 1024), lookup) == "too_large"


def test_body_breaking_the_schema_is_refused_naming_the_field(body, signing_key, lookup, resign):
    broken = _with_text(body, b'"progress_bp":4250', b'"progress_bp":42500')
    with pytest.raises(BundleError) as caught:
        verify_bundle(resign(broken, signing_key), lookup)
    assert caught.value.code == "bad_body" and "progress_bp" in caught.value.reason


def test_non_nfc_body_is_refused_even_when_signed(body, signing_key, lookup, resign):
    nfd = unicodedata.normalize("NFD", '"result":"Sở').encode("utf-8")
    decomposed = _with_text(body, '"result":"Sở'.encode(), nfd)
    assert refused(resign(decomposed, signing_key), lookup) == "not_canonical"
