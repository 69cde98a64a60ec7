package vn.motcua.events;

import java.time.Instant;

/** The result was handed to the applicant; {@code electronicResult}: issued as an electronic document. */
public record ResultReturned(String dossierId, String officeId, ReturnMethod method, Instant returnedAt,
                             boolean electronicResult) implements DossierEvent {
    public ResultReturned(String dossierId, String officeId, ReturnMethod method, Instant returnedAt) {
        this(dossierId, officeId, method, returnedAt, false);
    }

    @Override
    public Instant occurredAt() {
        return returnedAt;
    }
}
