-- Registry: departments, jurisdictions, venues and their licences, schools, inspectors.
-- Locations are geography(Point, 4326) so that distances come out in metres without choosing a
-- projection per city; boundaries are geometry(MultiPolygon, 4326) because containment tests
-- (which district holds this point) are planar operations and faster on geometry.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE department (
    code    text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]{1,15}$'),
    name_zh text NOT NULL,
    name_en text NOT NULL
);
COMMENT ON TABLE department IS 'Departments that inspect or act on cases; extensible by inserting rows.';

INSERT INTO department (code, name_zh, name_en) VALUES
    ('CUL',  '文化和旅游局（文化市场综合执法）', 'Culture and tourism (cultural market enforcement)'),
    ('SAMR', '市场监督管理局', 'Market regulation'),
    ('PSB',  '公安局', 'Public security (police)'),
    ('TOB',  '烟草专卖局', 'Tobacco monopoly bureau'),
    ('FIRE', '消防救援机构', 'Fire and rescue'),
    ('TEL',  '通信管理局 / 接入服务商', 'Telecom authority / access provider'),
    ('EDU',  '教育局', 'Education bureau');

CREATE TABLE jurisdiction (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Za-z_-]{2,32}$'),
    name        text NOT NULL CHECK (length(name) > 0),
    level       text NOT NULL CHECK (level IN ('province', 'city', 'district')),
    parent_id   bigint REFERENCES jurisdiction (id),
    boundary    geometry(MultiPolygon, 4326),
    -- Local rules that differ by place (tobacco distance to schools, rectification deadlines, ladders)
    -- live here as data, not constants.
    settings    jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jurisdiction_parent_idx ON jurisdiction (parent_id);
CREATE INDEX jurisdiction_boundary_gix ON jurisdiction USING gist (boundary);

CREATE TABLE venue (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 64),
    kind            text NOT NULL CHECK (kind IN ('internet_cafe', 'tobacco_retail', 'other')),
    name            text NOT NULL CHECK (length(name) > 0),
    address         text NOT NULL,
    jurisdiction_id bigint NOT NULL REFERENCES jurisdiction (id),
    licensed        boolean NOT NULL,
    operator_name   text,
    -- Links venues run by one operator, for per-operator repeat-offence counts.
    operator_key    text,
    location        geography(Point, 4326),
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'unknown')),
    opening_hours   text CHECK (opening_hours ~ '^([01][0-9]|2[0-4]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN venue.location IS 'NULL when the registry has no coordinates; such venues cannot be routed.';
CREATE INDEX venue_location_gix ON venue USING gist (location);
CREATE INDEX venue_jurisdiction_kind_idx ON venue (jurisdiction_id, kind, id);
CREATE INDEX venue_operator_idx ON venue (operator_key) WHERE operator_key IS NOT NULL;

CREATE TABLE licence (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue_id            bigint NOT NULL REFERENCES venue (id) ON DELETE CASCADE,
    licence_type        text NOT NULL CHECK (licence_type IN ('network_culture', 'business', 'tobacco_retail', 'fire_safety')),
    licence_number      text NOT NULL CHECK (length(licence_number) > 0),
    issuing_department  text NOT NULL REFERENCES department (code),
    valid_from          date,
    valid_until         date,
    UNIQUE (licence_type, licence_number),
    CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX licence_venue_idx ON licence (venue_id);

CREATE TABLE school (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code            text NOT NULL UNIQUE,
    name            text NOT NULL CHECK (length(name) > 0),
    kind            text NOT NULL CHECK (kind IN ('kindergarten', 'primary', 'middle')),
    jurisdiction_id bigint NOT NULL REFERENCES jurisdiction (id),
    location        geography(Point, 4326) NOT NULL
);
CREATE INDEX school_location_gix ON school USING gist (location);
CREATE INDEX school_jurisdiction_idx ON school (jurisdiction_id);

CREATE TABLE inspector (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code                text NOT NULL UNIQUE,
    name                text NOT NULL CHECK (length(name) > 0),
    department_code     text NOT NULL REFERENCES department (code),
    -- 执法证: an inspector whose credential has expired may not be scheduled (行政处罚法 42).
    credential_number   text NOT NULL UNIQUE,
    credential_expires  date NOT NULL,
    jurisdiction_id     bigint NOT NULL REFERENCES jurisdiction (id),
    active              boolean NOT NULL DEFAULT true,
    max_shifts_per_week integer NOT NULL DEFAULT 5 CHECK (max_shifts_per_week BETWEEN 0 AND 14)
);
CREATE INDEX inspector_department_idx ON inspector (department_code, jurisdiction_id);
