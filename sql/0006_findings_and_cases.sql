-- Findings and cases: idempotent submissions, evidence bytes, the case chain with its timers,
-- tips with the caller's identity stripped.

ALTER TABLE inspection
    -- SHA-256 of the canonical submission body: a retry with the same id must carry the same body.
    ADD COLUMN request_hash       bytea,
    ADD COLUMN distance_m         double precision,
    ADD COLUMN minors_log_reference text,
    ADD COLUMN police_called      boolean NOT NULL DEFAULT false,
    -- The answer given for this submission, returned verbatim to retries.
    ADD COLUMN response           jsonb;

-- Evidence bytes, content-addressed: a re-upload of the same bytes is a no-op.
CREATE TABLE evidence_blob (
    sha256      bytea PRIMARY KEY REFERENCES evidence (sha256),
    content     bytea NOT NULL
);

ALTER TABLE case_file
    ADD COLUMN inspection_id        bigint REFERENCES inspection (id),
    ADD COLUMN operator_key         text,
    ADD COLUMN referred_from        text REFERENCES department (code),
    ADD COLUMN referral_deadline    timestamptz,
    ADD COLUMN accepted_at          timestamptz,
    ADD COLUMN criminal_flagged_at  timestamptz,
    ADD COLUMN delivered_at         timestamptz,
    ADD COLUMN reinspected_at       timestamptz,
    ADD COLUMN reinspection_passed  boolean,
    -- The sanction the escalation ladder suggests, and why (shown to the handler).
    ADD COLUMN suggestion           jsonb,
    -- The case machine's whole state (SweepCore.CaseSnapshot); the columns above and state,
    -- department_code, decided_at, decision, fine_yuan, rectification_due, closed_at mirror it for queries.
    -- NULL for cases loaded as history before this migration: rebuilt from the columns when read.
    ADD COLUMN snapshot             jsonb;
CREATE INDEX case_file_operator_idx ON case_file (operator_key, opened_at) WHERE operator_key IS NOT NULL;
CREATE INDEX case_file_rectification_idx ON case_file (rectification_due) WHERE state IN ('rectification_ordered', 'reinspection');

ALTER TABLE tip
    ADD COLUMN removed_identity text[] NOT NULL DEFAULT '{}',
    ADD COLUMN triaged_at       timestamptz,
    ADD COLUMN case_id          bigint REFERENCES case_file (id),
    ADD COLUMN recorded_by      text;
