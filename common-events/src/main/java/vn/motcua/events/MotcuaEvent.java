package vn.motcua.events;

import java.time.Instant;

/**
 * An event of the public contract. Every event knows its Kafka key (the CloudEvents subject) and when it
 * happened in the world, which becomes {@code ce_time}: reports count by that time, never by publication time.
 */
public sealed interface MotcuaEvent permits OfficeRegistered, ProcedurePublished, DossierEvent, PetitionEvent {
    String subject();

    Instant occurredAt();

    default EventType eventType() {
        return EventType.of(getClass());
    }
}
