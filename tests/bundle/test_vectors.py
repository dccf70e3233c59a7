"""Committed vectors guard against format drift: same seed and inputs, same bytes."""

from __future__ import annotations

import base64
from pathlib import Path

from cchc_tui.domain.bundle.keys import key_id
from cchc_tui.domain.bundle.verify import RegisteredKey, verify_bundle

HERE = Path(__file__).parent / "vectors"


def test_rebuilding_the_vector_gives_the_committed_bytes(make_vectors):
    bundle, public = make_vectors.build()
    assert bundle == (HERE / "bundle-v1.json").read_bytes()
    assert base64.b64encode(public) + b"\n" == (HERE / "bundle-v1.pub").read_bytes()


def test_committed_vector_passes_the_project_verifier():
    public = base64.b64decode((HERE / "bundle-v1.pub").read_bytes().strip(), validate=True)
    key = RegisteredKey("so-noi-vu", public, key_id(public))
    verified = verify_bundle((HERE / "bundle-v1.json").read_bytes(), {key.key_id: key}.get)
    assert (verified.agency_id, verified.period, verified.seq) == ("so-noi-vu", "2025-Q1", 1)
    assert len(verified.body["records"]) == 4
