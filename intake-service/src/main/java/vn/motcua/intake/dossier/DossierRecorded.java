package vn.motcua.intake.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierReceived;

/**
 * Intake's own event of a receipt; it stays in intake's event store. The applicant is in it only SEALED, with the
 * dossier's own data key (held in {@code applicant_key}, never in the event): erasing the key leaves this payload,
 * and every backup of it, unreadable. What leaves the service is {@link #toContract()}, which has no personal data
 * at all. Revision 2: revision 1 carried the applicant in clear (rewritten by {@link SealExistingApplicants}).
 */
@Revision("2")
public record DossierRecorded(String dossierId, String code, String officeId, String procedureCode, String field,
                              Channel channel, boolean onlineEligible, BigDecimal processingDays,
                              Instant receivedAt, Instant dueAt, byte[] sealedApplicant,
                              List<SubmittedDocument> documents, String externalRef, Instant recordedAt) {

    public DossierReceived toContract() {
        return new DossierReceived(dossierId, code, officeId, procedureCode, field, channel, onlineEligible,
                processingDays, receivedAt, dueAt);
    }

    @Override
    public String toString() {
        return "DossierRecorded[" + dossierId + ", " + code + "]";
    }
}
