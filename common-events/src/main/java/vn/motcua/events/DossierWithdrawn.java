package vn.motcua.events;

import java.time.Instant;

/** The applicant withdrew an unresolved dossier; it closes without a result. */
public record DossierWithdrawn(String dossierId, String officeId, String reason, Instant withdrawnAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return withdrawnAt;
    }
}
