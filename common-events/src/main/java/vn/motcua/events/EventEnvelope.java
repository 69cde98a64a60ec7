package vn.motcua.events;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as it travels on Kafka: the CloudEvents attributes around the contract record. {@code id} is the
 * consumers' idempotency key; {@code time} is when it happened in the world.
 */
public record EventEnvelope(UUID id, String source, EventType type, String subject, Instant time,
                            MotcuaEvent data) {

    public static EventEnvelope of(UUID id, String source, MotcuaEvent event) {
        return new EventEnvelope(id, source, event.eventType(), event.subject(), event.occurredAt(), event);
    }

    public String topic() {
        return type.topic();
    }
}
