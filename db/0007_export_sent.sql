-- Schema 7: the officer marks an exported bundle as sent (by email), on the day given;
-- NULL until marked, and again after "bỏ đánh dấu". The signed bundle itself (every other
-- column) stays append-only: the update trigger now names those columns only.
ALTER TABLE export ADD COLUMN sent_on TEXT;

DROP TRIGGER export_append_only_u;
CREATE TRIGGER export_append_only_u BEFORE UPDATE OF
    agency_id, key_id, seq, period_id, plan_id, state_sha256, body_sha256, prev_sha256,
    envelope, created_at, file_name
ON export
BEGIN SELECT RAISE(ABORT, 'export is append-only'); END;
