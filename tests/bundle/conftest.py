"""Shared bundle fixtures: fixed keys, the sample bundle, a receiver's key lookup."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from cchc_tui.domain.bundle.body import build_body, sign_bundle
from cchc_tui.domain.bundle.envelope import PAYLOAD_BUNDLE, seal
from cchc_tui.domain.bundle.keys import key_id
from cchc_tui.domain.bundle.verify import RegisteredKey

_SPEC = importlib.util.spec_from_file_location(
    "bundle_vectors", Path(__file__).parent / "vectors" / "make_vectors.py"
)
vectors = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(vectors)


# The eight encodings of points of order 1, 2, 4 and 8: identity, (0, -1), (±√-1, 0)
# and the four of order 8. Anyone can forge signatures for such a "public key".
SMALL_ORDER_POINTS = [
    bytes.fromhex(h)
    for h in (
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    )
]


@pytest.fixture(params=range(len(SMALL_ORDER_POINTS)), ids=lambda i: f"point{i}")
def small_order_point(request) -> bytes:
    """Each of the eight small-order point encodings in turn."""
    return SMALL_ORDER_POINTS[request.param]


@pytest.fixture(scope="session")
def small_order_points() -> list[bytes]:
    return list(SMALL_ORDER_POINTS)


def _registered(signing_key: SigningKey, agency_id: str = vectors.AGENCY_ID) -> RegisteredKey:
    """What the receiving office holds after enrolling `signing_key` for `agency_id`."""
    public = bytes(signing_key.verify_key)
    return RegisteredKey(agency_id, public, key_id(public))


def _resign(body: bytes, signing_key: SigningKey) -> bytes:
    """Seal arbitrary body bytes: a forger holding the key, so only later checks can catch it."""
    return seal(PAYLOAD_BUNDLE, body, [signing_key])


@pytest.fixture(scope="session")
def make_vectors():
    """The vector script as a module (seed, sample records, build())."""
    return vectors


@pytest.fixture(scope="session")
def signing_key() -> SigningKey:
    return SigningKey(vectors.SEED)


@pytest.fixture(scope="session")
def other_key() -> SigningKey:
    return SigningKey(vectors.OTHER_SEED)


@pytest.fixture(scope="session")
def body(signing_key) -> bytes:
    """Canonical body bytes of the sample bundle."""
    return build_body(**vectors.body_inputs(bytes(signing_key.verify_key)))


@pytest.fixture(scope="session")
def bundle(body, signing_key) -> bytes:
    """The sample bundle file bytes, as exported."""
    return sign_bundle(body, signing_key)


@pytest.fixture(scope="session")
def lookup(signing_key):
    """The receiver's keyring holding only the agency's enrolled key."""
    keyring = {k.key_id: k for k in [_registered(signing_key)]}
    return keyring.get


@pytest.fixture(scope="session")
def registered():
    """`registered(signing_key, agency_id="so-noi-vu")` -> RegisteredKey."""
    return _registered


@pytest.fixture(scope="session")
def resign():
    """`resign(body_bytes, signing_key)` -> envelope bytes, bypassing the body checks."""
    return _resign
