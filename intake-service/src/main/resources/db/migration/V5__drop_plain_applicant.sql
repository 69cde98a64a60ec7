-- The applicant lives sealed only (V4 sealed every existing row and blanked its plain columns). A dropped column's
-- old values stay in dead row versions until the table is rewritten: after upgrading an installation that held
-- data, run VACUUM FULL dossier, domain_event_entry (docs/operations.md).
ALTER TABLE dossier
    DROP COLUMN applicant_full_name,
    DROP COLUMN applicant_id_number,
    DROP COLUMN applicant_phone,
    DROP COLUMN applicant_address;

-- The retention job's search: dossiers whose applicant is still held, oldest receipt first.
CREATE INDEX dossier_applicant_held ON dossier (received_at) WHERE applicant_erased_at IS NULL;
