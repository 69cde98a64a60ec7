package vn.motcua.reporting.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standard reporting periods with the cut-off of Circular 01/2020/TT-VPCP: a period runs from the 15th of
 * the month before its first month to the 14th of its last month. {@code 2020} (year), {@code 2020-H1|H2}
 * (6 months), {@code 2020-Q1..Q4} (quarter), {@code 2020-06} (month).
 * Example: 2020-H1 is 2019-12-15 to 2020-06-14.
 */
public record StandardPeriod(LocalDate from, LocalDate to) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(H[12]|Q[1-4]|\\d{2}))?");

    public static Optional<StandardPeriod> parse(String text) {
        Matcher m = FORMAT.matcher(text.trim().toUpperCase());
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        String part = m.group(2);
        int firstMonth;
        int months;
        if (part == null) {
            firstMonth = 1;
            months = 12;
        } else if (part.startsWith("H")) {
            firstMonth = part.charAt(1) == '1' ? 1 : 7;
            months = 6;
        } else if (part.startsWith("Q")) {
            firstMonth = (part.charAt(1) - '1') * 3 + 1;
            months = 3;
        } else {
            firstMonth = Integer.parseInt(part);
            if (firstMonth < 1 || firstMonth > 12) {
                return Optional.empty();
            }
            months = 1;
        }
        YearMonth first = YearMonth.of(year, firstMonth);
        YearMonth last = first.plusMonths(months - 1L);
        return Optional.of(new StandardPeriod(first.minusMonths(1).atDay(15), last.atDay(14)));
    }
}
