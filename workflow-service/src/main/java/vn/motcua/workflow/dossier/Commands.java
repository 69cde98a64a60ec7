package vn.motcua.workflow.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.motcua.events.Channel;
import vn.motcua.events.Outcome;
import vn.motcua.events.Rating;
import vn.motcua.events.ReturnMethod;

/**
 * Every command the dossier accepts. {@code at} is when it happened in the world; the web layer has already
 * defaulted it to now and refused a future one, the aggregate refuses one before the previous step.
 */
public final class Commands {
    private Commands() {
    }

    /**
     * From intake's DossierReceived: opens the dossier here, once, however often it is delivered; a higher
     * {@code revision} (a corrected receipt) updates an open dossier, an older or repeated one changes nothing.
     */
    public record OpenDossier(@TargetAggregateIdentifier String dossierId, String officeId, String procedureCode,
                              BigDecimal processingDays, Instant receivedAt, Instant dueAt, String code,
                              String field, Channel channel, long fee, boolean onlinePayment, int revision,
                              String externalRef, String lookupVerifier) {
        /**
         * Without the receipt's {@code externalRef} (the integrator's reference, for the history import) and
         * {@code lookupVerifier} (checks the citizen's PIN at the public lookup; never the PIN).
         */
        public OpenDossier(String dossierId, String officeId, String procedureCode, BigDecimal processingDays,
                           Instant receivedAt, Instant dueAt, String code, String field, Channel channel, long fee,
                           boolean onlinePayment, int revision) {
            this(dossierId, officeId, procedureCode, processingDays, receivedAt, dueAt, code, field, channel, fee,
                    onlinePayment, revision, null, null);
        }

        /** A first receipt with only what contract 1.0 carried. */
        public OpenDossier(String dossierId, String officeId, String procedureCode, BigDecimal processingDays,
                           Instant receivedAt, Instant dueAt) {
            this(dossierId, officeId, procedureCode, processingDays, receivedAt, dueAt, null, null, null, 0, false, 0,
                    null, null);
        }
    }

    /** From intake's DossierCancelled: a receipt made in error; the dossier takes no further command. */
    public record CancelDossier(@TargetAggregateIdentifier String dossierId, String officeId, String reason,
                                Instant cancelledAt) {
    }

    /** The applicant paid {@code amount} VND of the procedure's fee, online or at the desk. */
    public record PayFee(@TargetAggregateIdentifier String dossierId, long amount, boolean online, Instant at) {
    }

    /** The applicant rated the handling, after the result was returned. */
    public record RateDossier(@TargetAggregateIdentifier String dossierId, Rating rating, Instant at) {
    }

    public record TransferDossier(@TargetAggregateIdentifier String dossierId, String toUnit, String toOfficeId,
                                  String note, Instant at) {
    }

    public record RequestSupplement(@TargetAggregateIdentifier String dossierId, String reason, Instant at) {
    }

    public record ReceiveSupplement(@TargetAggregateIdentifier String dossierId, Instant at) {
    }

    public record IssueApologyLetter(@TargetAggregateIdentifier String dossierId, String reason, Instant newDueAt,
                                     String responsibleUnit, Instant at) {
    }

    public record ResolveDossier(@TargetAggregateIdentifier String dossierId, Outcome outcome, String reason,
                                 Instant at) {
    }

    public record ReturnResult(@TargetAggregateIdentifier String dossierId, ReturnMethod method, Instant at,
                               boolean electronicResult) {
        public ReturnResult(String dossierId, ReturnMethod method, Instant at) {
            this(dossierId, method, at, false);
        }
    }

    public record WithdrawDossier(@TargetAggregateIdentifier String dossierId, String reason, Instant at) {
    }

    /** From the deadline watcher: the dossier with this statutory due date has entered the due-soon window. */
    public record AnnounceDueSoon(@TargetAggregateIdentifier String dossierId, Instant dueAt) {
    }

    /** From the deadline watcher: the statutory due date {@code dueAt} has passed. */
    public record AnnounceOverdue(@TargetAggregateIdentifier String dossierId, Instant dueAt) {
    }
}
