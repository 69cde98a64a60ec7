package vn.motcua.reporting.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The step of a series. Intervals start at the series' {@code from} and step by a day, 7 days or a month, the last
 * cut at {@code to}: a series over a standard period (15th to 14th) gives the reporting months of Circular
 * 01/2020/TT-VPCP, one from the 1st gives calendar months.
 */
public enum Interval {
    DAY, WEEK, MONTH;

    /** More rows than this is a mistake of the caller (days over years), answered 400 rather than computed. */
    public static final int MAX_ROWS = 400;

    public static Optional<Interval> parse(String text) {
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** [from, to] inclusive pairs covering the period exactly; empty if there would be more than MAX_ROWS. */
    public Optional<List<LocalDate[]>> split(LocalDate from, LocalDate to) {
        List<LocalDate[]> rows = new ArrayList<>();
        LocalDate start = from;
        for (int i = 1; !start.isAfter(to); i++) {
            if (rows.size() == MAX_ROWS) {
                return Optional.empty();
            }
            LocalDate next = switch (this) {
                case DAY -> from.plusDays(i);
                case WEEK -> from.plusWeeks(i);
                case MONTH -> from.plusMonths(i);
            };
            LocalDate end = next.minusDays(1).isAfter(to) ? to : next.minusDays(1);
            rows.add(new LocalDate[] {start, end});
            start = next;
        }
        return Optional.of(rows);
    }
}
