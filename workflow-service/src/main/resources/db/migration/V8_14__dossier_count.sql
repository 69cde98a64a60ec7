-- Issue 14: the dossier list's exact `total` without counting a subtree's millions of rows. dossier_count holds,
-- per office and status, signed deltas (+1 when a row enters the (office, status), -1 when it leaves), written by
-- triggers on dossier_view in the same transaction as the row: every write path (the projection, the intake
-- consumer's batched opening, the history import, a replay) keeps it, and none can forget it. Inserting deltas
-- instead of updating one row per (office, status) takes no shared row lock: concurrent transactions never wait
-- on, or deadlock over, a hot office's counter. DossierCounts folds the deltas into one row per (office, status)
-- every few seconds; a sum over the rows of the scope's offices is exact at any moment, folded or not.
CREATE TABLE dossier_count (
    office_id VARCHAR(64) NOT NULL,
    status    VARCHAR(32) NOT NULL,
    n         BIGINT      NOT NULL
);
CREATE INDEX dossier_count_office_status ON dossier_count (office_id, status) INCLUDE (n);

CREATE FUNCTION dossier_count_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO dossier_count (office_id, status, n) VALUES (OLD.office_id, OLD.status, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO dossier_count (office_id, status, n) VALUES (NEW.office_id, NEW.status, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER dossier_count_insert_delete AFTER INSERT OR DELETE ON dossier_view
    FOR EACH ROW EXECUTE FUNCTION dossier_count_track();
-- Most updates touch neither column (deadline flags, payments, history): the WHEN is checked without calling the
-- function.
CREATE TRIGGER dossier_count_update AFTER UPDATE OF office_id, status ON dossier_view
    FOR EACH ROW WHEN (OLD.office_id IS DISTINCT FROM NEW.office_id OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION dossier_count_track();

CREATE FUNCTION dossier_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE dossier_count;
    RETURN NULL;
END $$;
-- A rebuild of the read model that starts from an empty table empties the counters with it.
CREATE TRIGGER dossier_count_truncate AFTER TRUNCATE ON dossier_view
    FOR EACH STATEMENT EXECUTE FUNCTION dossier_count_clear();

-- Recount from dossier_view (after a bulk load with the triggers disabled, or to check them): one row per
-- (office, status). Takes a SHARE lock on dossier_view so no write slips between the count and the swap.
CREATE FUNCTION dossier_count_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE dossier_view IN SHARE MODE;
    DELETE FROM dossier_count;
    INSERT INTO dossier_count (office_id, status, n)
    SELECT office_id, status, count(*) FROM dossier_view GROUP BY office_id, status;
END $$;

-- Existing rows (an installation upgraded with dossiers already in the read model).
SELECT dossier_count_rebuild();
