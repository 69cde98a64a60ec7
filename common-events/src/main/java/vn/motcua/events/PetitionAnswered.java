package vn.motcua.events;

import java.time.Instant;

/** The office answered a petition; {@code onTime}: at or before its due instant. */
public record PetitionAnswered(String petitionId, String officeId, Instant answeredAt, Instant dueAt,
                               boolean onTime) implements PetitionEvent {
    @Override
    public Instant occurredAt() {
        return answeredAt;
    }
}
