-- Contract 1.1 (issue 14): the dossier list, the citizens' public lookup and the history import.

-- The integrator's own reference (DossierReceived.externalRef): the history import finds a dossier by office + it.
ALTER TABLE dossier_view ADD COLUMN external_ref    VARCHAR(255);
-- What checks the citizen's lookup PIN (LookupPin.verifier: PBKDF2, salted), from the latest applied
-- DossierReceived revision. Never the PIN.
ALTER TABLE dossier_view ADD COLUMN lookup_verifier VARCHAR(255);

CREATE INDEX dossier_view_office_external_ref ON dossier_view (office_id, external_ref)
    WHERE external_ref IS NOT NULL;

-- GET /api/v1/dossiers: an office's dossiers newest first (one index range per office of the scope, read in order
-- and cut at the page's end), with or without a status.
CREATE INDEX dossier_view_office_received ON dossier_view (office_id, received_at DESC, dossier_id DESC);
CREATE INDEX dossier_view_office_status_received ON dossier_view (office_id, status, received_at DESC, dossier_id DESC);
