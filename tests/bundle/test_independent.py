"""A second implementation verifies our bundles: the contract's recipe, and OpenSSL."""

from __future__ import annotations

import base64
import hashlib
import json

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from nacl.signing import VerifyKey


def b64(s: str) -> bytes:
    b = base64.b64decode(s, validate=True)
    assert base64.b64encode(b).decode() == s
    return b


def contract_recipe(raw: bytes, pub: bytes) -> bytes:
    """Verbatim from shared/docs/bundle-contract.md ("Independent check")."""
    env = json.loads(raw)
    body = b64(env["payload"])
    t = env["payloadType"].encode()
    pae = b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)
    VerifyKey(pub).verify(pae, b64(env["signatures"][0]["sig"]))
    assert rfc8785.dumps(json.loads(body)) == body
    return body


def test_contract_recipe_verifies_an_exported_bundle(bundle, body, signing_key):
    pub = bytes(signing_key.verify_key)
    assert contract_recipe(bundle, pub) == body
    env = json.loads(bundle)
    assert env["payloadType"] == "application/vnd.cchc.progress-bundle+json; version=1"
    assert env["signatures"][0]["keyid"] == "sha256:" + hashlib.sha256(pub).hexdigest()
    assert json.loads(body)["key_id"] == env["signatures"][0]["keyid"]


def test_cryptography_ed25519_verifies_an_exported_bundle(bundle, signing_key):
    env = json.loads(bundle)
    body = base64.b64decode(env["payload"])
    t = env["payloadType"].encode()
    pae = b"DSSEv1 " + str(len(t)).encode() + b" " + t + b" " + str(len(body)).encode()
    pae += b" " + body
    key = Ed25519PublicKey.from_public_bytes(bytes(signing_key.verify_key))
    key.verify(base64.b64decode(env["signatures"][0]["sig"]), pae)  # raises if invalid


def test_committed_vector_verifies_with_the_recipe():
    from pathlib import Path

    here = Path(__file__).parent / "vectors"
    pub = base64.b64decode((here / "bundle-v1.pub").read_text("utf-8").strip())
    contract_recipe((here / "bundle-v1.json").read_bytes(), pub)
