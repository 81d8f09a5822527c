-- A tamper-evident audit log: every entry takes the next place in a chain (chain_seq) and commits
-- to the previous entry's hash and to its own content (entry_hash = sha256(prev_hash || content)),
-- so an edited, deleted, inserted or reordered row breaks the chain even when the table owner
-- disables the append-only trigger. The database keeps the chain itself (a trigger on every
-- insert), so no writer can forget it; writers are serialised by the one-row head, which each
-- transaction holds from its audit entry to its commit. `sweep audit verify` recomputes the chain
-- outside the database; `sweep audit head` prints the head so that it can be recorded elsewhere.

ALTER TABLE audit_log ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash bytea, ADD COLUMN entry_hash bytea;

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

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    head audit_chain_head;
BEGIN
    SELECT * INTO head FROM audit_chain_head FOR UPDATE;
    NEW.chain_seq := head.last_seq + 1;
    NEW.prev_hash := head.last_hash;
    NEW.entry_hash := sha256(head.last_hash || audit_entry_content(NEW));
    UPDATE audit_chain_head SET last_seq = NEW.chain_seq, last_hash = NEW.entry_hash;
    RETURN NEW;
END;
$$;

-- Entries written before this migration join the chain in id order.
DO $$
DECLARE
    r audit_log;
    head audit_chain_head;
BEGIN
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
    FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        SELECT * INTO head FROM audit_chain_head;
        r.chain_seq := head.last_seq + 1;
        UPDATE audit_log SET chain_seq = r.chain_seq, prev_hash = head.last_hash,
                             entry_hash = sha256(head.last_hash || audit_entry_content(r))
        WHERE id = r.id;
        UPDATE audit_chain_head SET last_seq = r.chain_seq, last_hash = sha256(head.last_hash || audit_entry_content(r));
    END LOOP;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
END;
$$;

CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (chain_seq);
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
