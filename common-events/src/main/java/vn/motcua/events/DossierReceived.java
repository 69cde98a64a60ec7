package vn.motcua.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A dossier was received at an office's one-stop desk. Carries no applicant data: identity stays in intake.
 * {@code onlineEligible} freezes whether the procedure was offered online at receipt, the online rate's
 * denominator, so later catalogue changes do not rewrite history.
 */
public record DossierReceived(String dossierId, String code, String officeId, String procedureCode, String field,
                              Channel channel, boolean onlineEligible, BigDecimal processingDays,
                              Instant receivedAt, Instant dueAt) implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return receivedAt;
    }
}
