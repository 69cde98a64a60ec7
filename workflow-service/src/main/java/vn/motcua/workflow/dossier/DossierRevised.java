package vn.motcua.workflow.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import vn.motcua.events.Channel;

/**
 * Internal: intake corrected the receipt (DossierReceived revision {@code revision}) while the dossier was open.
 * {@code receiptDueAt} is intake's due date for the corrected receipt; {@code dueAt} the statutory due date in
 * force here, which differs only when a supplement had already restarted the clock (then the restart is
 * recomputed with the corrected processing time). Never published: intake already announced the correction.
 * {@code externalRef} and {@code lookupVerifier} as the corrected receipt carries them (null in events stored before).
 */
public record DossierRevised(String dossierId, String officeId, int revision, String code, String procedureCode,
                             String field, Channel channel, BigDecimal processingDays, Instant receivedAt,
                             Instant receiptDueAt, Instant dueAt, long fee, boolean onlinePayment, String externalRef,
                             String lookupVerifier) {

    /** Without the external reference and the lookup verifier. */
    public DossierRevised(String dossierId, String officeId, int revision, String code, String procedureCode,
                          String field, Channel channel, BigDecimal processingDays, Instant receivedAt,
                          Instant receiptDueAt, Instant dueAt, long fee, boolean onlinePayment) {
        this(dossierId, officeId, revision, code, procedureCode, field, channel, processingDays, receivedAt,
                receiptDueAt, dueAt, fee, onlinePayment, null, null);
    }
}
