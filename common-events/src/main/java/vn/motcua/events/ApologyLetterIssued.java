package vn.motcua.events;

import java.time.Instant;

/**
 * An apology letter with a new appointment (form 04). {@code inTime} is true when it was issued at least the
 * policy's lead time (1 working day) before the statutory due date.
 */
public record ApologyLetterIssued(String dossierId, String officeId, int letterNumber, String reason,
                                  String responsibleUnit, Instant newDueAt, Instant issuedAt, boolean inTime)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return issuedAt;
    }
}
