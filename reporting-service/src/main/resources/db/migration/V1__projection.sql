-- Projection bookkeeping: the next offset to read per partition, written in the same transaction as the rows
-- it produced, so a crash anywhere replays exactly what was not committed (exactly-once in effect).
create table projection_offset (
    topic       text    not null,
    partition   integer not null,
    next_offset bigint  not null,
    primary key (topic, partition)
);

-- ce_id of every event applied: a redelivered or re-published event is recognised and skipped.
create table processed_event (
    event_id uuid primary key
);

-- Catalogue, full state each time; registered_at/published_at keep an older copy from overwriting a newer one.
create table office (
    office_id     text primary key,
    name          text        not null,
    level         text,
    parent_id     text,
    registered_at timestamptz not null
);
create index office_parent_idx on office (parent_id);

create table procedure (
    code            text primary key,
    name            text        not null,
    field           text,
    processing_days numeric,
    online_mode     text,
    postal          boolean,
    published_at    timestamptz not null
);

-- One row per dossier, filled by whichever event arrives first (a workflow event may precede its receipt).
-- received_at stays null until DossierReceived arrives; such rows are not counted anywhere until then.
create table dossier_fact (
    dossier_id      text primary key,
    office_id       text not null,
    code            text,
    procedure_code  text,
    field           text,
    channel         text,
    online_eligible boolean,
    received_at     timestamptz,
    due_at          timestamptz,
    resolved_at     timestamptz,
    outcome         text,
    timeliness      text,
    withdrawn_at    timestamptz
);
create index dossier_fact_office_received_idx on dossier_fact (office_id, received_at);

-- Supplement requests stop the clock; a received supplement restarts it with a new statutory due date.
-- The latest entry at or before an instant says whether the dossier was waiting and which dueAt was in force.
create table dossier_clock (
    event_id   uuid primary key,
    dossier_id text        not null,
    kind       text        not null, -- STOPPED (supplement requested) | RESTARTED (supplement received)
    at         timestamptz not null,
    due_at     timestamptz
);
create index dossier_clock_dossier_idx on dossier_clock (dossier_id, at);

create table apology_letter (
    dossier_id    text        not null,
    letter_number integer     not null,
    office_id     text        not null,
    issued_at     timestamptz not null,
    in_time       boolean     not null,
    primary key (dossier_id, letter_number)
);
create index apology_letter_issued_idx on apology_letter (issued_at);
