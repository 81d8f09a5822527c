-- The department evaluation per district at province scale (issue 13). It read the window's 290,000
-- cases from the whole 84 MB table and joined all 310,000 venues for their district: 0.47-0.91 s.
-- A case now carries its venue's district, kept equal to the venue's current one (set when the case
-- is written, moved when the venue's district is corrected), and one covering index holds what the
-- evaluation reads, ordered by opening: the window is one index-only range scan, with no join.

ALTER TABLE case_file ADD COLUMN jurisdiction_id bigint REFERENCES jurisdiction (id);

UPDATE case_file c SET jurisdiction_id = v.jurisdiction_id FROM venue v WHERE v.id = c.venue_id;

ALTER TABLE case_file ALTER COLUMN jurisdiction_id SET NOT NULL;

-- Every path that writes a case (a submission, the demo's bulk copy) gets the district here, so none
-- can forget it. SECURITY DEFINER: the venue may be outside what the writing role's policies show.
CREATE FUNCTION case_file_district() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    SELECT jurisdiction_id INTO NEW.jurisdiction_id FROM venue WHERE id = NEW.venue_id;
    RETURN NEW;
END $$;

CREATE TRIGGER case_file_district BEFORE INSERT OR UPDATE OF venue_id ON case_file
    FOR EACH ROW EXECUTE FUNCTION case_file_district();

-- A registry correction that moves a venue to another district moves its cases with it (rare).
CREATE FUNCTION venue_district_moved() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE case_file SET jurisdiction_id = NEW.jurisdiction_id WHERE venue_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER venue_district_moved AFTER UPDATE OF jurisdiction_id ON venue
    FOR EACH ROW WHEN (OLD.jurisdiction_id IS DISTINCT FROM NEW.jurisdiction_id)
    EXECUTE FUNCTION venue_district_moved();

-- What the department evaluation reads, in the order its window selects.
CREATE INDEX case_file_evaluation_idx ON case_file (opened_at)
    INCLUDE (department_code, jurisdiction_id, decided_at, referred_from, accepted_at, referral_deadline,
             rectification_due, reinspected_at, reinspection_passed, closed_at, inspection_id);
