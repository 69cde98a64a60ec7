package vn.motcua.intake.catalogue;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.motcua.events.ProcedurePublished;

/** A published procedure (TTHC). Its events are the contract's {@link ProcedurePublished}, full state each time. */
@Aggregate
public class Procedure {
    @AggregateIdentifier
    private String aggregateId;
    private ProcedurePublished state;

    protected Procedure() {
        // for Axon
    }

    static String aggregateId(String code) {
        return "procedure:" + code;
    }

    /** Returns true when the procedure is new; an unchanged PUT records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(PublishProcedure command) {
        boolean created = state == null;
        if (!created && state.name().equals(command.name()) && state.field().equals(command.field())
                && state.processingDays().compareTo(command.processingDays()) == 0
                && state.onlineMode() == command.onlineMode() && state.postal() == command.postal()
                && ProcedureFacts.of(state).equals(command.facts())) {
            return false;
        }
        ProcedureFacts f = command.facts();
        apply(new ProcedurePublished(command.code(), command.name(), command.field(), command.processingDays(),
                command.onlineMode(), command.postal(), command.at(), f.fee(), f.onlinePayment(), f.decidedOn(),
                f.effectiveOn(), f.madePublicOn(), f.contentComplete()));
        return created;
    }

    @EventSourcingHandler
    void on(ProcedurePublished event) {
        aggregateId = aggregateId(event.code());
        state = event;
    }
}
