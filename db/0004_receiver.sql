-- Schema 4: the receiving office (Sở Nội vụ): keyring, received bundles, rejected files.

-- Public keys the office registered from enrolment documents or rotation statements.
-- A key is never deleted: bundles it signed stay verifiable after it is retired or revoked.
CREATE TABLE receiver_key (
    key_id TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agency (id),
    public_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    officer TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL CHECK (source IN ('enrolment', 'rotation')),
    document BLOB NOT NULL,
    rotated_from TEXT REFERENCES receiver_key (key_id),
    signed_at TEXT NOT NULL,
    added_at TEXT NOT NULL,
    retired_at TEXT,
    revoked_on TEXT,
    revoked_reason TEXT,
    revoked_at TEXT
);
CREATE INDEX receiver_key_agency ON receiver_key (agency_id);

-- Every verified bundle, by identity (SHA-256 of the body bytes). `state` is 'accepted'
-- (part of the agency's chain), 'fork' (same seq as an accepted one, other content:
-- held for a person to decide, never counted) or 'set_aside' (a person decided against it).
CREATE TABLE received_bundle (
    body_sha256 TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agency (id),
    period_id TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    prev_sha256 TEXT NOT NULL,
    key_id TEXT NOT NULL REFERENCES receiver_key (key_id),
    plan_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('accepted', 'fork', 'set_aside')),
    gap_after INTEGER,
    decided_at TEXT,
    decision_note TEXT,
    envelope BLOB NOT NULL,
    body TEXT NOT NULL
);
CREATE UNIQUE INDEX received_bundle_chain ON received_bundle (agency_id, seq)
    WHERE state = 'accepted';
CREATE INDEX received_bundle_period ON received_bundle (period_id, agency_id, seq);

-- What was received is kept as received.
CREATE TRIGGER received_bundle_keep_u BEFORE UPDATE OF body_sha256, agency_id, seq, envelope, body
    ON received_bundle
BEGIN SELECT RAISE(ABORT, 'received bundles are kept as received'); END;
CREATE TRIGGER received_bundle_keep_d BEFORE DELETE ON received_bundle
BEGIN SELECT RAISE(ABORT, 'received bundles are kept as received'); END;

-- Files that failed a check, once per file content; agency, period and seq are what the
-- file claims (its name, or its verified body for a replay) and are not trusted.
CREATE TABLE rejected_file (
    file_sha256 TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    received_at TEXT NOT NULL,
    agency_id TEXT,
    period_id TEXT,
    seq INTEGER,
    code TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX rejected_file_period ON rejected_file (period_id, agency_id);
