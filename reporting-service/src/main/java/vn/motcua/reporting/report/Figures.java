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

    /**
     * Raw counts as the aggregate query returns them. Built by figure name ({@link #builder()}, keyed by the
     * report's own {@link FigurePath}s), never by position.
     */
    public record Counts(long total, long carriedOver, long online, long inPerson, long postal, long resolved,
                         long early, long onTime, long late, long withdrawn, long inProgress, long awaiting,
                         long overdue, long eligible, long submitted, long lateWithoutLetter, long apologiesSent,
                         long apologiesInTime) {
        public static final Counts ZERO = builder().build();

        public static Builder builder() {
            return new Builder();
        }

        public Counts withApologies(long sent, long inTime) {
            return toBuilder().set(FigurePath.APOLOGIES_SENT, sent).set(FigurePath.APOLOGIES_SENT_IN_TIME, inTime)
                    .build();
        }

        private Builder toBuilder() {
            Builder b = new Builder();
            for (FigurePath f : Builder.STORED) {
                b.set(f, get(f));
            }
            return b;
        }

        /** The count behind a stored figure ({@code inProgress.withinDeadline} is derived, not stored). */
        long get(FigurePath figure) {
            return switch (figure) {
                case RECEIVED_TOTAL -> total;
                case RECEIVED_CARRIED_OVER -> carriedOver;
                case RECEIVED_ONLINE -> online;
                case RECEIVED_IN_PERSON -> inPerson;
                case RECEIVED_POSTAL -> postal;
                case RESOLVED_TOTAL -> resolved;
                case RESOLVED_EARLY -> early;
                case RESOLVED_ON_TIME -> onTime;
                case RESOLVED_LATE -> late;
                case WITHDRAWN -> withdrawn;
                case IN_PROGRESS_TOTAL -> inProgress;
                case IN_PROGRESS_AWAITING -> awaiting;
                case IN_PROGRESS_OVERDUE -> overdue;
                case ONLINE_ELIGIBLE -> eligible;
                case ONLINE_SUBMITTED -> submitted;
                case APOLOGIES_LATE_WITHOUT_LETTER -> lateWithoutLetter;
                case APOLOGIES_SENT -> apologiesSent;
                case APOLOGIES_SENT_IN_TIME -> apologiesInTime;
                case IN_PROGRESS_WITHIN_DEADLINE -> throw new IllegalArgumentException("derived: " + figure);
            };
        }

        /** Counts by figure; an unset figure is 0. */
        public static final class Builder {
            /** Every figure a Counts holds (all but the derived {@code inProgress.withinDeadline}). */
            static final java.util.List<FigurePath> STORED = java.util.Arrays.stream(FigurePath.values())
                    .filter(f -> f != FigurePath.IN_PROGRESS_WITHIN_DEADLINE).toList();
            private final java.util.EnumMap<FigurePath, Long> values = new java.util.EnumMap<>(FigurePath.class);

            private Builder() {
            }

            public Builder set(FigurePath figure, long value) {
                if (figure == FigurePath.IN_PROGRESS_WITHIN_DEADLINE) {
                    throw new IllegalArgumentException("derived, not stored: " + figure.path());
                }
                values.put(figure, value);
                return this;
            }

            private long v(FigurePath figure) {
                return values.getOrDefault(figure, 0L);
            }

            public Counts build() {
                return new Counts(v(FigurePath.RECEIVED_TOTAL), v(FigurePath.RECEIVED_CARRIED_OVER),
                        v(FigurePath.RECEIVED_ONLINE), v(FigurePath.RECEIVED_IN_PERSON), v(FigurePath.RECEIVED_POSTAL),
                        v(FigurePath.RESOLVED_TOTAL), v(FigurePath.RESOLVED_EARLY), v(FigurePath.RESOLVED_ON_TIME),
                        v(FigurePath.RESOLVED_LATE), v(FigurePath.WITHDRAWN), v(FigurePath.IN_PROGRESS_TOTAL),
                        v(FigurePath.IN_PROGRESS_AWAITING), v(FigurePath.IN_PROGRESS_OVERDUE),
                        v(FigurePath.ONLINE_ELIGIBLE), v(FigurePath.ONLINE_SUBMITTED),
                        v(FigurePath.APOLOGIES_LATE_WITHOUT_LETTER), v(FigurePath.APOLOGIES_SENT),
                        v(FigurePath.APOLOGIES_SENT_IN_TIME));
            }
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
