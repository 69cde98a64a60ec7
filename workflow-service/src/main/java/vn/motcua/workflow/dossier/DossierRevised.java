package vn.motcua.workflow.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import vn.motcua.events.Channel;

/**
 * Internal: intake corrected the receipt (DossierReceived revision {@code revision}) while the dossier was open.
 * {@code receiptDueAt} is intake's due date for the corrected receipt; {@code dueAt} the statutory due date in
 * force here, which differs only when a supplement had already restarted the clock (then the restart is
 * recomputed with the corrected processing time). Never published: intake already announced the correction.
 */
public record DossierRevised(String dossierId, String officeId, int revision, String code, String procedureCode,
                             String field, Channel channel, BigDecimal processingDays, Instant receivedAt,
                             Instant receiptDueAt, Instant dueAt, long fee, boolean onlinePayment) {
}
