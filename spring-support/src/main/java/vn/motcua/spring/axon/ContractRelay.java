package vn.motcua.spring.axon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.KafkaEventPublisher;
import vn.motcua.events.MotcuaEvent;

/**
 * The Axon→Kafka relay of both Spring services, written once. A service's relay is an event handler in a
 * streaming processor that says which events leave it and calls {@link #relay}; the events of a processor batch
 * are collected and sent when the batch's unit of work prepares to commit, and {@link KafkaEventPublisher#publish}
 * returns only when the broker acknowledged them all (and throws otherwise, rolling the batch back). The
 * processor's token is stored in the same database transaction, so it advances only past events Kafka has; a
 * crash in between re-sends them, which consumers absorb by {@code ce_id}: the Axon event identifier, stable
 * across re-sends.
 */
public final class ContractRelay {
    private static final String BATCH = ContractRelay.class.getName() + ".batch";

    private final KafkaEventPublisher publisher;
    private final String source;

    /** {@code source} is the CloudEvents {@code ce_source} of the service, e.g. {@code /motcua/intake}. */
    public ContractRelay(KafkaEventPublisher publisher, String source) {
        this.publisher = publisher;
        this.source = source;
    }

    /** Queues {@code event} for the current batch; must run inside an event handler's unit of work. */
    public void relay(MotcuaEvent event, String eventIdentifier) {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<EventEnvelope> batch = root.getOrComputeResource(BATCH, key -> {
            List<EventEnvelope> envelopes = new ArrayList<>();
            root.onPrepareCommit(u -> publisher.publish(envelopes));
            return envelopes;
        });
        batch.add(EventEnvelope.of(eventId(eventIdentifier), source, event));
    }

    public String source() {
        return source;
    }

    /** Axon's identifiers are UUIDs; anything else still maps to a stable UUID. */
    public static UUID eventId(String identifier) {
        try {
            return UUID.fromString(identifier);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(identifier.getBytes(StandardCharsets.UTF_8));
        }
    }
}
