-- A tamper-evident audit log. Entries are written as before; a sealer (the server every second,
-- and `sweep audit verify` before it checks) gives each new entry, in turn, the next place in a
-- chain (chain_seq) and a hash that commits to the previous entry's hash and to its own content
-- (entry_hash = sha256(prev_hash || content)). An edited, deleted, inserted or reordered sealed
-- row then breaks the chain even when the table owner disables the triggers. Sealing after the
-- fact, not in the writer's transaction, keeps writers from queueing on one chain head until
-- they commit. `sweep audit head` prints the head so that it can be recorded elsewhere.

ALTER TABLE audit_log ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN entry_hash bytea;
CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (chain_seq);
CREATE INDEX audit_log_unsealed_idx ON audit_log (id) WHERE chain_seq IS NULL;

CREATE TABLE audit_chain_head (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_seq    bigint NOT NULL,
    last_hash   bytea NOT NULL
);
INSERT INTO audit_chain_head (last_seq, last_hash) VALUES (0, sha256(convert_to('sweep audit chain', 'UTF8')));

-- The bytes an entry's hash covers. verify reads the same rendering back and hashes it in Swift.
CREATE FUNCTION audit_entry_content(e audit_log) RETURNS bytea LANGUAGE sql STABLE AS $$
    SELECT convert_to(concat_ws(E'\n', e.chain_seq::text, e.id::text,
                                to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                e.actor, e.action, e.object_type, coalesce(e.object_id, ''), coalesce(e.reason, ''), e.details::text), 'UTF8')
$$;

-- Append-only, except that the sealer fills the chain columns of an entry once.
DROP TRIGGER audit_log_no_update_delete ON audit_log;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE FUNCTION audit_log_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
       AND (NEW.id, NEW.occurred_at, NEW.actor, NEW.action, NEW.object_type, NEW.object_id, NEW.reason, NEW.details)
           IS NOT DISTINCT FROM (OLD.id, OLD.occurred_at, OLD.actor, OLD.action, OLD.object_type, OLD.object_id, OLD.reason, OLD.details) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only (UPDATE refused)' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_seal_only();

-- Seals up to max_rows committed entries in id order; returns how many. One sealer at a time (the head row lock).
CREATE FUNCTION audit_seal(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    head audit_chain_head;
    r audit_log;
    sealed integer := 0;
BEGIN
    SELECT * INTO head FROM audit_chain_head FOR UPDATE;
    FOR r IN SELECT * FROM audit_log WHERE chain_seq IS NULL ORDER BY id LIMIT max_rows LOOP
        r.chain_seq := head.last_seq + 1;
        r.prev_hash := head.last_hash;
        r.entry_hash := sha256(head.last_hash || audit_entry_content(r));
        UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = r.prev_hash, entry_hash = r.entry_hash WHERE id = r.id;
        head.last_seq := r.chain_seq;
        head.last_hash := r.entry_hash;
        sealed := sealed + 1;
    END LOOP;
    UPDATE audit_chain_head SET last_seq = head.last_seq, last_hash = head.last_hash;
    RETURN sealed;
END;
$$;

-- Entries written before this migration are sealed now.
SELECT audit_seal(2147483647);
