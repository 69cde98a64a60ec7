package vn.motcua.events;

import java.time.Instant;

/** The applicant paid the procedure's fee (VND), online or at the desk. */
public record FeePaid(String dossierId, String officeId, long amount, boolean online, Instant paidAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return paidAt;
    }
}
