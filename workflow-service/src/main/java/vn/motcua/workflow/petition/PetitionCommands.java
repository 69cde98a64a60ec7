package vn.motcua.workflow.petition;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.motcua.events.Rating;

/** What a petition accepts. {@code at}/{@code receivedAt}: when it happened; the web layer defaulted it to now. */
public final class PetitionCommands {
    private PetitionCommands() {
    }

    public record ReceivePetition(String petitionId, String officeId, String category, Instant receivedAt) {
    }

    public record AnswerPetition(@TargetAggregateIdentifier String petitionId, Instant at) {
    }

    public record RatePetition(@TargetAggregateIdentifier String petitionId, Rating rating, Instant at) {
    }
}
