package vn.motcua.events;

import java.time.Instant;

/** The applicant rated the handling of a dossier after its result was returned (at most once). */
public record DossierRated(String dossierId, String officeId, Rating rating, Instant ratedAt)
        implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return ratedAt;
    }
}
