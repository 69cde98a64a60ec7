package vn.motcua.events;

import java.time.Instant;

/** The complete supplement arrived; the statutory time restarts, giving a new {@code dueAt}. */
public record SupplementReceived(String dossierId, String officeId, Instant receivedAt, Instant dueAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return receivedAt;
    }
}
