-- The department evaluation at province scale (issue 13): 555 ms p50 after 0019, against 200 ms.
-- Most of it was the exact median and 90th percentile of days to decision over a year's 290,000
-- cases, sorted per department and per district on every report. A closed case's figures stop
-- changing once every moment the evaluation compares with has passed — its recording, decision,
-- acceptance, re-inspection, closing, and the day after its rectification deadline: its
-- `settled_at`. The cases settled by a daily cut are kept counted per opening month, department and
-- district, with their days to decision as a sorted array, so a report as of any moment after the
-- cut reads a year as a few thousand rows, and counts from the cases only its window's partial months
-- and the cases not settled by the cut (open, or closed since). The percentiles are taken over the
-- kept arrays merged with the counted ones: exactly the printed definitions, nothing approximated.

ALTER TABLE case_file ADD COLUMN settled_at timestamptz;

UPDATE case_file c
SET settled_at = greatest(c.closed_at, c.opened_at, c.decided_at, c.accepted_at, c.reinspected_at,
                          (c.rectification_due + 1)::timestamp AT TIME ZONE 'UTC',
                          (SELECT i.recorded_at FROM inspection i WHERE i.id = c.inspection_id))
WHERE c.closed_at IS NOT NULL;

-- Every path that writes a case keeps it (a submission, a case transition, the demo's bulk load).
-- SECURITY DEFINER: the inspection may be outside what the writing role's policies show.
CREATE FUNCTION case_file_settled() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.closed_at IS NULL THEN
        NEW.settled_at := NULL;
    ELSE
        NEW.settled_at := greatest(NEW.closed_at, NEW.opened_at, NEW.decided_at, NEW.accepted_at, NEW.reinspected_at,
                                   (NEW.rectification_due + 1)::timestamp AT TIME ZONE 'UTC',
                                   (SELECT i.recorded_at FROM inspection i WHERE i.id = NEW.inspection_id));
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER case_file_settled BEFORE INSERT OR UPDATE ON case_file FOR EACH ROW EXECUTE FUNCTION case_file_settled();

-- One case's figures as of a moment, each flag already what is counted (in_time implies referred,
-- verified implies due). One definition for the kept counts and the counted ones; a plain SQL
-- function, so the planner inlines it and a window's bounds still choose the index.
CREATE FUNCTION case_evaluation(as_of timestamptz)
RETURNS TABLE (department_code text, jurisdiction_id bigint, opened_at timestamptz, settled_at timestamptz, days float8,
               referred boolean, in_time boolean, late boolean, awaiting boolean, due boolean, verified boolean, passed boolean,
               overdue boolean)
LANGUAGE sql STABLE AS $$
    SELECT c.department_code, c.jurisdiction_id, c.opened_at, c.settled_at,
           -- date_part is float8; extract's numeric arithmetic took a third of the query at province scale.
           CASE WHEN c.decided_at <= as_of THEN date_part('epoch', c.decided_at - c.opened_at) / 86400 END,
           c.referred_from IS NOT NULL,
           c.referred_from IS NOT NULL AND coalesce(c.accepted_at <= as_of AND c.accepted_at <= c.referral_deadline, false),
           c.referred_from IS NOT NULL AND coalesce(c.accepted_at <= as_of AND c.accepted_at > c.referral_deadline, false),
           c.referred_from IS NOT NULL AND NOT coalesce(c.accepted_at <= as_of AND c.accepted_at <= c.referral_deadline, false)
               AND NOT coalesce(c.accepted_at <= as_of AND c.accepted_at > c.referral_deadline, false),
           coalesce(c.rectification_due < (as_of AT TIME ZONE 'UTC')::date, false),
           coalesce(c.rectification_due < (as_of AT TIME ZONE 'UTC')::date AND c.reinspected_at <= as_of, false),
           coalesce(c.rectification_due < (as_of AT TIME ZONE 'UTC')::date AND c.reinspected_at <= as_of AND c.reinspection_passed, false),
           coalesce((c.closed_at IS NULL OR c.closed_at > as_of) AND (
               (c.decided_at IS NULL OR c.decided_at > as_of) AND c.opened_at < as_of - interval '90 days'
            OR c.referred_from IS NOT NULL AND (c.accepted_at IS NULL OR c.accepted_at > as_of) AND c.referral_deadline < as_of
            OR c.rectification_due < (as_of AT TIME ZONE 'UTC')::date AND (c.reinspected_at IS NULL OR c.reinspected_at > as_of)), false)
    FROM case_file c
    WHERE c.opened_at <= as_of
      -- A case exists from its visit's recording: an anti-join on the few visits recorded after the moment.
      AND NOT EXISTS (SELECT 1 FROM inspection i WHERE i.id = c.inspection_id AND i.recorded_at > as_of)
$$;

-- What the counted part reads: the open cases of a window's whole months, and the cases settled
-- after the cut (today's closings), without visiting the table for the first.
CREATE INDEX case_file_unsettled_idx ON case_file (opened_at)
    INCLUDE (department_code, jurisdiction_id, decided_at, referred_from, accepted_at, referral_deadline,
             rectification_due, reinspected_at, reinspection_passed, closed_at, inspection_id)
    WHERE settled_at IS NULL;
CREATE INDEX case_file_settled_idx ON case_file (settled_at) WHERE settled_at IS NOT NULL;

CREATE TABLE department_case_rollup (
    opened_month    date NOT NULL,
    department_code text NOT NULL,
    jurisdiction_id bigint NOT NULL,
    cases           integer NOT NULL,
    decided         integer NOT NULL,
    referred        integer NOT NULL,
    in_time         integer NOT NULL,
    late            integer NOT NULL,
    awaiting        integer NOT NULL,
    due             integer NOT NULL,
    verified        integer NOT NULL,
    passed          integer NOT NULL,
    -- Days from finding to decision of the decided cases, ascending.
    days            float8[] NOT NULL,
    PRIMARY KEY (opened_month, department_code, jurisdiction_id)
);

CREATE TABLE department_rollup_cut (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    through  timestamptz NOT NULL
);
INSERT INTO department_rollup_cut VALUES (true, '-infinity');

-- Waits for the case writers in flight (they may hold a case settled before the cut that the
-- trigger below did not report, having written it before the day began) and lets them go on.
CREATE FUNCTION department_rollup_writers_done() RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp SET lock_timeout = '500ms' AS $$
BEGIN
    LOCK TABLE case_file IN SHARE MODE;
    RETURN true;
EXCEPTION WHEN lock_not_available THEN
    RETURN false;
END $$;

-- Counts the cases settled by `cut` (at most the start of the current UTC day) afresh: a province's
-- 720,000 cases in about a second. Call after department_rollup_writers_done() has returned true, in
-- a later transaction. Another builder, or a case write that forgets the rollup (below) in flight,
-- makes this give up (false) rather than wait; the report then counts from the cases.
CREATE FUNCTION department_rollup_build(cut timestamptz) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp AS $$
DECLARE
    kept timestamptz;
BEGIN
    IF cut > date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' THEN
        RAISE EXCEPTION 'a department rollup cut must not be after the start of the current UTC day (%)', cut;
    END IF;
    BEGIN
        SELECT through INTO kept FROM department_rollup_cut FOR UPDATE NOWAIT;
    EXCEPTION WHEN lock_not_available OR serialization_failure THEN
        RETURN false;
    END;
    IF kept = cut THEN RETURN true; END IF;
    DELETE FROM department_case_rollup;
    INSERT INTO department_case_rollup
    SELECT date_trunc('month', e.opened_at AT TIME ZONE 'UTC')::date, e.department_code, e.jurisdiction_id, count(*), count(e.days),
           count(*) FILTER (WHERE e.referred), count(*) FILTER (WHERE e.in_time), count(*) FILTER (WHERE e.late),
           count(*) FILTER (WHERE e.awaiting), count(*) FILTER (WHERE e.due), count(*) FILTER (WHERE e.verified),
           count(*) FILTER (WHERE e.passed), coalesce(array_agg(e.days ORDER BY e.days) FILTER (WHERE e.days IS NOT NULL), '{}')
    FROM case_evaluation(cut) e
    WHERE e.settled_at <= cut
    GROUP BY 1, 2, 3;
    UPDATE department_rollup_cut SET through = cut;
    RETURN true;
END $$;

CREATE FUNCTION department_rollup_reset() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE department_rollup_cut SET through = '-infinity';
    DELETE FROM department_case_rollup;
$$;

-- A case settled before the day began, written now (a back-dated write, a registry correction that
-- moves a venue's old cases): the kept counts no longer hold, so the next report counts afresh.
-- Always an UPDATE of the cut's row, so a build running beside it gives up or sees the case. The
-- WHEN keeps this off the ordinary path (today's closings settle after the cut); bulk loads set
-- sweep.bulk_load and reset after.
CREATE FUNCTION department_rollup_forget() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE department_rollup_cut SET through = '-infinity';
    RETURN NULL;
END $$;

CREATE TRIGGER case_file_settled_written AFTER INSERT ON case_file FOR EACH ROW
    WHEN (NEW.settled_at <= date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
          AND coalesce(current_setting('sweep.bulk_load', true), '') <> 'on')
    EXECUTE FUNCTION department_rollup_forget();
CREATE TRIGGER case_file_settled_changed AFTER UPDATE ON case_file FOR EACH ROW
    WHEN ((OLD.settled_at <= date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
           OR NEW.settled_at <= date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
          AND (OLD.department_code, OLD.jurisdiction_id, OLD.opened_at, OLD.decided_at, OLD.referred_from, OLD.accepted_at,
               OLD.referral_deadline, OLD.rectification_due, OLD.reinspected_at, OLD.reinspection_passed, OLD.closed_at,
               OLD.settled_at, OLD.inspection_id)
              IS DISTINCT FROM (NEW.department_code, NEW.jurisdiction_id, NEW.opened_at, NEW.decided_at, NEW.referred_from,
               NEW.accepted_at, NEW.referral_deadline, NEW.rectification_due, NEW.reinspected_at, NEW.reinspection_passed,
               NEW.closed_at, NEW.settled_at, NEW.inspection_id)
          AND coalesce(current_setting('sweep.bulk_load', true), '') <> 'on')
    EXECUTE FUNCTION department_rollup_forget();
CREATE TRIGGER case_file_settled_removed AFTER DELETE ON case_file FOR EACH ROW
    WHEN (OLD.settled_at <= date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
    EXECUTE FUNCTION department_rollup_forget();

ALTER TABLE department_case_rollup SET (autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN RETURN; END IF;
    GRANT SELECT ON department_case_rollup, department_rollup_cut TO sweep_app;
    REVOKE INSERT, UPDATE ON department_case_rollup, department_rollup_cut FROM sweep_app;
END $$;
