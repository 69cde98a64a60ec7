package vn.motcua.events;

/**
 * An event about one dossier. Each carries the office so a consumer can place it even when it arrives before
 * the dossier's {@link DossierReceived} (Kafka orders per key only within a topic).
 */
public sealed interface DossierEvent extends MotcuaEvent
        permits DossierReceived, DossierTransferred, SupplementRequested, SupplementReceived, DossierDueSoon,
        DossierOverdue, ApologyLetterIssued, DossierResolved, ResultReturned, DossierWithdrawn, DossierCancelled,
        FeePaid, DossierRated {
    String dossierId();

    String officeId();

    @Override
    default String subject() {
        return dossierId();
    }
}
