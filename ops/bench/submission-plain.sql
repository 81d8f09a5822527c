-- pgbench script: the SQL one plain submission (POST /v1/submissions, no findings) runs, statement
-- for statement: the venue lookup with the retry check (ResolveVenue) and one INSERT of the
-- inspection with its heat-map count and audit entry (InsertInspection), both named prepared
-- statements in the server, so run it with -M prepared. The "SQL floor" for ops/bench-submit (its
-- third section). The server trusts a token for 5 s, so no token query runs per submission.
--   pgbench -M prepared -D venue_min=1 -D venue_max=500 \
--     -f ops/bench/submission-plain.sql@7 -f ops/bench/submission-violation.sql@3 sweep
-- The statements are the server's text (Sources/SweepStore/Submissions); where the server binds a
-- parameter this script writes the value with the same cast, and the lookup, whose columns are
-- named for \gset, also returns what the server computes in between: the submission id (pgbench
-- has no uuid; md5(:r) stands for the client's) and the audit details. Rows are marked
-- unplanned_reason = 'bench-floor'. No variable may appear inside a quoted literal (-M prepared).
\set vid random(:venue_min, :venue_max)
\set r random(1, 9223372036854775806)
\set violations 0
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
-- 2. the visit (SubmissionStore.storePlain: InsertInspection)
WITH ins AS (
    INSERT INTO inspection (submission_id, venue_id, sweep_stop_id, origin, unplanned_reason, outcome, arrived_at, departed_at,
        device_position, position_flagged, distance_m, minors_count, minors_under_14, minors_14_15, minors_16_17,
        minors_log_reference, guardians_called, police_called, mandatory_report_filed, request_hash, recorded_at, submitted_by,
        position_accuracy_m)
    VALUES (:sid::uuid, :vid::bigint, NULL::bigint, 'RANDOM'::text, 'bench-floor'::text, 'inspected'::text, (now() - interval '1 hour')::timestamptz, (now() - interval '40 minutes')::timestamptz,
        CASE WHEN NULL::float8 IS NULL OR NULL::float8 IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(NULL::float8, NULL::float8), 4326)::geography END,
        false::boolean, NULL::float8, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
        NULL::text, false::boolean, false::boolean, false::boolean, sha256(:sid::text::bytea)::bytea, now()::timestamptz, 8::bigint,
        NULL::float8::real)
    ON CONFLICT (submission_id) DO NOTHING
    RETURNING id),
counted AS (
    INSERT INTO heat_venue_month (venue_id, month, campaign_id, inspections)
    SELECT :vid::bigint, heat_month((now() - interval '1 hour')::timestamptz), 0::bigint, 1 FROM ins
    ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
    DO UPDATE SET inspections = heat_venue_month.inspections + 1, changed_xid = pg_current_xact_id()),
audited AS (
    INSERT INTO audit_log (actor, action, object_type, object_id, details)
    SELECT 'principal:8'::text, 'inspection.submit'::text, 'inspection'::text, ins.id::text, :details::text::jsonb FROM ins
    WHERE :details::text IS NOT NULL)
SELECT id FROM ins;
