-- The blind index carries each dossier's office and receipt time, so that a search by a name many applicants share
-- (thousands of hits across a province) is filtered by office and date and ordered newest first inside the index
-- itself: the total is an index-only count and the page a top-N of index entries, without a visit of every hit's
-- dossier row (docs/benchmarks.md, "Intake search"). A trigger keeps the two columns equal to the dossier's when a
-- correction moves its receipt time.
ALTER TABLE applicant_index
    ADD COLUMN office_id   VARCHAR(64),
    ADD COLUMN received_at TIMESTAMPTZ;

UPDATE applicant_index i SET office_id = d.office_id, received_at = d.received_at
FROM dossier d WHERE d.dossier_id = i.dossier_id;
DELETE FROM applicant_index WHERE office_id IS NULL;

ALTER TABLE applicant_index
    ALTER COLUMN office_id SET NOT NULL,
    ALTER COLUMN received_at SET NOT NULL,
    DROP CONSTRAINT applicant_index_pkey,
    ADD PRIMARY KEY (digest, office_id, received_at, dossier_id);

CREATE FUNCTION applicant_index_follow_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE applicant_index SET office_id = NEW.office_id, received_at = NEW.received_at
    WHERE dossier_id = NEW.dossier_id;
    RETURN NULL;
END $$;

CREATE TRIGGER applicant_index_follow_dossier AFTER UPDATE OF office_id, received_at ON dossier
    FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id OR OLD.received_at IS DISTINCT FROM NEW.received_at)
    EXECUTE FUNCTION applicant_index_follow_dossier();
