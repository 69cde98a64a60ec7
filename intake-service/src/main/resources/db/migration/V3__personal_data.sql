-- Personal data (Decree 13/2023; CONTRACT.md "Access" -> "Personal data"). Each dossier's applicant is sealed with
-- a data key of its own (AES-256-GCM), and the data key is kept here only, wrapped by the master key. Erasure
-- deletes the row: the ciphertext in the dossier table, in the event store and in every backup stays unreadable.
CREATE TABLE applicant_key (
    dossier_id  VARCHAR(36) NOT NULL PRIMARY KEY,
    wrapped_key BYTEA       NOT NULL
);

-- The sealed applicant beside the record (null once erased), and when it was erased.
ALTER TABLE dossier
    ADD COLUMN applicant_sealed    BYTEA,
    ADD COLUMN applicant_erased_at TIMESTAMPTZ,
    ALTER COLUMN applicant_full_name DROP NOT NULL;

-- Which master key wrapped the data keys (a public fingerprint): a service started with another key refuses to run.
CREATE TABLE personal_data_master_key (
    singleton     BOOLEAN     NOT NULL PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    master_key_id VARCHAR(32) NOT NULL,
    first_used_at TIMESTAMPTZ NOT NULL
);

-- Every read of an applicant's data, and every erasure: who (the token's sub), when, which dossier, what.
CREATE TABLE personal_data_audit (
    id         BIGSERIAL    NOT NULL PRIMARY KEY,
    at         TIMESTAMPTZ  NOT NULL,
    subject    VARCHAR(255) NOT NULL,
    dossier_id VARCHAR(36)  NOT NULL,
    action     VARCHAR(32)  NOT NULL
);
CREATE INDEX personal_data_audit_dossier ON personal_data_audit (dossier_id, id);
