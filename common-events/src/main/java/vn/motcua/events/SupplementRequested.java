package vn.motcua.events;

import java.time.Instant;

/** The agency asked the applicant for missing papers; the clock stops. */
public record SupplementRequested(String dossierId, String officeId, String reason, Instant requestedAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return requestedAt;
    }
}
