"""Agency signing keys: ids, fingerprints, validity, and the passphrase-encrypted key file.

Key file (JSON, owner-only): the private Ed25519 seed in a SecretBox (XSalsa20-Poly1305)
under a key derived from the passphrase with argon2id; the public parts in clear, so
`read_key_file` needs no passphrase. Parameters are recorded in the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import nacl.utils
from nacl.bindings import crypto_core_ed25519_is_valid_point
from nacl.exceptions import CryptoError
from nacl.pwhash import argon2id
from nacl.secret import SecretBox
from nacl.signing import SigningKey

from cchc_tui.domain.bundle.canonical import b64decode_canonical, b64encode_canonical
from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.strictjson import loads_strict, read_capped
from cchc_tui.domain.text import nfc

PUBLIC_KEY_BYTES = 32
KEY_FILE_VERSION = 1
KEY_FILE_KIND = "cchc-signing-key"
KEY_FILE_MAX_BYTES = 64 * 1024
# argon2id MODERATE: 3 passes over 256 MiB (about 0.5 s on the development machine).
KDF_OPSLIMIT = argon2id.OPSLIMIT_MODERATE
KDF_MEMLIMIT = argon2id.MEMLIMIT_MODERATE
# A key file asking for more than this is refused rather than exhausting the PC.
MAX_OPSLIMIT = 16
MAX_MEMLIMIT = 1024 * 1024 * 1024
_CIPHERTEXT_BYTES = SecretBox.NONCE_SIZE + SecretBox.MACBYTES + 32
_FILE_KEYS = {"version", "kind", "agency_id", "key_id", "public_key", "kdf", "salt", "ciphertext"}
_KDF_KEYS = {"name", "opslimit", "memlimit"}


def key_id(public_key: bytes) -> str:
    """`sha256:<64 hex>` of the raw 32-byte public key."""
    return "sha256:" + hashlib.sha256(public_key).hexdigest()


def fingerprint_of_id(keyid: str) -> str:
    """Short id to read over the phone: first 16 hex digits of the key id, `ABCD-EF01-2345-6789`."""
    digits = keyid.removeprefix("sha256:")[:16].upper()
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


def fingerprint(public_key: bytes) -> str:
    """The phone-readable fingerprint of a raw 32-byte public key."""
    return fingerprint_of_id(key_id(public_key))


def generate_signing_key() -> SigningKey:
    """A fresh Ed25519 key from the OS random source."""
    return SigningKey.generate()


def is_valid_public_key(public_key: bytes) -> bool:
    """32 bytes, a canonical curve point in the prime-order subgroup, not of small order."""
    return (
        isinstance(public_key, bytes)
        and len(public_key) == PUBLIC_KEY_BYTES
        and crypto_core_ed25519_is_valid_point(public_key)
    )


def require_valid_public_key(public_key: bytes) -> None:
    """BundleError small_order_key unless `is_valid_public_key`."""
    if not is_valid_public_key(public_key):
        raise BundleError("small_order_key")


@dataclass(frozen=True)
class KeyFileInfo:
    """The public parts of a key file."""

    agency_id: str
    key_id: str
    public_key: bytes
    opslimit: int
    memlimit: int

    @property
    def fingerprint(self) -> str:
        """Short phone-readable id of the public key."""
        return fingerprint(self.public_key)


def _derive(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    secret = nfc(passphrase).encode("utf-8")
    return argon2id.kdf(SecretBox.KEY_SIZE, secret, salt, opslimit=opslimit, memlimit=memlimit)


def seal_key_file(
    signing_key: SigningKey,
    passphrase: str,
    agency_id: str,
    *,
    opslimit: int | None = None,
    memlimit: int | None = None,
) -> tuple[bytes, KeyFileInfo]:
    """The key file's bytes: the key encrypted under `passphrase` (NFC), public parts in clear.

    The caller writes them atomically, readable by the owner only.
    """
    opslimit = KDF_OPSLIMIT if opslimit is None else opslimit
    memlimit = KDF_MEMLIMIT if memlimit is None else memlimit
    salt = nacl.utils.random(argon2id.SALTBYTES)
    box = SecretBox(_derive(passphrase, salt, opslimit, memlimit))
    public = bytes(signing_key.verify_key)
    document = {
        "version": KEY_FILE_VERSION,
        "kind": KEY_FILE_KIND,
        "agency_id": agency_id,
        "key_id": key_id(public),
        "public_key": b64encode_canonical(public),
        "kdf": {"name": "argon2id", "opslimit": opslimit, "memlimit": memlimit},
        "salt": b64encode_canonical(salt),
        "ciphertext": b64encode_canonical(bytes(box.encrypt(bytes(signing_key)))),
    }
    data = json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    return data, KeyFileInfo(agency_id, key_id(public), public, opslimit, memlimit)


def _need(cond: bool) -> None:
    if not cond:
        raise BundleError("bad_key_file")


def _load(path: Path) -> tuple[KeyFileInfo, bytes, bytes]:
    """Public parts, salt and ciphertext of a key file; BundleError bad_key_file if malformed."""
    try:
        doc = loads_strict(read_capped(path, KEY_FILE_MAX_BYTES), max_bytes=KEY_FILE_MAX_BYTES)
    except BundleError:
        raise BundleError("bad_key_file") from None
    _need(isinstance(doc, dict) and set(doc) == _FILE_KEYS)
    _need(
        type(doc["version"]) is int
        and doc["version"] == KEY_FILE_VERSION
        and doc["kind"] == KEY_FILE_KIND
    )
    _need(isinstance(doc["agency_id"], str) and isinstance(doc["kdf"], dict))
    kdf = doc["kdf"]
    _need(set(kdf) == _KDF_KEYS and kdf["name"] == "argon2id")
    ops, mem = kdf["opslimit"], kdf["memlimit"]
    _need(type(ops) is int and argon2id.OPSLIMIT_MIN <= ops <= MAX_OPSLIMIT)
    _need(type(mem) is int and argon2id.MEMLIMIT_MIN <= mem <= MAX_MEMLIMIT)
    try:
        public = b64decode_canonical(doc["public_key"])
        salt = b64decode_canonical(doc["salt"])
        ciphertext = b64decode_canonical(doc["ciphertext"])
    except BundleError:
        raise BundleError("bad_key_file") from None
    _need(len(public) == PUBLIC_KEY_BYTES and doc["key_id"] == key_id(public))
    _need(len(salt) == argon2id.SALTBYTES and len(ciphertext) == _CIPHERTEXT_BYTES)
    return KeyFileInfo(doc["agency_id"], doc["key_id"], public, ops, mem), salt, ciphertext


def read_key_file(path: Path) -> KeyFileInfo:
    """The public parts of a key file, without the passphrase."""
    return _load(Path(path))[0]


def unlock_key_file(path: Path, passphrase: str) -> SigningKey:
    """Decrypt the private key; BundleError wrong_passphrase otherwise. Never writes the file."""
    info, salt, ciphertext = _load(Path(path))
    box = SecretBox(_derive(passphrase, salt, info.opslimit, info.memlimit))
    try:
        seed = box.decrypt(ciphertext)
    except CryptoError:
        raise BundleError("wrong_passphrase") from None
    signing_key = SigningKey(seed)
    _need(bytes(signing_key.verify_key) == info.public_key)
    return signing_key
