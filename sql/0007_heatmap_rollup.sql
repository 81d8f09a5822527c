-- Heat-map rollup: inspections and violations per venue and month (China Standard Time), kept up to
-- date in the same transaction as each submission, rebuilt from scratch by `sweep heatmap rebuild`.
-- A grid of any cell size or shape aggregates these rows by the venue's cell, so one table serves
-- every grid. Violations are counted from cases: one case per violation found, never doubled by
-- corrections (a corrected finding opens cases only for new codes).
CREATE TABLE heat_venue_month (
    venue_id        bigint NOT NULL REFERENCES venue (id),
    month           date NOT NULL CHECK (extract(day FROM month) = 1),
    -- '' on the row that counts inspections.
    violation_code  text NOT NULL DEFAULT '',
    department_code text NOT NULL DEFAULT '',
    -- 0 when the visit belonged to no campaign's plan.
    campaign_id     bigint NOT NULL DEFAULT 0,
    inspections     integer NOT NULL DEFAULT 0 CHECK (inspections >= 0),
    violations      integer NOT NULL DEFAULT 0 CHECK (violations >= 0),
    PRIMARY KEY (venue_id, month, violation_code, department_code, campaign_id)
);
CREATE INDEX heat_venue_month_month_idx ON heat_venue_month (month, venue_id);

-- The month a timestamp falls in, in China Standard Time.
CREATE FUNCTION heat_month(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date $$;

-- The campaign an inspection served, through its planned stop (0 for unplanned visits).
CREATE FUNCTION inspection_campaign(stop_id bigint) RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT coalesce((SELECT p.campaign_id FROM sweep_stop ss JOIN sweep s ON s.id = ss.sweep_id
                            JOIN plan p ON p.id = s.plan_id WHERE ss.id = stop_id), 0) $$;
