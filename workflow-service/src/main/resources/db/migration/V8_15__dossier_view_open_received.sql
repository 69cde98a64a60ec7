-- The overdue worklist of an office, newest first, without walking its closed dossiers: open dossiers only, so a walk
-- that skips the few still on time (received within the longest processing time) meets only overdue ones.
CREATE INDEX dossier_view_office_open_received ON dossier_view (office_id, received_at DESC, dossier_id DESC)
    WHERE status IN ('RECEIVED', 'IN_PROCESS');
