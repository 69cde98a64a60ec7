-- Contract 1.1 (issues 11 and 14): what intake's receipt now carries (code, field, channel, fee, online payment,
-- revision), payments, electronic results and ratings, cancelled receipts, and petitions.
ALTER TABLE dossier_view ADD COLUMN code              VARCHAR(64);
ALTER TABLE dossier_view ADD COLUMN field             VARCHAR(255);
ALTER TABLE dossier_view ADD COLUMN channel           VARCHAR(16);
ALTER TABLE dossier_view ADD COLUMN fee               BIGINT;
ALTER TABLE dossier_view ADD COLUMN online_payment    BOOLEAN;
-- The DossierReceived revision the row follows (0 = the first receipt; a correction is the next one).
ALTER TABLE dossier_view ADD COLUMN revision          INTEGER      NOT NULL DEFAULT 0;
-- Sum of the fees paid (VND) and whether any payment was made online.
ALTER TABLE dossier_view ADD COLUMN paid_amount       BIGINT       NOT NULL DEFAULT 0;
ALTER TABLE dossier_view ADD COLUMN paid_online       BOOLEAN      NOT NULL DEFAULT FALSE;
ALTER TABLE dossier_view ADD COLUMN electronic_result BOOLEAN;
ALTER TABLE dossier_view ADD COLUMN rating            VARCHAR(16);
ALTER TABLE dossier_view ADD COLUMN cancelled_at      TIMESTAMPTZ;

-- Looking a dossier up by the code printed on the receipt slip.
CREATE INDEX dossier_view_code ON dossier_view (code);

-- Petitions (phản ánh, kiến nghị) about an office: no petitioner identity is held here.
CREATE TABLE petition_view (
    petition_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    office_id   VARCHAR(64)  NOT NULL,
    category    VARCHAR(255) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    due_at      TIMESTAMPTZ  NOT NULL,
    answered_at TIMESTAMPTZ,
    on_time     BOOLEAN,
    rating      VARCHAR(16),
    rated_at    TIMESTAMPTZ
);

-- The overdue-petition worklist: unanswered petitions of an office by due date.
CREATE INDEX petition_view_office_open_due ON petition_view (office_id, due_at) WHERE answered_at IS NULL;
