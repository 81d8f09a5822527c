-- Foreign keys that are looked up or checked on delete: a plan repair deletes sweep stops, which
-- otherwise scans inspection for references; tips are found by their case and listed by status.
CREATE INDEX inspection_sweep_stop_idx ON inspection (sweep_stop_id) WHERE sweep_stop_id IS NOT NULL;
CREATE INDEX tip_case_idx ON tip (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX tip_status_idx ON tip (status, received_at);

-- The soonest due time among a case's running timers (SweepCore.CaseTimers.nextDue), written with
-- every snapshot, so that "overdue" and "due within N days" are an index range scan with a LIMIT
-- instead of decoding every open case.
ALTER TABLE case_file ADD COLUMN next_due_at timestamptz;

-- One-time fill for cases stored before this migration, from the columns that mirror the snapshot
-- (decision 90 days, delivery 7 days, criminal decision 3 days / hand-over 24 h, referral
-- acceptance, rectification by the end of its day in UTC+8). From now on the server writes it.
UPDATE case_file c SET next_due_at = LEAST(
    CASE WHEN c.decided_at IS NULL
              AND c.state NOT IN ('decided', 'rectification_ordered', 'reinspection', 'closed_rectified', 'closed_escalated')
         THEN c.opened_at + interval '90 days' END,
    CASE WHEN c.decided_at IS NOT NULL AND c.delivered_at IS NULL THEN c.decided_at + interval '7 days' END,
    CASE WHEN c.criminal_flagged_at IS NOT NULL AND c.decided_at IS NULL THEN c.criminal_flagged_at + interval '3 days' END,
    CASE WHEN c.referral_deadline IS NOT NULL AND c.accepted_at IS NULL THEN c.referral_deadline END,
    CASE WHEN c.rectification_due IS NOT NULL AND c.reinspected_at IS NULL
         THEN (c.rectification_due + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' END)
WHERE c.state NOT IN ('closed_rectified', 'closed_escalated');

CREATE INDEX case_file_next_due_idx ON case_file (next_due_at, id)
    WHERE next_due_at IS NOT NULL AND state NOT IN ('closed_rectified', 'closed_escalated');

-- Local time of each jurisdiction, in minutes ahead of UTC (China Standard Time: 480), so that
-- rules about hours of the day (minors found before a café may open) read the clock the venue
-- keeps rather than a constant in the code.
ALTER TABLE jurisdiction ADD COLUMN utc_offset_minutes integer NOT NULL DEFAULT 480
    CHECK (utc_offset_minutes BETWEEN -720 AND 840);
