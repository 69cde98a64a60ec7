package vn.motcua.intake.catalogue;

import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.motcua.events.OnlineMode;

/** Publish a procedure or change it (create-or-update, full state). */
public record PublishProcedure(String code, String name, String field, BigDecimal processingDays,
                               OnlineMode onlineMode, boolean postal, ProcedureFacts facts, Instant at) {
    @TargetAggregateIdentifier
    public String aggregateId() {
        return Procedure.aggregateId(code);
    }
}
