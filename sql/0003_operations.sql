-- Operations: campaigns and their plans, inspections and findings, cases, tips, evidence.
-- Shaped now so that planning, submission and case issues extend these tables instead of
-- rewriting them. Findings are append-only: a correction is a new revision.

CREATE TABLE campaign (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL CHECK (length(name) > 0),
    starts_on       date NOT NULL,
    ends_on         date NOT NULL CHECK (ends_on >= starts_on),
    target_kinds    text[] NOT NULL DEFAULT '{}',
    selection_mode  text NOT NULL DEFAULT 'risk' CHECK (selection_mode IN ('risk', 'random', 'mixed')),
    -- Quotas, shares, shift templates and team rules, validated by the domain core.
    settings        jsonb NOT NULL DEFAULT '{}'::jsonb,
    status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
    created_by      bigint,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaign_jurisdiction (
    campaign_id     bigint NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    jurisdiction_id bigint NOT NULL REFERENCES jurisdiction (id),
    PRIMARY KEY (campaign_id, jurisdiction_id)
);

CREATE TABLE plan (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id     bigint NOT NULL REFERENCES campaign (id),
    revision        integer NOT NULL DEFAULT 1,
    status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'dispatched', 'done', 'discarded')),
    -- Reproducibility of random draws (双随机): the seed and the sampling frame are kept.
    seed            bigint NOT NULL,
    frame           jsonb NOT NULL DEFAULT '{}'::jsonb,
    objective       double precision,
    created_at      timestamptz NOT NULL DEFAULT now(),
    approved_at     timestamptz,
    UNIQUE (campaign_id, revision)
);

CREATE TABLE sweep (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id         bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    sweep_date      date NOT NULL,
    shift_start     timestamptz NOT NULL,
    shift_end       timestamptz NOT NULL CHECK (shift_end > shift_start),
    lead_department text NOT NULL REFERENCES department (code),
    status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'dispatched', 'done', 'cancelled')),
    dispatched_at   timestamptz
);
CREATE INDEX sweep_plan_idx ON sweep (plan_id);

CREATE TABLE sweep_member (
    sweep_id        bigint NOT NULL REFERENCES sweep (id) ON DELETE CASCADE,
    inspector_id    bigint NOT NULL REFERENCES inspector (id),
    is_lead         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (sweep_id, inspector_id)
);
CREATE INDEX sweep_member_inspector_idx ON sweep_member (inspector_id);

CREATE TABLE sweep_stop (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sweep_id        bigint NOT NULL REFERENCES sweep (id) ON DELETE CASCADE,
    seq             integer NOT NULL CHECK (seq >= 1),
    venue_id        bigint NOT NULL REFERENCES venue (id),
    eta             timestamptz NOT NULL,
    travel_seconds  integer NOT NULL DEFAULT 0,
    service_seconds integer NOT NULL DEFAULT 0,
    -- Why this venue was chosen: score parts, or the random stratum and seed.
    reason          jsonb NOT NULL DEFAULT '{}'::jsonb,
    UNIQUE (sweep_id, seq)
);

CREATE TABLE inspector_unavailability (
    inspector_id    bigint NOT NULL REFERENCES inspector (id) ON DELETE CASCADE,
    day             date NOT NULL,
    reason          text,
    PRIMARY KEY (inspector_id, day)
);

-- Declared conflicts of interest (行政处罚法 43): with a venue or with an operator.
CREATE TABLE inspector_conflict (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inspector_id    bigint NOT NULL REFERENCES inspector (id) ON DELETE CASCADE,
    venue_id        bigint REFERENCES venue (id),
    operator_key    text,
    declared_at     timestamptz NOT NULL DEFAULT now(),
    note            text,
    CHECK ((venue_id IS NULL) <> (operator_key IS NULL))
);

CREATE TABLE inspection (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Client-generated id for idempotent submission; history rows get generated ones.
    submission_id   uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    venue_id        bigint NOT NULL REFERENCES venue (id),
    sweep_stop_id   bigint REFERENCES sweep_stop (id),
    origin          text NOT NULL CHECK (origin IN ('RANDOM', 'CAMPAIGN', 'TIP', 'REFERRAL', 'FOLLOW_UP')),
    unplanned_reason text,
    outcome         text NOT NULL CHECK (outcome IN ('inspected', 'venue_closed', 'not_found', 'entry_refused')),
    arrived_at      timestamptz NOT NULL,
    departed_at     timestamptz NOT NULL CHECK (departed_at >= arrived_at),
    device_position geography(Point, 4326),
    position_flagged boolean NOT NULL DEFAULT false,
    -- Minors: counts and age bands only (PIPL 28/31, minors law 103). Never identities.
    minors_count    integer NOT NULL DEFAULT 0 CHECK (minors_count >= 0),
    minors_under_14 integer NOT NULL DEFAULT 0 CHECK (minors_under_14 >= 0),
    minors_14_15    integer NOT NULL DEFAULT 0 CHECK (minors_14_15 >= 0),
    minors_16_17    integer NOT NULL DEFAULT 0 CHECK (minors_16_17 >= 0),
    guardians_called boolean NOT NULL DEFAULT false,
    mandatory_report_filed boolean NOT NULL DEFAULT false,
    submitted_by    bigint,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (minors_under_14 + minors_14_15 + minors_16_17 <= minors_count)
);
CREATE INDEX inspection_venue_time_idx ON inspection (venue_id, arrived_at);
CREATE INDEX inspection_time_idx ON inspection (arrived_at);

CREATE TABLE finding (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inspection_id   bigint NOT NULL REFERENCES inspection (id),
    department_code text NOT NULL REFERENCES department (code),
    revision        integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
    facts           text NOT NULL DEFAULT '',
    -- On-the-spot measures: order to correct, sealing, seizure with item counts.
    measures        jsonb NOT NULL DEFAULT '[]'::jsonb,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (inspection_id, department_code, revision)
);

CREATE TABLE finding_violation (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id      bigint NOT NULL REFERENCES finding (id),
    violation_code  text NOT NULL REFERENCES violation_type (code),
    -- The legal basis the inspector chose (instrument, version, article), as recorded at the time.
    legal_basis     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX finding_violation_finding_idx ON finding_violation (finding_id);
CREATE INDEX finding_violation_code_idx ON finding_violation (violation_code);

CREATE TABLE evidence (
    sha256          bytea PRIMARY KEY CHECK (length(sha256) = 32),
    byte_size       bigint NOT NULL CHECK (byte_size > 0),
    media_type      text NOT NULL,
    stored_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE finding_evidence (
    finding_id      bigint NOT NULL REFERENCES finding (id),
    sha256          bytea NOT NULL REFERENCES evidence (sha256),
    PRIMARY KEY (finding_id, sha256)
);

CREATE TABLE case_file (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_violation_id bigint REFERENCES finding_violation (id),
    venue_id        bigint NOT NULL REFERENCES venue (id),
    violation_code  text NOT NULL REFERENCES violation_type (code),
    department_code text NOT NULL REFERENCES department (code),
    state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'referred', 'accepted', 'decided',
                        'rectification_ordered', 'reinspection', 'closed_rectified', 'closed_escalated')),
    opened_at       timestamptz NOT NULL,
    decided_at      timestamptz,
    decision        jsonb,
    fine_yuan       numeric(14, 2) CHECK (fine_yuan IS NULL OR fine_yuan >= 0),
    rectification_due date,
    closed_at       timestamptz
);
CREATE INDEX case_file_venue_idx ON case_file (venue_id, opened_at);
CREATE INDEX case_file_department_state_idx ON case_file (department_code, state);

CREATE TABLE case_event (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES case_file (id),
    from_state      text,
    to_state        text NOT NULL,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    actor_id        bigint,
    note            text
);
CREATE INDEX case_event_case_idx ON case_event (case_id);

-- Tips arrive with the caller's identity stripped at intake; only what locates the venue and the
-- allegation is kept, with the channel reference for feedback.
CREATE TABLE tip (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel         text NOT NULL CHECK (channel IN ('12355', '12318', '12313', '12315', '12345', '110', 'other')),
    channel_reference text,
    received_at     timestamptz NOT NULL,
    venue_id        bigint REFERENCES venue (id),
    location        geography(Point, 4326),
    allegation      text NOT NULL,
    department_code text REFERENCES department (code),
    status          text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'triaged', 'in_case', 'closed', 'unfounded')),
    feedback        text
);
CREATE INDEX tip_venue_idx ON tip (venue_id);
