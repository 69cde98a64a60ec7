package vn.motcua.workflow.petition;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A petition as the officers see it; {@code onTime}, {@code rating} once answered, rated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PetitionView(String petitionId, String officeId, String category, Instant receivedAt, Instant dueAt,
                           Instant answeredAt, Boolean onTime, String rating, Instant ratedAt) {
}
