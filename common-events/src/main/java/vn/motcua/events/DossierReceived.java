package vn.motcua.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A dossier was received at an office's one-stop desk, or its receipt was corrected: {@code revision} 0 is the
 * first, each correction publishes the next with the same {@code dossierId}, and consumers follow the highest.
 * Carries no applicant data: identity stays in intake. {@code onlineEligible} freezes whether the procedure was
 * offered online at receipt (the online rate's denominator); {@code fee}/{@code onlinePayment} freeze the
 * procedure's fee. {@code lookupVerifier} lets workflow check the citizen's lookup PIN ({@link LookupPin}); it is
 * never the PIN.
 */
public record DossierReceived(String dossierId, String code, String officeId, String procedureCode, String field,
                              Channel channel, boolean onlineEligible, BigDecimal processingDays,
                              Instant receivedAt, Instant dueAt, String externalRef, int revision, int documents,
                              int digitisedDocuments, int reusedDocuments, long fee, boolean onlinePayment,
                              String lookupVerifier) implements DossierEvent {
    /** A first receipt as contract 1.0 described it. */
    public DossierReceived(String dossierId, String code, String officeId, String procedureCode, String field,
                           Channel channel, boolean onlineEligible, BigDecimal processingDays, Instant receivedAt,
                           Instant dueAt) {
        this(dossierId, code, officeId, procedureCode, field, channel, onlineEligible, processingDays, receivedAt,
                dueAt, null, 0, 0, 0, 0, 0, false, null);
    }

    @Override
    public Instant occurredAt() {
        return receivedAt;
    }
}
