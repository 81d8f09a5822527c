-- Scope on every resource (issue 11): where a tip lies, and the jurisdiction helpers the access
-- checks use. A jurisdiction's path is its code and those above it, nearest first; a principal's
-- reach is the ids of its scope jurisdictions and everything below them.

ALTER TABLE tip ADD COLUMN jurisdiction_id bigint REFERENCES jurisdiction (id);
CREATE INDEX tip_jurisdiction_idx ON tip (jurisdiction_id);

-- Tips already stored: the venue's jurisdiction, else the district that holds the reported point.
UPDATE tip t SET jurisdiction_id = v.jurisdiction_id FROM venue v WHERE v.id = t.venue_id;
UPDATE tip t SET jurisdiction_id = (
        SELECT j.id FROM jurisdiction j
        WHERE j.level = 'district' AND j.boundary IS NOT NULL AND ST_Covers(j.boundary, t.location::geometry)
        ORDER BY j.id LIMIT 1)
    WHERE t.jurisdiction_id IS NULL AND t.location IS NOT NULL;

CREATE FUNCTION jurisdiction_path(j_id bigint) RETURNS text[] LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up AS (
        SELECT id, parent_id, code, 0 AS depth FROM jurisdiction WHERE id = j_id
        UNION ALL
        SELECT p.id, p.parent_id, p.code, up.depth + 1 FROM jurisdiction p JOIN up ON p.id = up.parent_id WHERE up.depth < 16)
    SELECT coalesce(array_agg(code ORDER BY depth), '{}') FROM up
$$;

CREATE FUNCTION jurisdiction_reach(codes text[]) RETURNS bigint[] LANGUAGE sql STABLE AS $$
    WITH RECURSIVE down AS (
        SELECT id, 0 AS depth FROM jurisdiction WHERE code = ANY (codes)
        UNION
        SELECT j.id, down.depth + 1 FROM jurisdiction j JOIN down ON j.parent_id = down.id WHERE down.depth < 16)
    SELECT coalesce(array_agg(DISTINCT id ORDER BY id), '{}') FROM down
$$;
