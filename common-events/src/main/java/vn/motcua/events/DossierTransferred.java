package vn.motcua.events;

import java.time.Instant;

/** A handover between units or agencies (liên thông); one line of the processing control slip (form 05). */
public record DossierTransferred(String dossierId, String officeId, String toUnit, String toOfficeId, String note,
                                 Instant transferredAt) implements DossierEvent {
    @Override
    public Instant occurredAt() {
        return transferredAt;
    }
}
