package vn.motcua.intake.catalogue;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.motcua.events.OfficeRegistered;

/**
 * An office of the one-stop tree. Its events are the contract's {@link OfficeRegistered}, full state each time, so
 * the Kafka relay publishes them as they are.
 */
@Aggregate
public class Office {
    @AggregateIdentifier
    private String aggregateId;
    private OfficeRegistered state;

    protected Office() {
        // for Axon
    }

    static String aggregateId(String officeId) {
        return "office:" + officeId;
    }

    /** Returns true when the office is new; an unchanged PUT records nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RegisterOffice command) {
        boolean created = state == null;
        if (!created && state.name().equals(command.name()) && state.level() == command.level()
                && Objects.equals(state.parentId(), command.parentId())) {
            return false;
        }
        apply(new OfficeRegistered(command.officeId(), command.name(), command.level(), command.parentId(),
                command.at()));
        return created;
    }

    @EventSourcingHandler
    void on(OfficeRegistered event) {
        aggregateId = aggregateId(event.officeId());
        state = event;
    }
}
