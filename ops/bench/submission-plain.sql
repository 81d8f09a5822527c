-- pgbench script: the SQL one plain submission (POST /v1/submissions, no findings) runs, statement
-- for statement and round trip for round trip, as traced with log_statement=all from the release
-- server before commit efad66a: 8 round trips. The "SQL floor" for ops/bench-submit (its third section).
-- Since efad66a a plain visit is the venue lookup plus one statement (tokens are trusted for 5 s),
-- close to submission-plain-1rt.sql.
--   pgbench -M simple -D token_hash=<hex sha256 of a token> -D venue_min=1 -D venue_max=500 \
--     -f ops/bench/submission-plain.sql@7 -f ops/bench/submission-violation.sql@3 sweep
-- Simple protocol only: variables are substituted inside string literals. Rows are marked
-- unplanned_reason = 'bench-floor'.
\set vid random(:venue_min, :venue_max)
-- 1. token check (SecuredRoutes → TokenStore.authenticate); the submission id rides along (no extra round trip)
SELECT gen_random_uuid() AS sid, t.id AS tok_id, t.expires_at AS tok_expires, t.revoked_at AS tok_revoked,
       p.id AS pid, p.name AS pname, p.role AS prole, p.department_code AS pdept,
       coalesce((SELECT array_agg(j.code ORDER BY j.code) FROM principal_scope s JOIN jurisdiction j ON j.id = s.jurisdiction_id
                 WHERE s.principal_id = p.id), '{}') AS pscope, coalesce(p.inspector_id, 0) AS pinspector
FROM api_token t JOIN principal p ON p.id = t.principal_id
WHERE t.token_hash = '\x:token_hash'::bytea
\gset
-- 2. last_used_at touch (autocommit; writes at most once a minute, but is a round trip every request)
UPDATE api_token SET last_used_at = now()
WHERE id = :tok_id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
-- 3. retry check + venue facts (SubmissionStore.resolveVenue)
SELECT v.id AS v_id, ST_X(v.location::geometry) AS v_lon, ST_Y(v.location::geometry) AS v_lat, coalesce(v.operator_key, '') AS v_op,
       coalesce(v.opening_hours, '') AS v_hours, j.code AS v_jur,
       EXISTS (SELECT 1 FROM case_file c WHERE c.venue_id = v.id AND c.rectification_due IS NOT NULL AND c.reinspected_at IS NULL
               AND c.state NOT IN ('closed_rectified', 'closed_escalated')) AS v_pending,
       coalesce(e.request_hash, '') AS e_hash, coalesce(e.response::text, '') AS e_response, e.id IS NOT NULL AS e_exists
FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
LEFT JOIN inspection e ON e.submission_id = ':sid'::uuid
WHERE (:vid::bigint IS NOT NULL AND v.id = :vid) OR (:vid::bigint IS NULL AND v.code = NULL)
\gset
-- 4. the transaction
BEGIN;
-- 5. inspection + heat-map inspection count
WITH ins AS (
INSERT INTO inspection (submission_id, venue_id, sweep_stop_id, origin, unplanned_reason, outcome, arrived_at, departed_at,
    device_position, position_flagged, distance_m, minors_count, minors_under_14, minors_14_15, minors_16_17,
    minors_log_reference, guardians_called, police_called, mandatory_report_filed, request_hash, recorded_at)
VALUES (':sid'::uuid, :vid, NULL, 'RANDOM', 'bench-floor', 'inspected',
    now() - interval '1 hour', now() - interval '40 minutes',
    CASE WHEN NULL::float8 IS NULL THEN NULL
         ELSE ST_SetSRID(ST_MakePoint(NULL::float8, NULL::float8), 4326)::geography END,
    false, NULL, 0, 0, 0, 0,
    NULL, false, false, false, sha256(':sid'::bytea), now())
ON CONFLICT (submission_id) DO NOTHING
RETURNING id),
counted AS (
    INSERT INTO heat_venue_month (venue_id, month, campaign_id, inspections)
    SELECT :vid, heat_month(now() - interval '1 hour'), inspection_campaign(NULL), 1 FROM ins
    ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
    DO UPDATE SET inspections = heat_venue_month.inspections + 1, changed_xid = pg_current_xact_id())
SELECT id AS ins_id FROM ins
\gset
-- 6. stored response (for retries)
UPDATE inspection SET response = '{"findings": [], "inspection_id": :ins_id, "position_flagged": false, "reinspections": [], "replayed": false, "submission_id": ":sid"}'::jsonb
WHERE id = :ins_id;
-- 7. audit entry
INSERT INTO audit_log (actor, action, object_type, object_id, reason, details)
VALUES ('principal:' || :pid, 'inspection.submit', 'inspection', ':ins_id', NULL,
        '{"submission_id": ":sid", "position_flagged": "false", "violations": "0", "venue": ":vid"}'::jsonb);
-- 8. commit
COMMIT;
