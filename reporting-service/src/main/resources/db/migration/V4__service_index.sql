-- Contract 1.1 (Decision 766 index). Everything here is additive: the form 06 figures read as before.

-- What a receipt revision says about the dossier (the highest revision is kept), what happened to it after the
-- return, and whether it was cancelled (a receipt made in error: it leaves every figure).
alter table dossier_fact
    add column revision          integer not null default 0,
    add column documents          integer not null default 0,
    add column digitised          integer not null default 0,
    add column reused             integer not null default 0,
    add column fee                bigint  not null default 0,
    add column online_payment     boolean not null default false,
    add column returned_at        timestamptz,
    add column electronic_result  boolean,
    add column rating             text,
    add column rated_at           timestamptz,
    add column cancelled_at       timestamptz;

-- Every FeePaid, by its ce_id (a payment may come before the receipt, like every workflow event).
create table fee_payment (
    event_id   uuid primary key,
    dossier_id text        not null,
    amount     bigint      not null,
    online     boolean     not null,
    paid_at    timestamptz not null
);
create index fee_payment_dossier_idx on fee_payment (dossier_id);
create index fee_payment_paid_idx on fee_payment (paid_at);

-- The procedure's Decision 766 data as the catalogue says (null = unknown).
alter table procedure
    add column fee              bigint  not null default 0,
    add column online_payment   boolean not null default false,
    add column decided_on       date,
    add column effective_on     date,
    add column made_public_on   date,
    add column content_complete boolean;

-- New per-dossier counters (see dossier.Counter).
alter table office_counter
    add column digitised          bigint not null default 0,
    add column reused             bigint not null default 0,
    add column fee_due            bigint not null default 0,
    add column fee_paid_online    bigint not null default 0,
    add column returned_approved  bigint not null default 0,
    add column returned_electronic bigint not null default 0,
    add column multi_received     bigint not null default 0,
    add column multi_closed       bigint not null default 0,
    add column multi_closed_good  bigint not null default 0,
    add column multi_overdue_start bigint not null default 0,
    add column multi_overdue_end  bigint not null default 0,
    add column dissat_received    bigint not null default 0,
    add column dissat_closed      bigint not null default 0;

-- Per office, procedure and local day (D) or month (M): the dossiers newly received, those ONLINE, the online
-- payments made that day for dossiers of the procedure, and the latest dossier received in the bucket with what
-- it said of the procedure (Decision 766: "a procedure's mode, fee and online payment are those on its latest
-- dossier of the period"). Recomputed from the facts for the buckets a batch touches, so it is a function of the
-- facts whatever the order of the events.
create table procedure_counter (
    office_id       text    not null,
    procedure_code  text    not null,
    grain           char(1) not null,
    bucket          date    not null,
    received        bigint  not null,
    received_online bigint  not null,
    paid_online     bigint  not null,
    last_received_at timestamptz,
    last_dossier_id text,
    last_eligible   boolean,
    last_fee        bigint,
    last_online_payment boolean,
    primary key (office_id, grain, bucket, procedure_code)
);

-- Petitions (phản ánh, kiến nghị), one row each; a petition event may arrive before its receipt.
create table petition_fact (
    petition_id text primary key,
    office_id   text not null,
    received_at timestamptz,
    due_at      timestamptz,
    answered_at timestamptz,
    on_time     boolean,
    rating      text,
    rated_at    timestamptz
);

-- Per office and local day/month/year, like office_counter (see petition.PetitionCounter).
create table petition_counter (
    office_id text    not null,
    grain     char(1) not null,
    bucket    date    not null,
    received            bigint not null default 0,
    answered            bigint not null default 0,
    answered_on_time    bigint not null default 0,
    overdue_start       bigint not null default 0,
    overdue_end         bigint not null default 0,
    dissat_received     bigint not null default 0,
    dissat_answered     bigint not null default 0,
    dissat_answered_late bigint not null default 0,
    dissat_overdue_start bigint not null default 0,
    dissat_overdue_end  bigint not null default 0,
    primary key (office_id, grain, bucket)
);
