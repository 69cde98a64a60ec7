-- The read side: written by a subscribing processor in the same transaction as the command's events, so a
-- command's answer and GET /api/v1/dossiers/{id} always show the state the command produced.
CREATE TABLE dossier_view (
    dossier_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    office_id           VARCHAR(64)  NOT NULL,
    procedure_code      VARCHAR(64),
    status              VARCHAR(32)  NOT NULL,
    received_at         TIMESTAMPTZ  NOT NULL,
    due_at              TIMESTAMPTZ  NOT NULL,
    rescheduled_due_at  TIMESTAMPTZ,
    current_unit        VARCHAR(255),
    outcome             VARCHAR(16),
    timeliness          VARCHAR(16),
    resolved_at         TIMESTAMPTZ,
    supplement_requests INTEGER      NOT NULL DEFAULT 0,
    apology_letters     INTEGER      NOT NULL DEFAULT 0,
    last_step_at        TIMESTAMPTZ  NOT NULL
);

-- Worklists: the open dossiers of an office by due date.
CREATE INDEX dossier_view_office_due ON dossier_view (office_id, due_at)
    WHERE status IN ('RECEIVED', 'IN_PROCESS');

-- One line per step (the processing control slip, form 05, for transfers). seq is the event's sequence
-- number in the dossier's stream, so a replayed event cannot add a line twice.
CREATE TABLE dossier_history (
    dossier_id VARCHAR(64) NOT NULL,
    seq        BIGINT      NOT NULL,
    kind       VARCHAR(40) NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    details    JSONB       NOT NULL,
    PRIMARY KEY (dossier_id, seq)
);

-- Apology letters (form 04), kept whole for printing.
CREATE TABLE apology_letter (
    dossier_id       VARCHAR(64)  NOT NULL,
    letter_number    INTEGER      NOT NULL,
    office_id        VARCHAR(64)  NOT NULL,
    reason           TEXT         NOT NULL,
    responsible_unit VARCHAR(255),
    due_at           TIMESTAMPTZ  NOT NULL,
    new_due_at       TIMESTAMPTZ  NOT NULL,
    issued_at        TIMESTAMPTZ  NOT NULL,
    in_time          BOOLEAN      NOT NULL,
    PRIMARY KEY (dossier_id, letter_number)
);
