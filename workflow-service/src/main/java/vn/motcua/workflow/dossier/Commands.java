package vn.motcua.workflow.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.motcua.events.Outcome;
import vn.motcua.events.ReturnMethod;

/**
 * Every command the dossier accepts. {@code at} is when it happened in the world; the web layer has already
 * defaulted it to now and refused a future one, the aggregate refuses one before the previous step.
 */
public final class Commands {
    private Commands() {
    }

    /** From intake's DossierReceived: opens the dossier here, once, however often it is delivered. */
    public record OpenDossier(@TargetAggregateIdentifier String dossierId, String officeId, String procedureCode,
                              BigDecimal processingDays, Instant receivedAt, Instant dueAt) {
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

    public record ReturnResult(@TargetAggregateIdentifier String dossierId, ReturnMethod method, Instant at) {
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
