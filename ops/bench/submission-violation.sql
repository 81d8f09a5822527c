-- pgbench script: the SQL one submission with one CUL finding with one violation (CAFE_NO_MINOR_SIGN,
-- which opens a case; it has no escalation ladder, so no prior-offence count) runs, statement for
-- statement: the venue lookup with the retry check (ResolveVenue) and one INSERT of the inspection,
-- finding, violation, case, case event, outbox event, heat-map counts, stored answer and audit
-- entry (InsertVisit), both named prepared statements in the server: run with -M prepared. The
-- catalogue, ladders and jurisdiction chain are cached in the server. Parameters are written as
-- in submission-plain.sql (see there); the JSON literals put a space after each colon so that
-- pgbench does not read ":false" as a variable.
\set vid random(:venue_min, :venue_max)
\set r random(1, 9223372036854775806)
\set violations 1
-- 1. the venue and the retry check (SubmissionStore.resolveVenue)
SELECT v.id AS v_id, ST_X(v.location::geometry) AS v_lon, ST_Y(v.location::geometry) AS v_lat, v.operator_key AS v_op, v.opening_hours AS v_hours, j.code AS v_code,
       EXISTS (SELECT 1 FROM case_file c WHERE c.venue_id = v.id AND c.rectification_due IS NOT NULL AND c.reinspected_at IS NULL
               AND c.state NOT IN ('closed_rectified', 'closed_escalated')) AS v_pending,
       e.request_hash AS e_hash, e.response::text AS e_answer, e.id AS e_id, j.utc_offset_minutes AS v_utc, v.jurisdiction_id AS v_jur,
       e.position_flagged AS e_flagged, e.distance_m AS e_distance,
       md5(:r::text)::uuid AS sid, json_build_object('venue', :vid::text, 'submission_id', md5(:r::text)::uuid, 'position_flagged', 'false', 'violations', :violations::text)::text AS details
FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
LEFT JOIN inspection e ON e.submission_id = md5(:r::text)::uuid
WHERE v.id = coalesce(:vid::bigint, (SELECT x.id FROM venue x WHERE x.code = NULL::text))
\gset
-- 2. the visit (SubmissionStore.storeFindings: InsertVisit)
WITH f AS MATERIALIZED (
    SELECT nextval(pg_get_serial_sequence('finding', 'id')) AS id, f.n, f.department, f.facts, f.measures
    FROM unnest('{CUL}'::text[], '{未悬挂未成年人禁入标志}'::text[], '{"[]"}'::text[]) WITH ORDINALITY AS f (department, facts, measures, n)),
c AS MATERIALIZED (
    SELECT nextval(pg_get_serial_sequence('finding_violation', 'id')) AS violation_id,
           nextval(pg_get_serial_sequence('case_file', 'id')) AS id, c.*
    FROM unnest('{1}'::bigint[], '{CAFE_NO_MINOR_SIGN}'::text[], ARRAY['{"article": "30", "instrument": "CAFE_REG", "version": "2002"}']::text[], '{CUL}'::text[], '{open}'::text[], '{""}'::text[], ARRAY[now()]::timestamptz[], '{f}'::boolean[],
                '{""}'::text[], '{""}'::text[], ARRAY['{"criminal_referral": false, "department_code": "CUL", "opened_at": "2026-12-04T18:02:39Z", "state": "open"}']::text[], ARRAY[now() + interval '90 days' - interval '1 hour']::timestamptz[], '{t}'::boolean[])
         WITH ORDINALITY AS c (finding, code, basis, department, state, referred_from, referral_deadline, has_deadline,
                               rectification_due, suggestion, snapshot, next_due_at, has_next_due, n)),
ins AS (
    INSERT INTO inspection (submission_id, venue_id, sweep_stop_id, origin, unplanned_reason, outcome, arrived_at, departed_at,
        device_position, position_flagged, distance_m, minors_count, minors_under_14, minors_14_15, minors_16_17,
        minors_log_reference, guardians_called, police_called, mandatory_report_filed, request_hash, recorded_at, submitted_by,
        position_accuracy_m, response)
    VALUES (:sid::uuid, :vid::bigint, NULL::bigint, 'RANDOM'::text, 'bench-floor'::text, 'inspected'::text, (now() - interval '1 hour')::timestamptz, (now() - interval '40 minutes')::timestamptz,
        CASE WHEN NULL::float8 IS NULL OR NULL::float8 IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(NULL::float8, NULL::float8), 4326)::geography END,
        false::boolean, NULL::float8, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
        NULL::text, false::boolean, false::boolean, false::boolean, sha256(:sid::text::bytea)::bytea, now()::timestamptz, 8::bigint,
        NULL::float8::real,
        jsonb_build_object('findings', (
            SELECT jsonb_agg(jsonb_build_object('department', f.department, 'finding_id', f.id, 'revision', 1, 'violations', coalesce((
                SELECT jsonb_agg(jsonb_build_object('case_id', c.id, 'code', c.code, 'department', c.department, 'state', c.state)
                                 || CASE WHEN c.suggestion = '' THEN '{}'::jsonb ELSE jsonb_build_object('suggestion', c.suggestion::jsonb) END
                                 ORDER BY c.n)
                FROM c WHERE c.finding = f.n), '[]'::jsonb)) ORDER BY f.n)
            FROM f)))
    ON CONFLICT (submission_id) DO NOTHING
    RETURNING id),
counted AS (
    INSERT INTO heat_venue_month (venue_id, month, campaign_id, inspections)
    SELECT :vid::bigint, heat_month((now() - interval '1 hour')::timestamptz), 0::bigint, 1 FROM ins
    ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
    DO UPDATE SET inspections = heat_venue_month.inspections + 1, changed_xid = pg_current_xact_id()),
found AS (
    INSERT INTO finding (id, inspection_id, department_code, revision, facts, measures, recorded_at)
    OVERRIDING SYSTEM VALUE
    SELECT f.id, ins.id, f.department, 1, f.facts, f.measures::jsonb, now()::timestamptz FROM ins, f),
linked AS (
    INSERT INTO finding_evidence (finding_id, sha256)
    SELECT f.id, e.sha256 FROM ins, unnest('{}'::bigint[], '{}'::bytea[]) AS e (finding, sha256) JOIN f ON f.n = e.finding
    ON CONFLICT DO NOTHING),
violated AS (
    INSERT INTO finding_violation (id, finding_id, violation_code, legal_basis)
    OVERRIDING SYSTEM VALUE
    SELECT c.violation_id, f.id, c.code, c.basis::jsonb FROM ins, c JOIN f ON f.n = c.finding),
tallied AS (
    INSERT INTO heat_venue_month (venue_id, month, violation_code, department_code, campaign_id, violations)
    SELECT :vid::bigint, heat_month((now() - interval '1 hour')::timestamptz), c.code, c.department, 0::bigint, count(*) FROM ins, c GROUP BY c.code, c.department
    ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
    DO UPDATE SET violations = heat_venue_month.violations + excluded.violations, changed_xid = pg_current_xact_id()),
opened AS (
    INSERT INTO case_file (id, finding_violation_id, inspection_id, venue_id, jurisdiction_id, violation_code, department_code, state,
                           opened_at, operator_key, referred_from, referral_deadline, rectification_due, suggestion, snapshot, next_due_at)
    OVERRIDING SYSTEM VALUE
    SELECT c.id, c.violation_id, ins.id, :vid::bigint, :v_jur::bigint, c.code, c.department, c.state, (now() - interval '1 hour')::timestamptz,
           :v_op::text, nullif(c.referred_from, ''), CASE WHEN c.has_deadline THEN c.referral_deadline END,
           nullif(c.rectification_due, '')::date, nullif(c.suggestion, '')::jsonb, c.snapshot::jsonb,
           CASE WHEN c.has_next_due THEN c.next_due_at END
    FROM ins, c),
logged AS (
    INSERT INTO case_event (case_id, from_state, to_state, occurred_at, note)
    SELECT c.id, NULL, c.state, now(), 'opened from inspection ' || ins.id
           || CASE WHEN c.referred_from = '' THEN '' ELSE ' by ' || c.referred_from || ', referred to ' || c.department END
    FROM ins, c),
announced AS (
    INSERT INTO domain_event (kind, object_type, object_id, jurisdiction_id, department_code, payload)
    SELECT 'case.opened', 'case', c.id::text, :v_jur::bigint, c.department,
           jsonb_build_object('violation_code', c.code, 'state', c.state, 'inspection_id', ins.id::text)
           || CASE WHEN c.referred_from = '' THEN '{}'::jsonb ELSE jsonb_build_object('referred_from', c.referred_from) END
    FROM ins, c),
audited AS (
    INSERT INTO audit_log (actor, action, object_type, object_id, details)
    SELECT 'principal:8'::text, 'inspection.submit'::text, 'inspection'::text, ins.id::text, :details::text::jsonb FROM ins)
SELECT ins.id, (SELECT coalesce(array_agg(f.id ORDER BY f.n), '{}') FROM f), (SELECT coalesce(array_agg(c.id ORDER BY c.n), '{}') FROM c)
FROM ins;
