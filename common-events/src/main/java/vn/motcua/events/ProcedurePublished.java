package vn.motcua.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A procedure (TTHC) was published or changed; full state each time. {@code publishedAt} is when this catalogue
 * entry was recorded; the Decision 766 dates of the procedure itself ({@code decidedOn}: the decision announcing
 * it, {@code effectiveOn}: its legal basis takes effect, {@code madePublicOn}: made public) and
 * {@code contentComplete} are null when unknown, never invented. {@code fee} is in VND.
 */
public record ProcedurePublished(String code, String name, String field, BigDecimal processingDays,
                                 OnlineMode onlineMode, boolean postal, Instant publishedAt, long fee,
                                 boolean onlinePayment, LocalDate decidedOn, LocalDate effectiveOn,
                                 LocalDate madePublicOn, Boolean contentComplete) implements MotcuaEvent {
    /** A procedure as contract 1.0 knew it: no fee, nothing of Decision 766 known. */
    public ProcedurePublished(String code, String name, String field, BigDecimal processingDays,
                              OnlineMode onlineMode, boolean postal, Instant publishedAt) {
        this(code, name, field, processingDays, onlineMode, postal, publishedAt, 0, false, null, null, null, null);
    }

    @Override
    public String subject() {
        return code;
    }

    @Override
    public Instant occurredAt() {
        return publishedAt;
    }
}
