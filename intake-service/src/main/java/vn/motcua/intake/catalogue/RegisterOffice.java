package vn.motcua.intake.catalogue;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.motcua.events.OfficeLevel;

/** Register an office or change it (create-or-update, full state). */
public record RegisterOffice(String officeId, String name, OfficeLevel level, String parentId, Instant at) {
    /** Offices and procedures share the event store: prefixes keep their aggregate ids apart. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return Office.aggregateId(officeId);
    }
}
