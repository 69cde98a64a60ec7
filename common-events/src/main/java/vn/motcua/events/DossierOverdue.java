package vn.motcua.events;

import java.time.Instant;

/** An unresolved dossier passed its statutory {@code dueAt}. */
public record DossierOverdue(String dossierId, String officeId, Instant dueAt, Instant overdueAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return overdueAt;
    }
}
