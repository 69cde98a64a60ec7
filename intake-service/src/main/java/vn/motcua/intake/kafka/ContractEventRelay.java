package vn.motcua.intake.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.KafkaEventPublisher;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.intake.dossier.DossierRecorded;

/**
 * Relays intake's events to the contract topics, at least once. It runs in a pooled streaming processor: the events
 * of a batch are collected and sent when the batch's unit of work prepares to commit, and that call returns only
 * when the broker acknowledged them all. The processor's token is stored in the same database transaction, so it
 * advances only past events Kafka has; a crash in between re-sends them, which consumers absorb by {@code ce_id}
 * (the Axon event identifier, stable across re-sends).
 *
 * <p>Personal data stays here: {@link DossierRecorded#toContract()} drops the applicant.
 */
@Component
@ProcessingGroup("kafka-relay")
class ContractEventRelay {
    static final String SOURCE = "/motcua/intake";
    private static final String BATCH = ContractEventRelay.class.getName() + ".batch";

    private final KafkaEventPublisher publisher;

    ContractEventRelay(KafkaEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(OfficeRegistered event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        relay(event, message, unitOfWork);
    }

    @EventHandler
    void on(ProcedurePublished event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        relay(event, message, unitOfWork);
    }

    @EventHandler
    void on(DossierRecorded event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        relay(event.toContract(), message, unitOfWork);
    }

    /** A corrected receipt: the next revision of the contract's event, recorded as such in intake's store. */
    @EventHandler
    void on(DossierReceived event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        relay(event, message, unitOfWork);
    }

    @EventHandler
    void on(DossierCancelled event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        relay(event, message, unitOfWork);
    }

    private void relay(MotcuaEvent event, EventMessage<?> message, UnitOfWork<?> unitOfWork) {
        List<EventEnvelope> batch = unitOfWork.root().getOrComputeResource(BATCH, key -> {
            List<EventEnvelope> envelopes = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(u -> publisher.publish(envelopes));
            return envelopes;
        });
        batch.add(EventEnvelope.of(eventId(message), SOURCE, event));
    }

    /** Axon's identifiers are UUIDs; anything else still maps to a stable UUID. */
    static UUID eventId(EventMessage<?> message) {
        String id = message.getIdentifier();
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
        }
    }
}
