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
 * at all (contract 1.1: the document counts, the frozen fee and the lookup PIN's verifier, never the PIN).
 * Revision 2: revision 1 carried the applicant in clear (rewritten by {@link SealExistingApplicants}).
 */
@Revision("2")
public record DossierRecorded(String dossierId, String code, String officeId, String procedureCode, String field,
                              Channel channel, boolean onlineEligible, BigDecimal processingDays,
                              Instant receivedAt, Instant dueAt, byte[] sealedApplicant,
                              List<SubmittedDocument> documents, String externalRef, Instant recordedAt,
                              long fee, boolean onlinePayment, String lookupVerifier) {

    /** Revision 0 of the contract's event; events recorded before contract 1.1 read with fee 0 and no verifier. */
    public DossierReceived toContract() {
        DocumentCounts counts = DocumentCounts.of(documents);
        return new DossierReceived(dossierId, code, officeId, procedureCode, field, channel, onlineEligible,
                processingDays, receivedAt, dueAt, externalRef, 0, counts.documents(), counts.digitised(),
                counts.reused(), fee, onlinePayment, lookupVerifier);
    }

    @Override
    public String toString() {
        return "DossierRecorded[" + dossierId + ", " + code + "]";
    }
}
