-- Persistent deadlines: the schedule is the read model itself. due_soon_at / due_at say when each
-- announcement falls due; the *_done flags are set in the same transaction as the announcing event, so a
-- restart (or downtime across the moment) loses nothing and fires nothing twice.
ALTER TABLE dossier_view ADD COLUMN due_soon_at   TIMESTAMPTZ;
ALTER TABLE dossier_view ADD COLUMN due_soon_done BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE dossier_view ADD COLUMN overdue_done  BOOLEAN NOT NULL DEFAULT FALSE;

-- Only pending deadlines are indexed, so a million of them cost one small index scan per poll.
CREATE INDEX dossier_view_due_soon_pending ON dossier_view (due_soon_at)
    WHERE NOT due_soon_done AND status IN ('RECEIVED', 'IN_PROCESS');
CREATE INDEX dossier_view_overdue_pending ON dossier_view (due_at)
    WHERE NOT overdue_done AND status IN ('RECEIVED', 'IN_PROCESS');
