-- Contract 1.1 (issues 11 and 14).

-- The procedure's fee and what Decision 766 asks of it; null = unknown, never invented.
ALTER TABLE procedure
    ADD COLUMN fee              BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN online_payment   BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN decided_on       DATE,
    ADD COLUMN effective_on     DATE,
    ADD COLUMN made_public_on   DATE,
    ADD COLUMN content_complete BOOLEAN;

-- What the receipt froze from the procedure and the documents, the verifier of the lookup PIN (never the PIN), the
-- revision last published, and the cancellation.
ALTER TABLE dossier
    ADD COLUMN fee                 BIGINT  NOT NULL DEFAULT 0,
    ADD COLUMN online_payment      BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN lookup_verifier     VARCHAR(200),
    ADD COLUMN revision            INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN cancelled_at        TIMESTAMPTZ,
    ADD COLUMN cancel_reason       VARCHAR(1000);
ALTER TABLE dossier_document
    ADD COLUMN digitised BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN reused    BOOLEAN NOT NULL DEFAULT FALSE;

-- Search: a code prefix (LIKE 'x%') needs pattern ops; newest first within offices and dates uses
-- dossier_office_received.
CREATE INDEX dossier_code_prefix ON dossier (code varchar_pattern_ops);

-- The blind index of the sealed applicants: HMAC-SHA256 (key derived from the master key) of the normalized full
-- name and of the ID number. Equality only; deleted with the applicant on erasure.
CREATE TABLE applicant_index (
    digest     BYTEA       NOT NULL,
    dossier_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (digest, dossier_id)
);
CREATE INDEX applicant_index_dossier ON applicant_index (dossier_id);

-- Idempotency keys belong to their caller (the token's sub); the request's fingerprint tells a repeat from a reuse.
ALTER TABLE receipt_claim
    DROP CONSTRAINT receipt_claim_idempotency_key_key,
    ADD COLUMN client       VARCHAR(255) NOT NULL DEFAULT '',
    ADD COLUMN request_hash BYTEA;
CREATE UNIQUE INDEX receipt_claim_client_key ON receipt_claim (client, idempotency_key);

-- Dossiers workflow reports resolved, returned or withdrawn (from motcua.dossier.workflow.v1): their procedure
-- can no longer be corrected, and they cannot be cancelled.
CREATE TABLE dossier_settled (
    dossier_id VARCHAR(36) NOT NULL PRIMARY KEY,
    event_type VARCHAR(100) NOT NULL,
    settled_at TIMESTAMPTZ NOT NULL
);
