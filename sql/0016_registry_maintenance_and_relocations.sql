-- Registry maintenance by people (issue 12): venues registered and corrected, licences issued,
-- each kept in registry_change with its reason like closures; and relocation links stored when a
-- new black café turns up near one closed recently, instead of being guessed at every read.

ALTER TABLE registry_change DROP CONSTRAINT registry_change_change_check;
ALTER TABLE registry_change ADD CONSTRAINT registry_change_change_check
    CHECK (change IN ('venue_closed', 'venue_reopened', 'licence_suspended', 'licence_revoked', 'licence_expired',
                      'licence_reinstated', 'venue_registered', 'venue_corrected', 'licence_issued'));
ALTER TABLE registry_change DROP CONSTRAINT registry_change_check;
ALTER TABLE registry_change ADD CONSTRAINT registry_change_licence_check
    CHECK ((licence_id IS NULL) = (change IN ('venue_closed', 'venue_reopened', 'venue_registered', 'venue_corrected')));
-- A correction keeps what it changed: {"field": {"from": "old", "to": "new"}}.
ALTER TABLE registry_change ADD COLUMN details jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Per-place rules for the detector, in jurisdiction.settings (the nearest jurisdiction on the path
-- that sets a key wins): relocation_radius_m (default 300), relocation_window_months (default 12).
CREATE FUNCTION jurisdiction_setting(j_id bigint, key text) RETURNS jsonb LANGUAGE sql STABLE AS $$
    WITH RECURSIVE up AS (
        SELECT id, parent_id, settings, 0 AS depth FROM jurisdiction WHERE id = j_id
        UNION ALL
        SELECT p.id, p.parent_id, p.settings, up.depth + 1 FROM jurisdiction p JOIN up ON p.id = up.parent_id WHERE up.depth < 16)
    SELECT settings -> key FROM up WHERE settings ? key ORDER BY depth LIMIT 1
$$;

CREATE TABLE relocation_link (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The café that turned up, and the closed one it probably continues.
    venue_id           bigint NOT NULL REFERENCES venue (id),
    closed_venue_id    bigint NOT NULL REFERENCES venue (id),
    distance_m         double precision NOT NULL CHECK (distance_m >= 0),
    closed_on          date NOT NULL,
    found_on           date NOT NULL,
    days_since_closure integer NOT NULL CHECK (days_since_closure >= 0),
    -- The closed café's operator when the registry knew it; same_operator when the new one names the same.
    operator_key       text,
    same_operator      boolean NOT NULL DEFAULT false,
    found_by           text NOT NULL CHECK (found_by IN ('registered', 'inspected', 'imported')),
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (venue_id, closed_venue_id),
    CHECK (venue_id <> closed_venue_id)
);
CREATE INDEX relocation_link_closed_idx ON relocation_link (closed_venue_id);
CREATE INDEX relocation_link_found_idx ON relocation_link (found_on);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN RETURN; END IF;
    GRANT SELECT, INSERT ON relocation_link TO sweep_app;
END $$;
