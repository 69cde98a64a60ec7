package vn.motcua.workflow.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import vn.motcua.events.DossierEvent;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.KafkaEventPublisher;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.PetitionEvent;

/**
 * Publishes the contract events of the event store to their topics: the dossier's to
 * {@code motcua.dossier.workflow.v1} keyed by dossier id, the petitions' to {@code motcua.petition.v1} keyed by
 * petition id;
 * {@code ce_id} = the Axon event identifier (stable across re-sends, the consumers' idempotency key),
 * {@code ce_time} = when the step happened.
 *
 * <p>At least once: the events of a processor batch are collected and sent when the batch's unit of work
 * prepares to commit; {@link KafkaEventPublisher#publish} returns only after the broker acknowledged them all,
 * and throws otherwise, which rolls back the batch so the processor's token does not advance and the batch is
 * retried. The internal {@code DossierOpened} is not a {@link DossierEvent} and never leaves the service.
 */
@ProcessingGroup(KafkaPublishingHandler.GROUP)
public class KafkaPublishingHandler {
    public static final String GROUP = "kafka-publisher";
    public static final String SOURCE = "/motcua/workflow";
    private static final String BATCH = KafkaPublishingHandler.class.getName() + ".batch";

    private final KafkaEventPublisher publisher;

    public KafkaPublishingHandler(KafkaEventPublisher publisher) {
        this.publisher = publisher;
    }

    @EventHandler
    void on(DossierEvent event, @MessageIdentifier String eventId) {
        relay(event, eventId);
    }

    /** Petitions go to {@code motcua.petition.v1} (the event type's topic), keyed by petition id. */
    @EventHandler
    void on(PetitionEvent event, @MessageIdentifier String eventId) {
        relay(event, eventId);
    }

    private void relay(MotcuaEvent event, String eventId) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<EventEnvelope> batch = unitOfWork.getOrComputeResource(BATCH, key -> {
            List<EventEnvelope> envelopes = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> publisher.publish(envelopes));
            return envelopes;
        });
        batch.add(EventEnvelope.of(toUuid(eventId), SOURCE, event));
    }

    /** Axon's identifiers are UUIDs; anything else still gets a stable UUID. */
    static UUID toUuid(String eventId) {
        try {
            return UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(eventId.getBytes(StandardCharsets.UTF_8));
        }
    }
}
