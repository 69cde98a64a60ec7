package vn.motcua.events;

import java.time.Instant;

/** The result was handed to the applicant. */
public record ResultReturned(String dossierId, String officeId, ReturnMethod method, Instant returnedAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return returnedAt;
    }
}
