-- Planning: team rules as data, plan reports and sealing, timed stops, team labels.

-- Who must be on a team per target kind (local practice, so data): the lead department with at
-- least two certified officers (行政处罚法 42) and one officer of each assisting department.
-- A campaign may override these in campaign.settings.team_rules.
CREATE TABLE team_rule (
    target_kind         text PRIMARY KEY CHECK (target_kind IN ('licensed_cafe', 'unlicensed_cafe', 'tobacco_retail')),
    lead_department     text NOT NULL REFERENCES department (code),
    min_lead_officers   integer NOT NULL DEFAULT 2 CHECK (min_lead_officers >= 2),
    assisting           text[] NOT NULL DEFAULT '{}'
);
INSERT INTO team_rule (target_kind, lead_department, min_lead_officers, assisting) VALUES
    ('unlicensed_cafe', 'CUL', 2, '{PSB,SAMR}'),
    ('licensed_cafe',   'CUL', 2, '{}'),
    ('tobacco_retail',  'TOB', 2, '{SAMR}');

ALTER TABLE plan
    ADD COLUMN created_by   text,
    ADD COLUMN approved_by  text,
    ADD COLUMN done_at      timestamptz,
    -- Upper bound, solver statistics, warnings, unplaced quota targets, repair history.
    ADD COLUMN report       jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- The routing instance the plan was solved on, so a repair or an audit can replay it.
    ADD COLUMN instance     jsonb;

-- At most one live (non-discarded) draft per campaign keeps "which draft?" unambiguous.
CREATE UNIQUE INDEX plan_one_draft_per_campaign ON plan (campaign_id) WHERE status = 'draft';

ALTER TABLE sweep
    ADD COLUMN label        text NOT NULL DEFAULT '',
    ADD COLUMN shift_name   text NOT NULL DEFAULT '',
    ADD COLUMN target_kinds text[] NOT NULL DEFAULT '{}',
    ADD COLUMN depot        geography(Point, 4326),
    ADD COLUMN done_at      timestamptz;
CREATE INDEX sweep_date_idx ON sweep (sweep_date);

ALTER TABLE sweep_stop
    ADD COLUMN start_at     timestamptz,
    ADD COLUMN depart_at    timestamptz,
    ADD COLUMN target_kind  text;
CREATE INDEX sweep_stop_venue_idx ON sweep_stop (venue_id);

CREATE INDEX inspector_conflict_inspector_idx ON inspector_conflict (inspector_id);
CREATE UNIQUE INDEX inspector_conflict_venue_uniq ON inspector_conflict (inspector_id, venue_id) WHERE venue_id IS NOT NULL;
CREATE UNIQUE INDEX inspector_conflict_operator_uniq ON inspector_conflict (inspector_id, operator_key) WHERE operator_key IS NOT NULL;
