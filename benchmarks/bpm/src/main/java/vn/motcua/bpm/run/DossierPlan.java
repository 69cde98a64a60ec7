package vn.motcua.bpm.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import vn.motcua.calendar.WorkingCalendar;

/**
 * One dossier as both sides receive it: the same office, the same statutory due date from the working calendar,
 * and the due-soon instant one working day before it (what motcua's watcher derives itself, and what the BPMN timer
 * is given as a date).
 */
public record DossierPlan(String dossierId, String officeId, Instant receivedAt, Instant dueAt, Instant dueSoonAt) {

    private static final WorkingCalendar CALENDAR = WorkingCalendar.standard();
    /** A typical procedure's processing time (land procedures are 10-30 working days). */
    public static final BigDecimal PROCESSING_DAYS = new BigDecimal("15");
    public static final BigDecimal DUE_SOON_LEAD_DAYS = BigDecimal.ONE;

    public static DossierPlan of(String dossierId, String officeId, Instant receivedAt, BigDecimal processingDays) {
        // Milliseconds: what both sides store (Operaton's dates; motcua's events and timestamps round-trip them).
        Instant received = receivedAt.truncatedTo(ChronoUnit.MILLIS);
        Instant dueAt = CALENDAR.addWorkingDays(received, processingDays).truncatedTo(ChronoUnit.MILLIS);
        return new DossierPlan(dossierId, officeId, received, dueAt,
                CALENDAR.subtractWorkingDays(dueAt, DUE_SOON_LEAD_DAYS).truncatedTo(ChronoUnit.MILLIS));
    }

    /** A dossier received a while ago whose due-soon instant has already come: its timer must fire now. */
    public static DossierPlan alreadyDueSoon(String dossierId, String officeId) {
        Instant receivedAt = Instant.now().minus(Duration.ofDays(30));
        return of(dossierId, officeId, receivedAt, new BigDecimal("15"));
    }

    public static DossierPlan fresh(String dossierId, String officeId) {
        return of(dossierId, officeId, Instant.now(), PROCESSING_DAYS);
    }
}
