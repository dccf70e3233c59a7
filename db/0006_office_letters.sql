-- Schema 6: the office's own signing key, and what an agency receives back from it
-- (docs/office-envelopes.md).

-- On the office's install: its own Ed25519 key (private half in DATA/keys/, encrypted),
-- with the self-signed key document agencies install, kept to export without a passphrase.
CREATE TABLE office_own_key (
    key_id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    document BLOB NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT,
    rotation BLOB
);

-- On an agency's install: the office keys it pinned (a key document, then rotations
-- signed by both keys). Kept after retirement: letters it signed stay verifiable.
CREATE TABLE pinned_office_key (
    key_id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    office_name TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('key', 'rotation')),
    document BLOB NOT NULL,
    signed_at TEXT NOT NULL,
    pinned_at TEXT NOT NULL,
    retired_at TEXT
);

-- Every verified letter from the office (receipt, registry update, plan), by the SHA-256
-- of its body bytes; agency and period are set for receipts.
CREATE TABLE office_letter (
    body_sha256 TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'registry', 'plan')),
    key_id TEXT NOT NULL REFERENCES pinned_office_key (key_id),
    issued_at TEXT NOT NULL,
    added_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    agency_id TEXT,
    period_id TEXT,
    summary TEXT NOT NULL,
    envelope BLOB NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX office_letter_receipt ON office_letter (kind, agency_id, period_id, issued_at);
