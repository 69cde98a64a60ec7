package vn.motcua.events;

import java.time.Instant;

/** A receipt made in error was cancelled at the desk: the dossier leaves every figure and worklist. */
public record DossierCancelled(String dossierId, String officeId, String reason, Instant cancelledAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return cancelledAt;
    }
}
