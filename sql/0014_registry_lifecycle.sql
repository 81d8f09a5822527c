-- The registry follows what happens (issue 12): licences carry a status, venues a closure date and
-- reason, every change is kept with its reason (and the case that decided it), and each change
-- writes a domain event to an outbox in the same transaction, for other systems to read.

ALTER TABLE licence
    ADD COLUMN status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'suspended', 'revoked', 'expired')),
    ADD COLUMN suspended_until date;

ALTER TABLE venue
    ADD COLUMN closed_on date,
    ADD COLUMN closed_reason text;

CREATE TABLE registry_change (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id     bigint NOT NULL REFERENCES venue (id),
    licence_id   bigint REFERENCES licence (id),
    change       text NOT NULL CHECK (change IN ('venue_closed', 'venue_reopened', 'licence_suspended', 'licence_revoked',
                                                 'licence_expired', 'licence_reinstated')),
    effective_on date NOT NULL,
    until        date,
    reason       text NOT NULL CHECK (length(reason) > 0),
    -- The case whose decision made the change; NULL for maintenance by a person.
    case_id      bigint REFERENCES case_file (id),
    actor        text NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((licence_id IS NULL) = (change IN ('venue_closed', 'venue_reopened')))
);
CREATE INDEX registry_change_venue_idx ON registry_change (venue_id, id);

-- The outbox. An event gets its place in the feed (seq) only once it is committed: readers first
-- run event_sequence(), which numbers, under one lock, the committed events not yet numbered, then
-- page by seq. An event that commits late simply gets a later number, so a cursor never passes an
-- event it has not shown, and no long transaction elsewhere holds the feed back.
CREATE SEQUENCE domain_event_seq;
CREATE TABLE domain_event (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    seq             bigint UNIQUE,
    kind            text NOT NULL,
    object_type     text NOT NULL,
    object_id       text NOT NULL,
    jurisdiction_id bigint REFERENCES jurisdiction (id),
    department_code text REFERENCES department (code),
    payload         jsonb NOT NULL DEFAULT '{}'::jsonb,
    occurred_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX domain_event_unsequenced_idx ON domain_event (id) WHERE seq IS NULL;

-- Runs as the owner so the application needs no UPDATE on the outbox; one sequencer at a time,
-- events of a transaction numbered in the order they were written.
CREATE FUNCTION event_sequence() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r record;
    n integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('sweep.event_sequence'));
    FOR r IN SELECT id FROM domain_event WHERE seq IS NULL ORDER BY id LOOP
        UPDATE domain_event SET seq = nextval('domain_event_seq') WHERE id = r.id;
        n := n + 1;
    END LOOP;
    RETURN n;
END;
$$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN RETURN; END IF;
    GRANT SELECT, INSERT, UPDATE ON registry_change, domain_event TO sweep_app;
    -- Changes and events are records: appended, never rewritten by the application.
    REVOKE UPDATE ON registry_change, domain_event FROM sweep_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sweep_app;
END $$;
