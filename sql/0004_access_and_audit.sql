-- Who may do what: principals with a role and scopes; bearer tokens stored only as SHA-256 hashes;
-- an append-only audit log of every state change.

CREATE TABLE principal (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL CHECK (length(name) > 0),
    role            text NOT NULL CHECK (role IN ('admin', 'coordinator', 'inspector', 'handler', 'leader')),
    -- Inspectors and case handlers act for one department.
    department_code text REFERENCES department (code),
    inspector_id    bigint REFERENCES inspector (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (role NOT IN ('inspector', 'handler') OR department_code IS NOT NULL)
);

-- An empty scope set means "everywhere"; only admins and province-level leaders get that.
CREATE TABLE principal_scope (
    principal_id    bigint NOT NULL REFERENCES principal (id) ON DELETE CASCADE,
    jurisdiction_id bigint NOT NULL REFERENCES jurisdiction (id),
    PRIMARY KEY (principal_id, jurisdiction_id)
);

CREATE TABLE api_token (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal_id    bigint NOT NULL REFERENCES principal (id),
    token_hash      bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- The first characters of the token, so that a person can tell tokens apart in a list.
    token_prefix    text NOT NULL,
    label           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    last_used_at    timestamptz
);
CREATE INDEX api_token_principal_idx ON api_token (principal_id);

CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    -- principal id, or 'cli:<os user>' for admin commands that ran against the database directly.
    actor           text NOT NULL,
    action          text NOT NULL,
    object_type     text NOT NULL,
    object_id       text,
    reason          text,
    details         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);

-- The log is evidence: refuse updates and deletes at the database, not only in the application.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_delete
    BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
