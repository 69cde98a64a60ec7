package vn.motcua.reporting.index;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.motcua.reporting.dossier.Counter;
import vn.motcua.reporting.petition.PetitionCounter;

/**
 * From figures to the index (DOMAIN.md "Decision 766"), a pure function: each indicator's numerator and
 * denominator per its {@link Measure}, then score = max × min(1, ratio / threshold) with a threshold, else
 * max × ratio, rounded half up to 2 decimals; denominator 0 or data not held: unavailable, out of maxTotal.
 */
public final class IndexCalculator {
    /** CKMB.1/CKMB.2: "5 working days". */
    static final int PUBLICATION_WORKING_DAYS = 5;
    private static final MathContext PRECISE = MathContext.DECIMAL64;

    private IndexCalculator() {
    }

    /** A numerator over a denominator; null: data not held. */
    record Fraction(long numerator, long denominator) {
    }

    public static ServiceIndex compute(IndicatorTable table, IndexFigures f, String officeId, String from, String to,
                                       String scope) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        BigDecimal maxTotal = BigDecimal.ZERO.setScale(2);
        List<ServiceIndex.Group> groups = new ArrayList<>();
        for (IndicatorTable.Group g : table.groups()) {
            BigDecimal groupScore = BigDecimal.ZERO.setScale(2);
            BigDecimal groupMax = BigDecimal.ZERO.setScale(2);
            BigDecimal groupTable = BigDecimal.ZERO.setScale(2);
            List<ServiceIndex.Indicator> indicators = new ArrayList<>();
            for (IndicatorTable.Indicator i : g.indicators()) {
                ServiceIndex.Indicator scored = score(i, measure(i.measure(), f));
                indicators.add(scored);
                groupTable = groupTable.add(i.max());
                if (scored.available()) {
                    groupScore = groupScore.add(scored.score());
                    groupMax = groupMax.add(i.max());
                }
            }
            groups.add(new ServiceIndex.Group(g.code(), g.name(), g.nameEn(), groupScore, groupMax.setScale(2),
                    groupTable.setScale(2), indicators));
            total = total.add(groupScore);
            maxTotal = maxTotal.add(groupMax);
        }
        return new ServiceIndex(officeId, from, to, scope, total, maxTotal.setScale(2), groups);
    }

    static ServiceIndex.Indicator score(IndicatorTable.Indicator i, Fraction fraction) {
        if (fraction == null || fraction.denominator() <= 0) {
            return new ServiceIndex.Indicator(i.code(), i.name(), i.nameEn(),
                    fraction == null ? null : fraction.numerator(), fraction == null ? null : fraction.denominator(),
                    null, i.threshold(), null, i.max(), false);
        }
        BigDecimal ratio = BigDecimal.valueOf(fraction.numerator())
                .divide(BigDecimal.valueOf(fraction.denominator()), PRECISE);
        BigDecimal share = ratio;
        if (i.threshold() != null) {
            share = ratio.divide(i.threshold(), PRECISE).min(BigDecimal.ONE);
        }
        share = share.max(BigDecimal.ZERO).min(BigDecimal.ONE);
        BigDecimal score = i.max().multiply(share).setScale(2, RoundingMode.HALF_UP);
        return new ServiceIndex.Indicator(i.code(), i.name(), i.nameEn(), fraction.numerator(),
                fraction.denominator(), ratio.setScale(4, RoundingMode.HALF_UP), i.threshold(), score, i.max(), true);
    }

    /** The numerator and denominator of one measure; null when motcua does not hold the data. */
    static Fraction measure(Measure m, IndexFigures f) {
        // D: dossiers received before the end and not closed before the start; N: newly received in the period.
        long d = f.e(Counter.RECEIVED) - f.s(Counter.CLOSED);
        long n = f.in(Counter.RECEIVED);
        return switch (m) {
            case NOT_HELD -> null;
            case HANDLED_ON_TIME -> {
                long withinDeadline = open(f) - (f.e(Counter.OVERDUE_START) - f.e(Counter.OVERDUE_END));
                long good = f.in(Counter.RESOLVED_EARLY) + f.in(Counter.RESOLVED_ON_TIME) + f.in(Counter.WITHDRAWN)
                        + withinDeadline;
                long multiOpen = f.e(Counter.MULTI_RECEIVED) - f.e(Counter.MULTI_CLOSED);
                long multiGood = f.in(Counter.MULTI_CLOSED_GOOD) + multiOpen
                        - (f.e(Counter.MULTI_OVERDUE_START) - f.e(Counter.MULTI_OVERDUE_END));
                yield new Fraction(good - multiGood, d);
            }
            case DOSSIERS_ONLINE -> new Fraction(f.in(Counter.RECEIVED_ONLINE), n);
            case DOSSIERS_PAID_ONLINE -> new Fraction(f.in(Counter.FEE_PAID_ONLINE), f.in(Counter.FEE_DUE));
            case ELECTRONIC_RESULTS -> new Fraction(f.in(Counter.RETURNED_ELECTRONIC),
                    f.in(Counter.RETURNED_APPROVED));
            case DIGITISED_DOSSIERS -> new Fraction(f.in(Counter.DIGITISED), n);
            case REUSED_DATA -> new Fraction(f.in(Counter.REUSED), n);
            case DOSSIER_SATISFACTION -> {
                long late = f.in(Counter.RESOLVED_LATE);
                long overdue = f.e(Counter.OVERDUE_START) - f.e(Counter.OVERDUE_END);
                long dissatisfied = f.e(Counter.DISSAT_RECEIVED) - f.s(Counter.DISSAT_CLOSED);
                yield new Fraction(Math.max(0, d - late - overdue - dissatisfied), d);
            }
            case PETITIONS_ON_TIME -> {
                long notYetDue = petitionsOpen(f) - petitionsOverdue(f);
                yield new Fraction(f.in(PetitionCounter.ANSWERED_ON_TIME) + notYetDue, petitions(f));
            }
            case PETITIONS_SATISFACTION -> {
                long late = f.in(PetitionCounter.ANSWERED) - f.in(PetitionCounter.ANSWERED_ON_TIME);
                long overdue = petitionsOverdue(f);
                long dissatisfied = f.e(PetitionCounter.DISSAT_RECEIVED) - f.s(PetitionCounter.DISSAT_ANSWERED);
                // A petition both rated DISSATISFIED and late (or overdue) is subtracted once.
                long both = f.in(PetitionCounter.DISSAT_ANSWERED_LATE)
                        + f.e(PetitionCounter.DISSAT_OVERDUE_START) - f.e(PetitionCounter.DISSAT_OVERDUE_END);
                long p = petitions(f);
                yield new Fraction(Math.max(0, p - late - overdue - dissatisfied + both), p);
            }
            case PROCEDURES_ONLINE -> procedures(f, p -> true, p -> Boolean.TRUE.equals(p.lastEligible()));
            case FULL_ONLINE_USE -> {
                long full = 0;
                long online = 0;
                for (IndexFigures.Procedure p : f.procedures()) {
                    if ("FULL".equals(p.onlineMode())) {
                        full += p.received();
                        online += p.receivedOnline();
                    }
                }
                yield new Fraction(online, full);
            }
            case FEES_PAYABLE_ONLINE -> procedures(f, IndexCalculator::hasFee,
                    p -> Boolean.TRUE.equals(p.lastOnlinePayment()));
            case FEES_PAID_ONLINE -> procedures(f, IndexCalculator::hasFee, p -> p.paidOnline() > 0);
            case PROCEDURES_ANNOUNCED_ON_TIME -> procedures(f,
                    p -> p.decidedOn() != null && p.effectiveOn() != null,
                    p -> !p.decidedOn().isAfter(minusWorkingDays(p.effectiveOn(), PUBLICATION_WORKING_DAYS)));
            case PROCEDURES_PUBLIC_ON_TIME -> procedures(f,
                    p -> p.madePublicOn() != null && p.decidedOn() != null,
                    p -> !p.madePublicOn().isAfter(plusWorkingDays(p.decidedOn(), PUBLICATION_WORKING_DAYS)));
            case PROCEDURES_CONTENT_COMPLETE -> procedures(f, p -> p.contentComplete() != null,
                    p -> p.contentComplete());
        };
    }

    private static boolean hasFee(IndexFigures.Procedure p) {
        return p.lastFee() != null && p.lastFee() > 0;
    }

    /** Among the procedures of N (received in the period) that {@code counted}, those that {@code hit}. */
    private static Fraction procedures(IndexFigures f, java.util.function.Predicate<IndexFigures.Procedure> counted,
                                       java.util.function.Predicate<IndexFigures.Procedure> hit) {
        long den = 0;
        long num = 0;
        for (IndexFigures.Procedure p : f.procedures()) {
            if (p.received() > 0 && counted.test(p)) {
                den++;
                if (hit.test(p)) {
                    num++;
                }
            }
        }
        return new Fraction(num, den);
    }

    private static long open(IndexFigures f) {
        return f.e(Counter.RECEIVED) - f.e(Counter.CLOSED);
    }

    /** Petitions received in the period or still open at its start. */
    private static long petitions(IndexFigures f) {
        return f.e(PetitionCounter.RECEIVED) - f.s(PetitionCounter.ANSWERED);
    }

    private static long petitionsOpen(IndexFigures f) {
        return f.e(PetitionCounter.RECEIVED) - f.e(PetitionCounter.ANSWERED);
    }

    private static long petitionsOverdue(IndexFigures f) {
        return f.e(PetitionCounter.OVERDUE_START) - f.e(PetitionCounter.OVERDUE_END);
    }

    /**
     * Monday to Friday. The reporting service holds no office calendar (holidays live in workflow), so a
     * holiday inside the 5 days is counted as a working day here: stated in the README.
     */
    static LocalDate plusWorkingDays(LocalDate day, int days) {
        LocalDate d = day;
        for (int i = 0; i < days; ) {
            d = d.plusDays(1);
            if (working(d)) {
                i++;
            }
        }
        return d;
    }

    static LocalDate minusWorkingDays(LocalDate day, int days) {
        LocalDate d = day;
        for (int i = 0; i < days; ) {
            d = d.minusDays(1);
            if (working(d)) {
                i++;
            }
        }
        return d;
    }

    private static boolean working(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
