-- Schema 1: settings, plans, agencies and append-only progress revisions.
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE plan (
    id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    document TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);

CREATE TABLE agency (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('department', 'body', 'district', 'commune')),
    parent_id TEXT REFERENCES agency (id),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    successor_id TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    note TEXT,
    source TEXT NOT NULL DEFAULT 'seed',
    position INTEGER NOT NULL
);

CREATE TABLE revision (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    agency_id TEXT NOT NULL REFERENCES agency (id),
    plan_id TEXT NOT NULL REFERENCES plan (id),
    task_code TEXT NOT NULL,
    period_id TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    created_at TEXT NOT NULL,
    author TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'not_applicable')),
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    result TEXT NOT NULL DEFAULT '',
    difficulties TEXT NOT NULL DEFAULT '',
    proposals TEXT NOT NULL DEFAULT '',
    restored_from INTEGER,
    UNIQUE (agency_id, plan_id, task_code, period_id, number)
);
CREATE INDEX revision_slot ON revision (agency_id, plan_id, period_id, task_code, number);

CREATE TABLE evidence (
    revision_id INTEGER NOT NULL REFERENCES revision (id),
    position INTEGER NOT NULL,
    number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (revision_id, position)
);

CREATE TABLE indicator_value (
    revision_id INTEGER NOT NULL REFERENCES revision (id),
    indicator_id TEXT NOT NULL,
    numerator INTEGER NOT NULL CHECK (numerator >= 0),
    denominator INTEGER NOT NULL CHECK (denominator >= 1),
    PRIMARY KEY (revision_id, indicator_id)
);

-- Progress is append-only: nothing saved is ever changed or deleted.
CREATE TRIGGER revision_append_only_u BEFORE UPDATE ON revision
BEGIN SELECT RAISE(ABORT, 'revision is append-only'); END;
CREATE TRIGGER revision_append_only_d BEFORE DELETE ON revision
BEGIN SELECT RAISE(ABORT, 'revision is append-only'); END;
CREATE TRIGGER evidence_append_only_u BEFORE UPDATE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER evidence_append_only_d BEFORE DELETE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER indicator_value_append_only_u BEFORE UPDATE ON indicator_value
BEGIN SELECT RAISE(ABORT, 'indicator_value is append-only'); END;
CREATE TRIGGER indicator_value_append_only_d BEFORE DELETE ON indicator_value
BEGIN SELECT RAISE(ABORT, 'indicator_value is append-only'); END;
