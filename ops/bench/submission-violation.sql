-- pgbench script: the SQL one submission with one CUL finding with one violation
-- (CAFE_NO_MINOR_SIGN, which opens a case) runs, statement for statement and round trip for round
-- trip, as traced with log_statement=all from the release server: 13 round trips (the plain 8 plus
-- finding, finding_violation, heat-map violation count, case, case event). CAFE_NO_MINOR_SIGN has no
-- escalation ladder, so no prior-offence count; catalogue, ladders and jurisdiction chain are cached
-- in the server. See submission-plain.sql for how to run it.
\set vid random(:venue_min, :venue_max)
-- 1. token check; the submission id rides along
SELECT gen_random_uuid() AS sid, t.id AS tok_id, t.expires_at AS tok_expires, t.revoked_at AS tok_revoked,
       p.id AS pid, p.name AS pname, p.role AS prole, p.department_code AS pdept,
       coalesce((SELECT array_agg(j.code ORDER BY j.code) FROM principal_scope s JOIN jurisdiction j ON j.id = s.jurisdiction_id
                 WHERE s.principal_id = p.id), '{}') AS pscope, coalesce(p.inspector_id, 0) AS pinspector
FROM api_token t JOIN principal p ON p.id = t.principal_id
WHERE t.token_hash = '\x:token_hash'::bytea
\gset
-- 2. last_used_at touch
UPDATE api_token SET last_used_at = now()
WHERE id = :tok_id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
-- 3. retry check + venue facts
SELECT v.id AS v_id, ST_X(v.location::geometry) AS v_lon, ST_Y(v.location::geometry) AS v_lat, coalesce(v.operator_key, '') AS v_op,
       coalesce(v.opening_hours, '') AS v_hours, j.code AS v_jur,
       EXISTS (SELECT 1 FROM case_file c WHERE c.venue_id = v.id AND c.rectification_due IS NOT NULL AND c.reinspected_at IS NULL
               AND c.state NOT IN ('closed_rectified', 'closed_escalated')) AS v_pending,
       coalesce(e.request_hash, '') AS e_hash, coalesce(e.response::text, '') AS e_response, e.id IS NOT NULL AS e_exists
FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
LEFT JOIN inspection e ON e.submission_id = ':sid'::uuid
WHERE (:vid::bigint IS NOT NULL AND v.id = :vid) OR (:vid::bigint IS NULL AND v.code = NULL)
\gset
-- 4.
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
-- 6. finding
INSERT INTO finding (inspection_id, department_code, revision, facts, measures, recorded_at)
VALUES (:ins_id, 'CUL', 1, '未悬挂未成年人禁入标志', '[]'::jsonb, now()) RETURNING id AS fid
\gset
-- 7. violation with its legal basis
INSERT INTO finding_violation (finding_id, violation_code, legal_basis)
VALUES (:fid, 'CAFE_NO_MINOR_SIGN', '{"article": "30", "instrument": "CAFE_REG", "version": "2002"}'::jsonb) RETURNING id AS fvid
\gset
-- 8. heat-map violation count (HeatRollup.countViolation)
INSERT INTO heat_venue_month (venue_id, month, violation_code, department_code, campaign_id, violations)
VALUES (:vid, heat_month(now() - interval '1 hour'), 'CAFE_NO_MINOR_SIGN', 'CUL', inspection_campaign(NULL), 1)
ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
DO UPDATE SET violations = heat_venue_month.violations + 1, changed_xid = pg_current_xact_id();
-- 9. case with its snapshot (CaseStore.open)
INSERT INTO case_file (finding_violation_id, inspection_id, venue_id, violation_code, department_code, state, opened_at,
                       operator_key, referred_from, referral_deadline, rectification_due, suggestion, snapshot)
VALUES (:fvid, :ins_id, :vid, 'CAFE_NO_MINOR_SIGN', 'CUL', 'open', now() - interval '1 hour',
        nullif(':v_op', ''), NULL, NULL, NULL::date,
        NULL::jsonb, '{"criminal_referral": false, "department_code": "CUL", "opened_at": "2026-11-27T01:38:47Z", "state": "open"}'::jsonb)
RETURNING id AS cid
\gset
-- 10. case event
INSERT INTO case_event (case_id, from_state, to_state, occurred_at, note)
VALUES (:cid, NULL, 'open', now(), 'opened from inspection ' || :ins_id);
-- 11. stored response
UPDATE inspection SET response = '{"findings": [{"department": "CUL", "finding_id": :fid, "revision": 1, "violations": [{"case_id": :cid, "code": "CAFE_NO_MINOR_SIGN", "department": "CUL", "state": "open"}]}], "inspection_id": :ins_id, "position_flagged": false, "reinspections": [], "replayed": false, "submission_id": ":sid"}'::jsonb
WHERE id = :ins_id;
-- 12. audit entry
INSERT INTO audit_log (actor, action, object_type, object_id, reason, details)
VALUES ('principal:' || :pid, 'inspection.submit', 'inspection', ':ins_id', NULL,
        '{"submission_id": ":sid", "position_flagged": "false", "violations": "1", "venue": ":vid"}'::jsonb);
-- 13.
COMMIT;
