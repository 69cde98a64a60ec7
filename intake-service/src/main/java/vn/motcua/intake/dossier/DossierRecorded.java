package vn.motcua.intake.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierReceived;

/**
 * Intake's own event of a receipt, applicant included: it stays in intake's event store. What leaves the service is
 * {@link #toContract()}, which has no personal data.
 */
public record DossierRecorded(String dossierId, String code, String officeId, String procedureCode, String field,
                              Channel channel, boolean onlineEligible, BigDecimal processingDays,
                              Instant receivedAt, Instant dueAt, Applicant applicant,
                              List<SubmittedDocument> documents, String externalRef, Instant recordedAt) {

    public DossierReceived toContract() {
        return new DossierReceived(dossierId, code, officeId, procedureCode, field, channel, onlineEligible,
                processingDays, receivedAt, dueAt);
    }
}
