package vn.motcua.workflow.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import vn.motcua.events.Channel;

/**
 * Internal: the workflow's own record that it has the dossier. Not a contract event (intake already announced
 * the receipt), so it is never published; it keeps what later rules need, such as the processing time that a
 * supplement restarts. The fields after {@code dueAt} came with contract 1.1: boxed, so events stored before it
 * read back as unknown (null). {@code externalRef} (the integrator's reference: the history import finds the dossier
 * by it) and {@code lookupVerifier} (checks the citizen's lookup PIN; never the PIN) came last.
 */
public record DossierOpened(String dossierId, String officeId, String procedureCode, BigDecimal processingDays,
                            Instant receivedAt, Instant dueAt, String code, String field, Channel channel, Long fee,
                            Boolean onlinePayment, Integer revision, String externalRef, String lookupVerifier) {

    /** Without the external reference and the lookup verifier. */
    public DossierOpened(String dossierId, String officeId, String procedureCode, BigDecimal processingDays,
                         Instant receivedAt, Instant dueAt, String code, String field, Channel channel, Long fee,
                         Boolean onlinePayment, Integer revision) {
        this(dossierId, officeId, procedureCode, processingDays, receivedAt, dueAt, code, field, channel, fee,
                onlinePayment, revision, null, null);
    }

    /** As {@code OpenDossier}'s contract-1.0 form opens it (no fee). */
    public DossierOpened(String dossierId, String officeId, String procedureCode, BigDecimal processingDays,
                         Instant receivedAt, Instant dueAt) {
        this(dossierId, officeId, procedureCode, processingDays, receivedAt, dueAt, null, null, null, 0L, false, 0, null,
                null);
    }

    int revisionOrZero() {
        return revision == null ? 0 : revision;
    }
}
