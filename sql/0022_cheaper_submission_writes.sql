-- Cheaper submission writes (the SQL floor, docs/benchmarks.md): a submission cost PostgreSQL about
-- ten pgbench -N transactions. What each write maintains that nothing reads, or reads only later:
--
-- Indexes no query uses and no constraint needs. audit_log_time_idx: the log is read newest first
-- by id (AuditLog.recent), by object type (audit_log_object_idx) and in chain order (verify sorts);
-- nothing filters or orders on occurred_at. finding_violation_code_idx: violations are read by
-- their finding (finding_violation_finding_idx); the catalogue's codes are never deleted or
-- renamed, so its foreign key never looks violations up by code. Every submission wrote one entry
-- into the first (and the audit sealer a second, when it fills the chain columns); every violation
-- one into the second.
DROP INDEX audit_log_time_idx;
DROP INDEX finding_violation_code_idx;

-- Places given after the fact (the audit chain's chain_seq by the sealer, the outbox's seq by
-- event_sequence()) are unique once given; a NULL needs no entry in the unique index. Each
-- submission wrote a NULL into the first and each opened case one into the second. The readers
-- ask for given places only (seq > cursor; chain_seq <= head), which the partial indexes serve.
DROP INDEX audit_log_chain_idx;
CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (chain_seq) WHERE chain_seq IS NOT NULL;
ALTER TABLE domain_event DROP CONSTRAINT domain_event_seq_key;
CREATE UNIQUE INDEX domain_event_seq_key ON domain_event (seq) WHERE seq IS NOT NULL;

-- Per-row triggers on case_file that had nothing to do on the submission path. The district
-- (sql/0019) is still filled in for a writer that leaves it out (the demo's bulk copy, a case opened
-- by the transactional path) and still follows a venue_id change; a submission now writes its
-- venue's district with the case, and the trigger no longer reads the venue again. settled_at
-- (sql/0020) is NULL while closed_at is NULL, which the row already says when both are NULL.
DROP TRIGGER case_file_district ON case_file;
CREATE TRIGGER case_file_district BEFORE INSERT ON case_file
    FOR EACH ROW WHEN (NEW.jurisdiction_id IS NULL) EXECUTE FUNCTION case_file_district();
CREATE TRIGGER case_file_district_moved BEFORE UPDATE OF venue_id ON case_file
    FOR EACH ROW EXECUTE FUNCTION case_file_district();
DROP TRIGGER case_file_settled ON case_file;
CREATE TRIGGER case_file_settled BEFORE INSERT OR UPDATE ON case_file
    FOR EACH ROW WHEN (NEW.closed_at IS NOT NULL OR NEW.settled_at IS NOT NULL) EXECUTE FUNCTION case_file_settled();
