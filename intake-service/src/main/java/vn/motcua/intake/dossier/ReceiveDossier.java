package vn.motcua.intake.dossier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.motcua.events.Channel;

/** Record a received dossier whose code and due date the desk has already fixed. */
public record ReceiveDossier(@TargetAggregateIdentifier String dossierId, String code, String officeId,
                             String procedureCode, String field, Channel channel, boolean onlineEligible,
                             BigDecimal processingDays, Instant receivedAt, Instant dueAt, Applicant applicant,
                             List<SubmittedDocument> documents, String externalRef, Instant recordedAt) {
}
