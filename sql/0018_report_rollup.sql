-- Leadership summaries at province scale (issue 13). The compliance estimate and the trend count
-- inspected visits, and visits in violation, by arrival day, district, target kind and how the venue
-- was chosen — "as recorded by a moment" (as_of), so an issued brief can be re-run. Counting raw rows
-- for that took 0.7 s at city scale; this rollup holds the counts of everything recorded before a
-- cut (the start of a UTC day), and a report adds what was recorded between the cut and its moment
-- (or takes away what was recorded between its moment and the cut) from the raw rows, through one
-- function, so the rollup and the raw rows can never disagree on what a change is.

-- The planning target kind of a venue; one definition for reports, progress and planning.
CREATE FUNCTION venue_target_kind(kind text, licensed boolean) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN kind = 'internet_cafe' THEN CASE WHEN licensed THEN 'licensed_cafe' ELSE 'unlicensed_cafe' END
                      ELSE kind END $$;

-- Whether a finding recorded by `at` was still its department's latest revision for the visit then
-- (a correction supersedes it from the moment the correction was recorded).
CREATE FUNCTION finding_current_as_of(inspection bigint, department text, revision integer, at timestamptz) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT NOT EXISTS (SELECT 1 FROM finding later WHERE later.inspection_id = inspection
                             AND later.department_code = department AND later.revision > revision AND later.recorded_at <= at) $$;

-- Whether an inspection's findings as recorded by `at` name a violation.
CREATE FUNCTION inspection_violated_as_of(inspection bigint, at timestamptz) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT EXISTS (SELECT 1 FROM finding f JOIN finding_violation fv ON fv.finding_id = f.id
                         WHERE f.inspection_id = inspection AND f.recorded_at <= at
                           AND finding_current_as_of(inspection, f.department_code, f.revision, at)) $$;

-- How the venue of a visit was chosen, as the reports label it ('random' for a random draw, else the
-- inspection's origin in lower case), and whether it counts as a random draw for the estimate.
CREATE FUNCTION visit_selection(origin text, stop_reason jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN stop_reason ->> 'method' = 'random_draw' THEN 'random' ELSE lower(origin) END $$;
CREATE FUNCTION visit_is_random(origin text, stop_reason jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT origin = 'RANDOM' OR coalesce(stop_reason ->> 'method' = 'random_draw', false) $$;

CREATE INDEX inspection_recorded_idx ON inspection (recorded_at);
CREATE INDEX finding_recorded_idx ON finding (recorded_at);

-- What changed in the counts between two moments: visits recorded in (after, upto], and visits whose
-- violation status differs between `after` and `upto` because a finding was recorded in between.
-- District and kind are the venue's when this runs.
CREATE FUNCTION report_visit_changes(after timestamptz, upto timestamptz)
RETURNS TABLE (arrived_on date, jurisdiction_id bigint, target_kind text, random boolean, origin text, visits bigint, in_violation bigint)
LANGUAGE sql STABLE AS $$
    WITH touched AS (
        SELECT id FROM inspection WHERE recorded_at > after AND recorded_at <= upto
        UNION
        SELECT inspection_id FROM finding WHERE recorded_at > after AND recorded_at <= upto
    ), status AS (
        SELECT i.*, i.recorded_at > after AS new_visit, inspection_violated_as_of(i.id, upto) AS violated_now,
               i.recorded_at <= after AND inspection_violated_as_of(i.id, after) AS violated_before
        FROM touched t JOIN inspection i ON i.id = t.id
        WHERE i.outcome = 'inspected' AND i.recorded_at <= upto
    )
    SELECT (s.arrived_at AT TIME ZONE 'UTC')::date, v.jurisdiction_id, venue_target_kind(v.kind, v.licensed),
           visit_is_random(s.origin, ss.reason), visit_selection(s.origin, ss.reason),
           count(*) FILTER (WHERE s.new_visit), sum(s.violated_now::int - s.violated_before::int)
    FROM status s JOIN venue v ON v.id = s.venue_id LEFT JOIN sweep_stop ss ON ss.id = s.sweep_stop_id
    GROUP BY 1, 2, 3, 4, 5
    HAVING count(*) FILTER (WHERE s.new_visit) <> 0 OR sum(s.violated_now::int - s.violated_before::int) <> 0
$$;

-- Counts of everything recorded up to `report_rollup_cut.through`, per arrival day ('D') and per
-- arrival month ('M', arrived_on = the first of the month), so a year's window reads twelve month
-- rows per group and the days of its partial months; and per arrival day and district alone ('T',
-- kind '', origin '', random false) for the weekly trend, a fifth of the day rows. The counts ride
-- in the key's index so a window is read by index-only scans.
CREATE TABLE report_visit_rollup (
    span            char(1) NOT NULL CHECK (span IN ('D', 'M', 'T')),
    arrived_on      date NOT NULL,
    jurisdiction_id bigint NOT NULL,
    target_kind     text NOT NULL,
    random          boolean NOT NULL,
    origin          text NOT NULL,
    visits          integer NOT NULL,
    in_violation    integer NOT NULL,
    PRIMARY KEY (span, arrived_on, jurisdiction_id, target_kind, random, origin) INCLUDE (visits, in_violation)
);
-- Index-only scans need the visibility map: vacuum soon after each day is counted, not after a
-- fifth of the table has changed.
ALTER TABLE report_visit_rollup SET (autovacuum_vacuum_insert_threshold = 1000, autovacuum_vacuum_insert_scale_factor = 0,
                                     autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0);

CREATE TABLE report_rollup_cut (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    through  timestamptz NOT NULL
);
INSERT INTO report_rollup_cut VALUES (true, '-infinity');

-- Adds what was recorded in (after, upto] to the rollup.
CREATE FUNCTION report_rollup_count(after timestamptz, upto timestamptz) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_visit_rollup AS r (span, arrived_on, jurisdiction_id, target_kind, random, origin, visits, in_violation)
    SELECT s.span, CASE WHEN s.span = 'M' THEN date_trunc('month', c.arrived_on)::date ELSE c.arrived_on END, c.jurisdiction_id,
           CASE WHEN s.span = 'T' THEN '' ELSE c.target_kind END, s.span <> 'T' AND c.random, CASE WHEN s.span = 'T' THEN '' ELSE c.origin END,
           sum(c.visits), sum(c.in_violation)
    FROM report_visit_changes(after, upto) c CROSS JOIN (VALUES ('D'), ('M'), ('T')) AS s (span)
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (span, arrived_on, jurisdiction_id, target_kind, random, origin)
    DO UPDATE SET visits = r.visits + excluded.visits, in_violation = r.in_violation + excluded.in_violation;
$$;

-- Moves the cut forward to the start of the current UTC day, counting what was recorded in between,
-- and returns the cut in force. One advancer at a time (the cut's row lock); another caller does
-- not wait but is told the old cut, and counts from there (more raw rows, the same answer). Days
-- that ended more than a day before are counted first without holding writers back; for the last
-- day, writers in flight are waited for (SHARE on the two tables), so nothing recorded before the
-- new cut commits after it was counted. The lock timeout is shorter than deadlock_timeout, so a
-- writer holding one table and wanting the other wins. A row recorded before the cut that arrives
-- later (a back-dated load, a clock behind) resets the rollup through the trigger below.
CREATE FUNCTION report_rollup_advance() RETURNS timestamptz LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public, pg_temp SET lock_timeout = '500ms' AS $$
DECLARE
    old_cut timestamptz;
    new_cut timestamptz := date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
BEGIN
    SELECT through INTO old_cut FROM report_rollup_cut;
    IF old_cut >= new_cut THEN RETURN old_cut; END IF;
    BEGIN
        SELECT through INTO old_cut FROM report_rollup_cut FOR UPDATE;
    EXCEPTION WHEN lock_not_available THEN
        RETURN old_cut;
    END;
    IF old_cut >= new_cut THEN RETURN old_cut; END IF;
    IF old_cut < new_cut - interval '1 day' THEN
        PERFORM report_rollup_count(old_cut, new_cut - interval '1 day');
        old_cut := new_cut - interval '1 day';
        UPDATE report_rollup_cut SET through = old_cut;
    END IF;
    BEGIN
        LOCK TABLE inspection, finding IN SHARE MODE;
    EXCEPTION WHEN lock_not_available THEN
        RETURN old_cut;
    END;
    PERFORM report_rollup_count(old_cut, new_cut);
    UPDATE report_rollup_cut SET through = new_cut;
    RETURN new_cut;
END $$;

-- Counting again from nothing (after a bulk load, or to check the rollup).
CREATE FUNCTION report_rollup_reset() RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    UPDATE report_rollup_cut SET through = '-infinity';
    DELETE FROM report_visit_rollup;
$$;

-- A row recorded before the cut, written after it: the counts no longer hold from that row's day on,
-- so the days from there are dropped and counted again by the next advance. The trigger's WHEN keeps
-- this off the ordinary path (a row recorded today); bulk loads set sweep.bulk_load and reset after.
CREATE FUNCTION report_rollup_backdated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    cut timestamptz;
BEGIN
    SELECT through INTO cut FROM report_rollup_cut FOR UPDATE;
    IF NEW.recorded_at <= cut THEN
        PERFORM report_rollup_reset();
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER inspection_backdated AFTER INSERT ON inspection FOR EACH ROW
    WHEN (NEW.recorded_at <= date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
          AND coalesce(current_setting('sweep.bulk_load', true), '') <> 'on')
    EXECUTE FUNCTION report_rollup_backdated();
CREATE TRIGGER finding_backdated AFTER INSERT ON finding FOR EACH ROW
    WHEN (NEW.recorded_at <= date_trunc('day', clock_timestamp() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
          AND coalesce(current_setting('sweep.bulk_load', true), '') <> 'on')
    EXECUTE FUNCTION report_rollup_backdated();

-- The compliance estimate's frame: the venues of each district and kind registered by a moment and
-- not closed on its day. Counting 310,000 venues took 120-160 ms per report at province scale, and
-- the answer changes only when the registry does. So the count of every venue open on a day is kept
-- per day, and holds for any moment after the registry last changed; any statement that changes
-- the venue table forgets what was kept and notes when it ran. A moment before that change (a
-- re-run of an old brief) is counted from the table.
CREATE TABLE report_frame_day (
    day             date NOT NULL,
    jurisdiction_id bigint NOT NULL,
    target_kind     text NOT NULL,
    venues          integer NOT NULL,
    PRIMARY KEY (day, jurisdiction_id, target_kind)
);
CREATE TABLE report_frame_counted (day date PRIMARY KEY);
CREATE TABLE report_frame_state (
    only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    changed_at timestamptz NOT NULL
);
INSERT INTO report_frame_state VALUES (true, clock_timestamp());

CREATE FUNCTION report_frame(at timestamptz) RETURNS TABLE (jurisdiction_id bigint, target_kind text, venues bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '500ms' AS $$
DECLARE
    d date := (at AT TIME ZONE 'UTC')::date;
    usable boolean;
BEGIN
    SELECT at >= s.changed_at INTO usable FROM report_frame_state s;
    IF usable AND NOT EXISTS (SELECT 1 FROM report_frame_counted c WHERE c.day = d) THEN
        BEGIN
            -- Registry writers in flight are waited for, so what is kept is what they leave.
            LOCK TABLE venue IN SHARE MODE;
            SELECT at >= s.changed_at INTO usable FROM report_frame_state s;
            IF usable THEN
                INSERT INTO report_frame_counted VALUES (d) ON CONFLICT DO NOTHING;
                INSERT INTO report_frame_day
                SELECT d, v.jurisdiction_id, venue_target_kind(v.kind, v.licensed), count(*)
                FROM venue v
                WHERE v.kind IN ('internet_cafe', 'tobacco_retail') AND (v.closed_on > d OR (v.closed_on IS NULL AND v.status <> 'closed'))
                GROUP BY 2, 3
                ON CONFLICT DO NOTHING;
            END IF;
        EXCEPTION WHEN lock_not_available THEN
            usable := false;
        END;
    END IF;
    IF usable THEN
        RETURN QUERY SELECT k.jurisdiction_id, k.target_kind, k.venues::bigint FROM report_frame_day k WHERE k.day = d;
    ELSE
        RETURN QUERY
        SELECT v.jurisdiction_id, venue_target_kind(v.kind, v.licensed), count(*)
        FROM venue v
        WHERE v.created_at <= at AND v.kind IN ('internet_cafe', 'tobacco_retail')
          AND (v.closed_on > d OR (v.closed_on IS NULL AND v.status <> 'closed'))
        GROUP BY 1, 2;
    END IF;
END $$;

CREATE FUNCTION report_frame_forget() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM report_frame_counted;
    DELETE FROM report_frame_day;
    UPDATE report_frame_state SET changed_at = clock_timestamp();
    RETURN NULL;
END $$;
CREATE TRIGGER venue_frame_changed AFTER INSERT OR UPDATE OR DELETE ON venue FOR EACH STATEMENT EXECUTE FUNCTION report_frame_forget();

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN RETURN; END IF;
    GRANT SELECT ON report_visit_rollup, report_rollup_cut, report_frame_day, report_frame_counted, report_frame_state TO sweep_app;
    REVOKE INSERT, UPDATE ON report_visit_rollup, report_rollup_cut, report_frame_day, report_frame_counted, report_frame_state FROM sweep_app;
END $$;
