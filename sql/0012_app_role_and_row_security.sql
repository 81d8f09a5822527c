-- Defence in depth (issue 11): the server connects as sweep_app, a role that owns nothing and
-- holds only the grants it needs, and row-level security on the scoped tables (venue, inspection,
-- case_file, tip) filters what a request's transaction can see by the principal's reach, set with
-- SET LOCAL sweep.reach / sweep.department. Admin commands keep the owner role, which row-level
-- security does not bind. Roles are cluster-wide: the first database of a cluster creates it.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN
        CREATE ROLE sweep_app LOGIN;
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'cannot create the role sweep_app (%); create it as a superuser and re-run, or the server keeps the owner role', SQLERRM;
END $$;

-- Unset (''): work outside a request (start-up, background refresh) and writes, which the
-- application checks; '*': everywhere; else a comma-separated list of jurisdiction ids.
CREATE FUNCTION sweep_reach_limited() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('sweep.reach', true), '') NOT IN ('', '*')
$$;

-- CASE, not OR: the list is parsed only when there is one.
CREATE FUNCTION sweep_reach_allows(j_id bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN sweep_reach_limited()
                THEN j_id = ANY (string_to_array(current_setting('sweep.reach', true), ',')::bigint[])
                ELSE true END
$$;

CREATE FUNCTION sweep_department_allows(own text, referred text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('sweep.department', true), '') = ''
        OR current_setting('sweep.department', true) IN (own, referred)
$$;

ALTER TABLE venue ENABLE ROW LEVEL SECURITY;
ALTER TABLE inspection ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE tip ENABLE ROW LEVEL SECURITY;

CREATE POLICY venue_in_reach ON venue
    USING (sweep_reach_allows(jurisdiction_id)) WITH CHECK (true);
CREATE POLICY inspection_in_reach ON inspection
    USING (NOT sweep_reach_limited() OR venue_id IN (SELECT id FROM venue)) WITH CHECK (true);
CREATE POLICY case_in_reach ON case_file
    USING ((NOT sweep_reach_limited() OR venue_id IN (SELECT id FROM venue))
           AND sweep_department_allows(department_code, snapshot ->> 'referred_to')) WITH CHECK (true);
CREATE POLICY tip_in_reach ON tip
    USING (sweep_reach_allows(jurisdiction_id) AND sweep_department_allows(department_code, NULL)) WITH CHECK (true);

-- The sealer fills the chain columns as the owner, so the application needs no UPDATE on the log.
ALTER FUNCTION audit_seal(integer) SECURITY DEFINER SET search_path = public, pg_temp;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN RETURN; END IF;
    GRANT USAGE ON SCHEMA public TO sweep_app;
    GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO sweep_app;
    -- What the server deletes: days made available again, and stops and crews a repair replaces.
    GRANT DELETE ON inspector_unavailability, sweep_member, sweep_stop TO sweep_app;
    -- The audit log and its chain head: append and read only.
    REVOKE UPDATE ON audit_log, audit_chain_head FROM sweep_app;
    -- The migration ledger is the owner's.
    REVOKE INSERT, UPDATE ON schema_migrations FROM sweep_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sweep_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE ON TABLES TO sweep_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO sweep_app;
END $$;
