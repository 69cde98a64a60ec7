package vn.motcua.events;

import java.time.Instant;

/** An unresolved dossier entered the "due soon" list, 1 working day before {@code dueAt}. */
public record DossierDueSoon(String dossierId, String officeId, Instant dueAt, Instant announcedAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return announcedAt;
    }
}
