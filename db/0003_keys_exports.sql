-- Schema 3: the agency's signing keys and every bundle it exported.
CREATE TABLE signing_key (
    key_id TEXT PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agency (id),
    public_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT,
    rotation TEXT
);

-- seq runs per agency and continues across key rotations (the chain continues).
-- A bundle is committed here (seq and bytes) before its file is written, so a crash
-- leaves either nothing or a stored bundle that the next export replays.
CREATE TABLE export (
    agency_id TEXT NOT NULL REFERENCES agency (id),
    key_id TEXT NOT NULL REFERENCES signing_key (key_id),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    period_id TEXT NOT NULL,
    plan_id TEXT NOT NULL REFERENCES plan (id),
    state_sha256 TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    prev_sha256 TEXT NOT NULL,
    envelope BLOB NOT NULL,
    created_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    PRIMARY KEY (agency_id, seq)
);
CREATE INDEX export_period ON export (agency_id, period_id, created_at);

CREATE TRIGGER export_append_only_u BEFORE UPDATE ON export
BEGIN SELECT RAISE(ABORT, 'export is append-only'); END;
CREATE TRIGGER export_append_only_d BEFORE DELETE ON export
BEGIN SELECT RAISE(ABORT, 'export is append-only'); END;
