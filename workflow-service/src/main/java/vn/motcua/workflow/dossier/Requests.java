package vn.motcua.workflow.dossier;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import vn.motcua.events.Outcome;
import vn.motcua.events.ReturnMethod;

/** Bodies of the workflow commands (CONTRACT.md). {@code at}: when it happened; default now. */
final class Requests {
    private Requests() {
    }

    record Transfer(@NotBlank @Size(max = 255) String toUnit, @Size(max = 64) String toOfficeId,
                    @Size(max = 2000) String note, OffsetDateTime at) {
    }

    record SupplementRequest(@NotBlank @Size(max = 2000) String reason, OffsetDateTime at) {
    }

    record Supplement(OffsetDateTime at) {
    }

    record ApologyLetter(@NotBlank @Size(max = 2000) String reason, @NotNull OffsetDateTime newDueAt,
                         @Size(max = 255) String responsibleUnit,
                         OffsetDateTime at) {
    }

    record Resolution(@NotNull Outcome outcome, @Size(max = 2000) String reason, OffsetDateTime at) {
    }

    /** {@code electronicResult}: the result was issued as an electronic document (default false). */
    record Return(@NotNull ReturnMethod method, OffsetDateTime at, Boolean electronicResult) {
    }

    /** {@code amount}: VND, an integer ≥ 0 (read as a number, so 1.5 is refused naming the field, not truncated). */
    record Payment(@NotNull BigDecimal amount, @NotNull Boolean online, OffsetDateTime at) {
    }

    record Rating(@NotNull vn.motcua.events.Rating rating, OffsetDateTime at) {
    }

    record Withdrawal(@Size(max = 2000) String reason, OffsetDateTime at) {
    }
}
