-- When a dossier closed (resolved or withdrawn). A report counts dossiers "received before the end and not
-- closed before the start": with this index that is the period's closures plus the open dossiers, instead of
-- the office's whole history.
alter table dossier_fact
    add column closed_at timestamptz generated always as (coalesce(resolved_at, withdrawn_at)) stored;
create index dossier_fact_office_closed_idx on dossier_fact (office_id, closed_at);
