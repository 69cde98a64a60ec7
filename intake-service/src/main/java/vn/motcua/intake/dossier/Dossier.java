package vn.motcua.intake.dossier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A dossier as the receipt desk knows it. Receipt is its only step here; what happens next belongs to the workflow
 * service, which learns of the dossier from Kafka.
 */
@Aggregate
public class Dossier {
    @AggregateIdentifier
    private String dossierId;

    protected Dossier() {
        // for Axon
    }

    @CommandHandler
    public Dossier(ReceiveDossier c) {
        apply(new DossierRecorded(c.dossierId(), c.code(), c.officeId(), c.procedureCode(), c.field(), c.channel(),
                c.onlineEligible(), c.processingDays(), c.receivedAt(), c.dueAt(), c.applicant(),
                c.documents() == null ? List.of() : List.copyOf(c.documents()), c.externalRef(), c.recordedAt()));
    }

    @EventSourcingHandler
    void on(DossierRecorded event) {
        dossierId = event.dossierId();
    }
}
