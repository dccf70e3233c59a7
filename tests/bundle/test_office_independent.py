"""A second implementation verifies the office's documents: the contract's few lines."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import rfc8785
from nacl.signing import VerifyKey

HERE = Path(__file__).parent / "vectors"


def b64(s: str) -> bytes:
    b = base64.b64decode(s, validate=True)
    assert base64.b64encode(b).decode() == s
    return b


def check(raw: bytes, pub: bytes, index: int = 0) -> dict:
    """The contract's independent check, for signature `index`."""
    env = json.loads(raw)
    body = b64(env["payload"])
    t = env["payloadType"].encode()
    pae = b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)
    VerifyKey(pub).verify(pae, b64(env["signatures"][index]["sig"]))
    assert rfc8785.dumps(json.loads(body)) == body
    return json.loads(body)


def office_public() -> bytes:
    return base64.b64decode((HERE / "office-v1.pub").read_text("utf-8").strip())


def test_office_key_document_verifies_and_carries_the_office_key():
    body = check((HERE / "office-key-v1.json").read_bytes(), office_public())
    assert b64(body["public_key"]) == office_public()
    assert body["kind"] == "office-key"


def test_receipt_vector_verifies_with_the_office_key():
    raw = (HERE / "receipt-v1.json").read_bytes()
    body = check(raw, office_public())
    assert json.loads(raw)["payloadType"] == "application/vnd.cchc.receipt+json; version=1"
    assert (body["agency_id"], body["seq"], body["verdict"], body["days_late"]) == (
        "so-tu-phap",
        3,
        "late",
        2,
    )
    assert body["office_key_id"] == json.loads(raw)["signatures"][0]["keyid"]


def test_rotation_vector_is_signed_by_the_old_key_then_the_new_one():
    raw = (HERE / "office-rotation-v1.json").read_bytes()
    body = check(raw, office_public(), 0)
    assert b64(body["old_public_key"]) == office_public()
    check(raw, b64(body["new_public_key"]), 1)


def test_registry_and_plan_vectors_verify_with_the_office_key():
    registry = check((HERE / "registry-v1.json").read_bytes(), office_public())
    assert [a["id"] for a in registry["agencies"]] == ["huyen-son-duong", "xa-tan-trao"]
    plan = check((HERE / "plan-v1.json").read_bytes(), office_public())
    assert plan["kind"] == "plan" and plan["agencies"][0]["id"] == "xa-tan-trao"
