-- Read models of the catalogue, projected synchronously (same transaction as the event) so a dossier sent right
-- after a PUT sees it.
CREATE TABLE office (
    office_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    name          VARCHAR(500) NOT NULL,
    level         VARCHAR(16)  NOT NULL,
    parent_id     VARCHAR(64),
    registered_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE procedure (
    code            VARCHAR(64)   NOT NULL PRIMARY KEY,
    name            VARCHAR(1000) NOT NULL,
    field           VARCHAR(200)  NOT NULL,
    processing_days NUMERIC(6, 1) NOT NULL,
    online_mode     VARCHAR(16)   NOT NULL,
    postal          BOOLEAN       NOT NULL,
    published_at    TIMESTAMPTZ   NOT NULL
);

-- The intake record of each dossier, applicant included: personal data lives here and in the event store only.
CREATE TABLE dossier (
    dossier_id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    code                VARCHAR(100)  NOT NULL UNIQUE,
    office_id           VARCHAR(64)   NOT NULL,
    procedure_code      VARCHAR(64)   NOT NULL,
    field               VARCHAR(200)  NOT NULL,
    channel             VARCHAR(16)   NOT NULL,
    online_eligible     BOOLEAN       NOT NULL,
    processing_days     NUMERIC(6, 1) NOT NULL,
    received_at         TIMESTAMPTZ   NOT NULL,
    due_at              TIMESTAMPTZ   NOT NULL,
    applicant_full_name VARCHAR(500)  NOT NULL,
    applicant_id_number VARCHAR(64),
    applicant_phone     VARCHAR(64),
    applicant_address   VARCHAR(1000),
    external_ref        VARCHAR(200),
    recorded_at         TIMESTAMPTZ   NOT NULL
);
CREATE INDEX dossier_office_received ON dossier (office_id, received_at);

CREATE TABLE dossier_document (
    dossier_id VARCHAR(36)   NOT NULL REFERENCES dossier (dossier_id),
    position   INTEGER       NOT NULL,
    name       VARCHAR(1000) NOT NULL,
    copies     INTEGER       NOT NULL,
    PRIMARY KEY (dossier_id, position)
);

-- Idempotency: one row per receipt that carried an Idempotency-Key or an externalRef. Inserted first in the
-- receipt's transaction; a racing duplicate waits on the unique index and then finds the winner's dossier.
CREATE TABLE receipt_claim (
    dossier_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    idempotency_key VARCHAR(200) UNIQUE,
    office_id       VARCHAR(64)  NOT NULL,
    external_ref    VARCHAR(200),
    UNIQUE (office_id, external_ref)
);

-- Per-office daily sequence of dossier codes. Incremented in the receipt's transaction: a rolled-back receipt
-- gives its number back, so numbers never repeat and never skip.
CREATE TABLE dossier_sequence (
    office_id  VARCHAR(64) NOT NULL,
    day        DATE        NOT NULL,
    last_value INTEGER     NOT NULL,
    PRIMARY KEY (office_id, day)
);
