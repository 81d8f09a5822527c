-- Browsers sign in (issue 11, item 5): an admin or coordinator issues a short one-time code for a
-- principal; the browser exchanges it once for a session whose secret lives only in an HttpOnly
-- cookie. Codes and session secrets are stored as SHA-256 hashes, like API tokens.

CREATE TABLE signin_code (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal_id  bigint NOT NULL REFERENCES principal (id),
    code_hash     bytea NOT NULL UNIQUE CHECK (length(code_hash) = 32),
    -- The audit actor who issued it ('principal:N' or 'cli:<user>').
    issued_by     text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX signin_code_principal_idx ON signin_code (principal_id);

CREATE TABLE browser_session (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal_id   bigint NOT NULL REFERENCES principal (id),
    secret_hash    bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    signin_code_id bigint NOT NULL UNIQUE REFERENCES signin_code (id),
    user_agent     text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    ended_at       timestamptz,
    -- 'signout' (the browser), 'revoked' (an admin), with the admin's reason in the audit log.
    ended_by       text CHECK (ended_by IN ('signout', 'revoked')),
    last_seen_at   timestamptz,
    CHECK ((ended_at IS NULL) = (ended_by IS NULL))
);
CREATE INDEX browser_session_principal_idx ON browser_session (principal_id) WHERE ended_at IS NULL;

-- The default privileges of 0012 cover new tables; said again so this file stands on its own.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN RETURN; END IF;
    GRANT SELECT, INSERT, UPDATE ON signin_code, browser_session TO sweep_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sweep_app;
END $$;
