"""Agency keys: ids and fingerprints, the encrypted key file, small-order public keys."""

from __future__ import annotations

import json
import os
import stat

import pytest
from nacl.pwhash import argon2id

from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.keys import (
    KDF_MEMLIMIT,
    KDF_OPSLIMIT,
    fingerprint,
    generate_signing_key,
    is_valid_public_key,
    key_id,
    read_key_file,
    seal_key_file,
    unlock_key_file,
)
from cchc_tui.store.files import atomic_write_bytes

FAST = {"opslimit": argon2id.OPSLIMIT_MIN, "memlimit": argon2id.MEMLIMIT_MIN}
PHRASE = "Mật khẩu của Sở Nội vụ 2025"


def write_key_file(path, key, phrase, agency_id, **kdf):
    """Seal the key and write it the way the program does (atomic, owner-only)."""
    data, info = seal_key_file(key, phrase, agency_id, **kdf)
    atomic_write_bytes(path, data, private=True)
    return info


def test_key_id_and_fingerprint_formats(signing_key):
    public = bytes(signing_key.verify_key)
    kid = key_id(public)
    assert kid.startswith("sha256:") and len(kid) == 71 and kid[7:] == kid[7:].lower()
    fp = fingerprint(public)
    assert fp == "-".join(kid[7 + i : 11 + i].upper() for i in range(0, 16, 4))


def test_the_eight_small_order_points_really_have_small_order(small_order_points):
    from nacl.bindings import crypto_core_ed25519_add

    identity = small_order_points[0]
    for point in small_order_points:
        multiple = point
        for _ in range(3):  # 8 * P
            multiple = crypto_core_ed25519_add(multiple, multiple)
        assert multiple == identity
    assert len(set(small_order_points)) == 8


def test_small_order_public_keys_are_invalid(small_order_point):
    assert not is_valid_public_key(small_order_point)


def test_generated_keys_and_odd_lengths(signing_key):
    assert is_valid_public_key(bytes(signing_key.verify_key))
    assert is_valid_public_key(bytes(generate_signing_key().verify_key))
    assert not is_valid_public_key(bytes(signing_key.verify_key)[:31])
    assert not is_valid_public_key(b"\xff" * 32)  # not a canonical field element


def test_key_file_round_trip_is_owner_only_and_public_parts_need_no_passphrase(tmp_path):
    key = generate_signing_key()
    path = tmp_path / "keys" / "so-noi-vu.key.json"
    write_key_file(path, key, PHRASE, "so-noi-vu", **FAST)
    if os.name != "nt":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    info = read_key_file(path)
    assert (info.agency_id, info.public_key) == ("so-noi-vu", bytes(key.verify_key))
    assert info.key_id == key_id(info.public_key) and info.fingerprint == fingerprint(
        info.public_key
    )
    assert bytes(unlock_key_file(path, PHRASE)) == bytes(key)
    text = path.read_text("utf-8")
    assert bytes(key).hex() not in text and PHRASE not in text


def test_passphrase_typed_decomposed_still_unlocks(tmp_path):
    import unicodedata

    key = generate_signing_key()
    path = tmp_path / "k.json"
    write_key_file(path, key, unicodedata.normalize("NFD", PHRASE), "so-noi-vu", **FAST)
    assert bytes(unlock_key_file(path, PHRASE)) == bytes(key)


@pytest.mark.real_kdf
def test_wrong_passphrase_says_so_and_leaves_the_file_untouched(tmp_path):
    path = tmp_path / "so-noi-vu.key.json"
    write_key_file(path, generate_signing_key(), PHRASE, "so-noi-vu")  # real parameters
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(BundleError) as caught:
        unlock_key_file(path, PHRASE + " ")
    assert caught.value.code == "wrong_passphrase" and "mật khẩu" in caught.value.reason.lower()
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    kdf = json.loads(before)["kdf"]
    assert (kdf["opslimit"], kdf["memlimit"]) == (KDF_OPSLIMIT, KDF_MEMLIMIT)


@pytest.mark.parametrize(
    "tamper",
    [
        # another valid base64 ending than the one the key has (never the same bytes)
        lambda d: d.update(
            public_key=d["public_key"][:-2] + ("E=" if d["public_key"][-2] == "A" else "A=")
        ),
        lambda d: d["kdf"].update(memlimit=64 * 1024**3),  # would exhaust the PC
        lambda d: d.update(version=2),
        lambda d: d.update(extra=1),
        lambda d: d.update(ciphertext=d["ciphertext"][:-4]),
    ],
)
def test_damaged_key_file_is_refused_as_such(tmp_path, tamper):
    path = tmp_path / "k.json"
    write_key_file(path, generate_signing_key(), PHRASE, "so-noi-vu", **FAST)
    doc = json.loads(path.read_bytes())
    tamper(doc)
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(BundleError) as caught:
        unlock_key_file(path, PHRASE)
    assert caught.value.code == "bad_key_file"


def test_swapped_public_key_is_caught_after_decryption(tmp_path):
    path = tmp_path / "k.json"
    write_key_file(path, generate_signing_key(), PHRASE, "so-noi-vu", **FAST)
    other = tmp_path / "other.json"
    write_key_file(other, generate_signing_key(), PHRASE, "so-noi-vu", **FAST)
    doc, stranger = json.loads(path.read_bytes()), json.loads(other.read_bytes())
    doc["public_key"], doc["key_id"] = stranger["public_key"], stranger["key_id"]
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(BundleError) as caught:
        unlock_key_file(path, PHRASE)
    assert caught.value.code == "bad_key_file"
