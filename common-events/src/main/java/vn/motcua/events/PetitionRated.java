package vn.motcua.events;

import java.time.Instant;

/** The petitioner rated the answer. */
public record PetitionRated(String petitionId, String officeId, Rating rating, Instant ratedAt)
        implements PetitionEvent {
    @Override
    public Instant occurredAt() {
        return ratedAt;
    }
}
