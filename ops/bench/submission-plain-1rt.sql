-- pgbench script: the same work as submission-plain.sql (token check and touch, retry check + venue,
-- inspection + heat-map count, stored response, audit entry) as ONE statement, so one round trip
-- and one implicit transaction: the best case of a one-statement submission design. Ids come from
-- the identity sequences up front so that the response is written with the row (no second UPDATE).
-- Run like submission-plain.sql (simple protocol; -D token_hash, venue_min, venue_max).
\set vid random(:venue_min, :venue_max)
WITH tok AS (
  SELECT t.id, t.expires_at, t.revoked_at, p.id AS pid, p.name, p.role, p.department_code,
         coalesce((SELECT array_agg(j.code ORDER BY j.code) FROM principal_scope s JOIN jurisdiction j ON j.id = s.jurisdiction_id
                   WHERE s.principal_id = p.id), '{}') AS scope, p.inspector_id
  FROM api_token t JOIN principal p ON p.id = t.principal_id
  WHERE t.token_hash = '\x:token_hash'::bytea),
touch AS (
  UPDATE api_token a SET last_used_at = now() FROM tok
  WHERE a.id = tok.id AND (a.last_used_at IS NULL OR a.last_used_at < now() - interval '1 minute')),
ids AS MATERIALIZED (SELECT gen_random_uuid() AS sid, nextval('inspection_id_seq') AS iid),
v AS (
  SELECT v.id, ST_X(v.location::geometry) AS lon, ST_Y(v.location::geometry) AS lat, v.operator_key, v.opening_hours, j.code AS jurisdiction,
         EXISTS (SELECT 1 FROM case_file c WHERE c.venue_id = v.id AND c.rectification_due IS NOT NULL AND c.reinspected_at IS NULL
                 AND c.state NOT IN ('closed_rectified', 'closed_escalated')) AS pending,
         e.id IS NOT NULL AS retry
  FROM venue v JOIN jurisdiction j ON j.id = v.jurisdiction_id
  LEFT JOIN inspection e ON e.submission_id = (SELECT sid FROM ids)
  WHERE v.id = :vid),
ins AS (
  INSERT INTO inspection (id, submission_id, venue_id, sweep_stop_id, origin, unplanned_reason, outcome, arrived_at, departed_at,
      device_position, position_flagged, distance_m, minors_count, minors_under_14, minors_14_15, minors_16_17,
      minors_log_reference, guardians_called, police_called, mandatory_report_filed, request_hash, response, recorded_at)
  OVERRIDING SYSTEM VALUE
  SELECT ids.iid, ids.sid, v.id, NULL, 'RANDOM', 'bench-floor', 'inspected', now() - interval '1 hour', now() - interval '40 minutes',
      NULL, false, NULL, 0, 0, 0, 0, NULL, false, false, false, sha256(ids.sid::text::bytea),
      jsonb_build_object('findings', '[]'::jsonb, 'inspection_id', ids.iid, 'position_flagged', false, 'reinspections', '[]'::jsonb,
                         'replayed', false, 'submission_id', ids.sid),
      now()
  FROM ids, v, tok
  WHERE NOT v.retry AND tok.revoked_at IS NULL AND tok.expires_at > now()
  ON CONFLICT (submission_id) DO NOTHING
  RETURNING id, venue_id, arrived_at),
counted AS (
  INSERT INTO heat_venue_month (venue_id, month, campaign_id, inspections)
  SELECT venue_id, heat_month(arrived_at), inspection_campaign(NULL), 1 FROM ins
  ON CONFLICT (venue_id, month, violation_code, department_code, campaign_id)
  DO UPDATE SET inspections = heat_venue_month.inspections + 1, changed_xid = pg_current_xact_id()),
audit AS (
  INSERT INTO audit_log (actor, action, object_type, object_id, reason, details)
  SELECT 'principal:' || tok.pid, 'inspection.submit', 'inspection', ins.id::text, NULL,
         jsonb_build_object('submission_id', ids.sid, 'position_flagged', 'false', 'violations', '0', 'venue', ins.venue_id::text)
  FROM ins, tok, ids)
SELECT id FROM ins;
