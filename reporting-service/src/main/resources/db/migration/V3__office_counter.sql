-- A closure stamped before its receipt (clocks of two services) counts at the receipt: a dossier is never
-- closed before it exists. The plain aggregate and the counters below both read it this way.
drop index dossier_fact_office_closed_idx;
alter table dossier_fact drop column closed_at;
alter table dossier_fact
    add column closed_at timestamptz generated always as (
        case when coalesce(resolved_at, withdrawn_at) is null then null
             else greatest(received_at, coalesce(resolved_at, withdrawn_at)) end) stored;
create index dossier_fact_office_closed_idx on dossier_fact (office_id, closed_at);

-- The pre-aggregated path: per office and local day (grain D), month (M) and year (Y), how many things happened
-- that day, kept in the same transaction as dossier_fact (DossierWriter adds each dossier's change of
-- contribution). A sum up to a date is a few year rows + the months of that year + the days of that month.
-- "At an instant" figures are differences of two such sums: open = received - closed, awaiting a supplement =
-- await_start - await_end, overdue = overdue_start - overdue_end (each dossier adds intervals (start, end]).
create table office_counter (
    office_id           text    not null,
    grain               char(1) not null,
    bucket              date    not null,
    received            bigint  not null default 0,
    received_online     bigint  not null default 0,
    received_in_person  bigint  not null default 0,
    received_postal     bigint  not null default 0,
    eligible            bigint  not null default 0,
    eligible_online     bigint  not null default 0,
    closed              bigint  not null default 0,
    resolved            bigint  not null default 0,
    resolved_early      bigint  not null default 0,
    resolved_on_time    bigint  not null default 0,
    resolved_late       bigint  not null default 0,
    withdrawn           bigint  not null default 0,
    late_without_letter bigint  not null default 0,
    apologies           bigint  not null default 0,
    apologies_in_time   bigint  not null default 0,
    await_start         bigint  not null default 0,
    await_end           bigint  not null default 0,
    overdue_start       bigint  not null default 0,
    overdue_end         bigint  not null default 0,
    primary key (office_id, grain, bucket)
);
