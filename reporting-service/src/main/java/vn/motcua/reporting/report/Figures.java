package vn.motcua.reporting.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The form 06 figures of one office (or subtree, field, procedure) over one period, as DOMAIN.md defines them. */
public record Figures(Received received, Resolved resolved, long withdrawn, InProgress inProgress, Online online,
                      Apologies apologies, Rates rates) {

    @Serdeable
    public record Received(long total, long carriedOver, long online, long inPerson, long postal) {
    }

    @Serdeable
    public record Resolved(long total, long early, long onTime, long late) {
    }

    @Serdeable
    public record InProgress(long total, long withinDeadline, long overdue, long awaitingSupplement) {
    }

    @Serdeable
    public record Online(long eligible, long submitted) {
    }

    @Serdeable
    public record Apologies(long sent, long sentInTime, long lateWithoutLetter) {
    }

    /** Fractions rounded to 4 decimals; null where the denominator is 0 (no figure rather than a false 0%). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rates(BigDecimal resolved, BigDecimal onTime, BigDecimal online) {
    }

    /** Raw counts as the aggregate query returns them. */
    public record Counts(long total, long carriedOver, long online, long inPerson, long postal, long resolved,
                         long early, long onTime, long late, long withdrawn, long inProgress, long awaiting,
                         long overdue, long eligible, long submitted, long lateWithoutLetter, long apologiesSent,
                         long apologiesInTime) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        public Counts withApologies(long sent, long inTime) {
            return new Counts(total, carriedOver, online, inPerson, postal, resolved, early, onTime, late, withdrawn,
                    inProgress, awaiting, overdue, eligible, submitted, lateWithoutLetter, sent, inTime);
        }
    }

    public static Figures of(Counts c) {
        return new Figures(
                new Received(c.total(), c.carriedOver(), c.online(), c.inPerson(), c.postal()),
                new Resolved(c.resolved(), c.early(), c.onTime(), c.late()),
                c.withdrawn(),
                // A dossier awaiting a supplement has its clock stopped: it counts within the deadline.
                new InProgress(c.inProgress(), c.inProgress() - c.overdue(), c.overdue(), c.awaiting()),
                new Online(c.eligible(), c.submitted()),
                new Apologies(c.apologiesSent(), c.apologiesInTime(), c.lateWithoutLetter()),
                new Rates(rate(c.resolved(), c.total()), rate(c.early() + c.onTime(), c.resolved()),
                        rate(c.submitted(), c.eligible())));
    }

    static BigDecimal rate(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }
}
