-- Schema 2: autosaved drafts of the open form, and related tasks an agency follows.
CREATE TABLE draft (
    agency_id TEXT NOT NULL REFERENCES agency (id),
    plan_id TEXT NOT NULL REFERENCES plan (id),
    task_code TEXT NOT NULL,
    period_id TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (agency_id, plan_id, task_code, period_id)
);

CREATE TABLE followed_task (
    agency_id TEXT NOT NULL REFERENCES agency (id),
    plan_id TEXT NOT NULL REFERENCES plan (id),
    task_code TEXT NOT NULL,
    since TEXT NOT NULL,
    PRIMARY KEY (agency_id, plan_id, task_code)
);
