package vn.motcua.intake.dossier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.motcua.events.Channel;
import vn.motcua.intake.infra.Refusal;

/**
 * What a correction of a receipt may change and what it leads to (contract 1.1 {@code POST .../corrections}), pure.
 * A change that shows on {@code DossierReceived} (procedure, channel, receipt time, documents) is its next revision;
 * a change of procedure, channel or time ("timing") is checked by the receipt's own rules ({@link ReceiptRules}) and
 * recomputes {@code dueAt}; a corrected applicant changes no event (it never leaves intake). A cancelled dossier
 * changes no more; one workflow reports settled keeps its procedure; an erased applicant cannot be corrected.
 * The code stays the one printed on the slip, even when the receipt time moves.
 */
final class CorrectionRules {
    static final int MAX_REASON_LENGTH = 1000;

    private CorrectionRules() {
    }

    /** What may be corrected; null = unchanged. */
    record Correction(Applicant applicant, List<SubmittedDocument> documents, String procedureCode, Channel channel,
                      Instant receivedAt) {
    }

    /**
     * The dossier as it stands: {@code settled} = workflow reported it resolved, returned or withdrawn;
     * {@code applicantErased} = its data key is shredded.
     */
    record Current(String procedureCode, Channel channel, Instant receivedAt, List<SubmittedDocument> documents,
                   boolean cancelled, boolean settled, boolean applicantErased) {
    }

    /** A correction's outcome: a refusal, or what to write. */
    sealed interface Decision permits Refused, Plan {
    }

    record Refused(Refusal refusal) implements Decision {
    }

    /**
     * What the correction changes. {@code documents}: the dossier's papers after it (the current ones when
     * unchanged).
     */
    record Plan(String procedureCode, Channel channel, Instant receivedAt, List<SubmittedDocument> documents,
                boolean procedureChanged, boolean timingChanged, boolean documentsChanged, boolean applicantChanged)
            implements Decision {
        /** Something {@code DossierReceived} shows changed: the next revision is published. */
        boolean newRevision() {
            return timingChanged || documentsChanged;
        }

        /** The fee is frozen at receipt (TTTT): a revision takes the new procedure's fee only with the procedure. */
        long fee(long current, long newProcedures) {
            return procedureChanged ? newProcedures : current;
        }

        /** Like the fee: whether it can be paid online follows the procedure only when the procedure changed. */
        boolean onlinePayment(boolean current, boolean newProcedures) {
            return procedureChanged ? newProcedures : current;
        }
    }

    /** The reason of a correction or a cancellation: required, at most 1000 characters. */
    static Optional<Refusal> reason(String reason) {
        if (reason == null || reason.isBlank()) {
            return Optional.of(Refusal.malformed("reason", "is required"));
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            return Optional.of(Refusal.malformed("reason",
                    "must be at most " + MAX_REASON_LENGTH + " characters"));
        }
        return Optional.empty();
    }

    static Decision decide(String dossierId, Current cur, Correction c) {
        if (cur.cancelled()) {
            return new Refused(Refusal.stateForbids(null,
                    "dossier " + dossierId + " was cancelled; it cannot be corrected"));
        }
        String procedureCode = c.procedureCode() == null ? cur.procedureCode() : c.procedureCode();
        Channel channel = c.channel() == null ? cur.channel() : c.channel();
        Instant receivedAt = c.receivedAt() == null ? cur.receivedAt() : c.receivedAt();
        boolean procedureChanged = !procedureCode.equals(cur.procedureCode());
        if (procedureChanged && cur.settled()) {
            return new Refused(Refusal.stateForbids("procedureCode",
                    "dossier " + dossierId + " is already resolved; its procedure can no longer change"));
        }
        if (c.applicant() != null && cur.applicantErased()) {
            return new Refused(Refusal.stateForbids("applicant",
                    "the applicant's data of dossier " + dossierId + " was erased; it cannot be corrected"));
        }
        boolean timing = procedureChanged || channel != cur.channel() || !receivedAt.equals(cur.receivedAt());
        boolean documentsChanged = c.documents() != null && !c.documents().equals(cur.documents());
        return new Plan(procedureCode, channel, receivedAt, documentsChanged ? c.documents() : cur.documents(),
                procedureChanged, timing, documentsChanged, c.applicant() != null);
    }
}
