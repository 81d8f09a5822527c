-- Webhooks (issue 12): the event feed pushed to other systems (a hotline platform hears its tips'
-- feedback). Each webhook keeps its own cursor into domain_event; an event is delivered until the
-- receiver answers 2xx, in order, signed with HMAC-SHA256 under the webhook's secret, and always
-- under its own event_id, so a receiver that was down misses nothing and can drop repeats.

CREATE TABLE webhook (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL CHECK (length(name) > 0),
    url             text NOT NULL CHECK (url ~ '^https?://[^[:space:]]+$'),
    -- The shared secret the receiver checks signatures with (it must be known to sign).
    secret          text NOT NULL CHECK (length(secret) >= 32),
    -- Event kinds to send (empty: all) and jurisdiction codes whose events it may hear (empty: all).
    kinds           text[] NOT NULL DEFAULT '{}',
    scope           text[] NOT NULL DEFAULT '{}',
    active          boolean NOT NULL DEFAULT true,
    -- The seq of the last event the receiver took.
    cursor_seq      bigint NOT NULL DEFAULT 0,
    delivered       bigint NOT NULL DEFAULT 0,
    failures        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sweep_app') THEN RETURN; END IF;
    GRANT SELECT, UPDATE ON webhook TO sweep_app;
END $$;
