package vn.motcua.events;

import java.time.Instant;

/** A decision was made (approved or refused), classified against the statutory {@code dueAt}. */
public record DossierResolved(String dossierId, String officeId, Outcome outcome, String reason,
                              Timeliness timeliness, Instant dueAt, Instant resolvedAt) implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return resolvedAt;
    }
}
