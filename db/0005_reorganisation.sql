-- Schema 5: the 2025 reorganisation. Successors become a list with dates (JSON:
-- [{"to": "so-khoa-hoc-cong-nghe", "from": "2025-03-01"}]); `successor_id` stays, holding
-- the first one, for older readers. A commune records the province it came from (the
-- Hà Giang and Tuyên Quang merger); communes may belong to no district (parent_id NULL).
ALTER TABLE agency ADD COLUMN successors TEXT NOT NULL DEFAULT '[]';
ALTER TABLE agency ADD COLUMN former_province TEXT;
