-- Who did each step: the `sub` of the access token the command came with (Axon metadata "by" on the event).
-- NULL for what the service did on its own: opening from intake's record, deadline announcements, the apology
-- letter a late resolution adds.
ALTER TABLE dossier_history ADD COLUMN actor VARCHAR(255);
