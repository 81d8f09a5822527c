-- A change feed on the heat-map rollup for the server's in-memory heat index (SweepCore.HeatIndex).
-- Every write stamps its row with the writing transaction's id. A reader remembers the oldest
-- transaction still running when it last looked (pg_snapshot_xmin of its snapshot) and next asks
-- for rows stamped at or after it: every transaction below that id had finished and was seen, and
-- every one at or above it is read again, so nothing that commits late is missed (rows carry
-- absolute counts, so reading one twice is harmless). xid8 does not wrap around.
ALTER TABLE heat_venue_month ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX heat_venue_month_changed_idx ON heat_venue_month (changed_xid);

-- A rebuild deletes rows, which stamps cannot show: it bumps the epoch and readers reload. So does
-- anything that changes what the index keeps about venues (location, kind, jurisdiction).
CREATE TABLE heat_rollup_epoch (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    epoch    bigint NOT NULL
);
INSERT INTO heat_rollup_epoch VALUES (true, 1);
