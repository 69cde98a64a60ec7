package vn.motcua.events;

import java.time.Instant;

/** An office was registered or changed; full state each time. {@code parentId} is null for a root. */
public record OfficeRegistered(String officeId, String name, OfficeLevel level, String parentId,
                               Instant registeredAt) implements MotcuaEvent {
    @Override
    public String subject() {
        return officeId;
    }

    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}
