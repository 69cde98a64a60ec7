package vn.motcua.events;

import java.math.BigDecimal;
import java.time.Instant;

/** A procedure (TTHC) was published or changed; full state each time. */
public record ProcedurePublished(String code, String name, String field, BigDecimal processingDays,
                                 OnlineMode onlineMode, boolean postal, Instant publishedAt) implements MotcuaEvent {
    @Override
    public String subject() {
        return code;
    }

    @Override
    public Instant occurredAt() {
        return publishedAt;
    }
}
