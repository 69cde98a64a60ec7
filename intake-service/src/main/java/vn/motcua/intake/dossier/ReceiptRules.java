package vn.motcua.intake.dossier;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.events.Channel;
import vn.motcua.events.OnlineMode;
import vn.motcua.intake.catalogue.CatalogueQueries.ProcedureView;
import vn.motcua.intake.infra.Refusal;

/**
 * What a receipt must meet and what it fixes (DOMAIN lifecycle step 1; CONTRACT {@code POST /api/v1/dossiers}), pure:
 * the catalogue's answers come in as values, a refusal or a value goes out. The same rules hold for a receipt's
 * corrected procedure, channel or time ({@link CorrectionRules}).
 *
 * <p>A procedure is national: any known office may receive any known procedure (the catalogue holds no list of an
 * office's procedures), through a channel the procedure offers.
 */
final class ReceiptRules {
    private ReceiptRules() {
    }

    /** The integrator's receipt time, or now; kept to the millisecond, as the event store and PostgreSQL keep it. */
    static Instant receivedAt(Instant requested, Instant now) {
        return (requested == null ? now : requested).truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The first rule the receipt breaks, in the order the API reports them: a receipt time in the future (beyond
     * the allowed clock skew: 400), an unknown office, an unknown procedure (null), a channel the procedure does not
     * offer (422). {@code officeKnown}: the office id is well formed and in the catalogue.
     */
    static Optional<Refusal> check(Instant receivedAt, Instant now, Duration clockSkew, String officeId,
                                   boolean officeKnown, String procedureCode, ProcedureView procedure,
                                   Channel channel) {
        if (receivedAt.isAfter(now.plus(clockSkew))) {
            return Optional.of(Refusal.malformed("receivedAt", "must not be in the future"));
        }
        if (!officeKnown) {
            return Optional.of(Refusal.againstRule("officeId", "unknown office " + officeId));
        }
        if (procedure == null) {
            return Optional.of(Refusal.againstRule("procedureCode", "unknown procedure " + procedureCode));
        }
        if (channel == Channel.POSTAL && !procedure.postal()) {
            return Optional.of(Refusal.againstRule("channel",
                    "procedure " + procedure.code() + " is not offered through the postal service"));
        }
        if (channel == Channel.ONLINE && !onlineEligible(procedure.onlineMode())) {
            return Optional.of(Refusal.againstRule("channel",
                    "procedure " + procedure.code() + " is not offered online"));
        }
        return Optional.empty();
    }

    /** A dossier of a procedure offered online (PARTIAL or FULL) counts in the online rate's denominator. */
    static boolean onlineEligible(OnlineMode mode) {
        return mode != OnlineMode.NONE;
    }

    /** The appointment: the receipt plus the procedure's time in the office's working hours (DOMAIN "Deadlines"). */
    static Instant dueAt(WorkingCalendar calendar, Instant receivedAt, BigDecimal processingDays) {
        return calendar.addWorkingDays(receivedAt, processingDays);
    }

    /** The day whose sequence numbers the dossier, and whose date its code shows: the office's local date. */
    static LocalDate sequenceDay(Instant receivedAt, ZoneId zone) {
        return receivedAt.atZone(zone).toLocalDate();
    }
}
