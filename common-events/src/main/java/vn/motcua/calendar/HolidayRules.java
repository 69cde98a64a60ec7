package vn.motcua.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fallback: public holidays of Labour Code 2019 Art. 112 for a year without a Prime Minister's decision,
 * computed rather than listed.
 *
 * <ul>
 *   <li>1/1; Tết: the last day of the lunar year and lunar 1/1 to 1/4 (5 days); Hùng Kings 10/3 lunar;
 *       30/4; 1/5; 2/9, plus the day before (1/9) from 2021.</li>
 *   <li>A holiday on a weekly rest day (Saturday, Sunday) gives a compensation day off on the next working day
 *       that is not already a holiday (Art. 112(3)); so does a holiday coinciding with another one.</li>
 * </ul>
 * No swaps or make-up Saturdays are invented: those exist only by decision.
 */
public final class HolidayRules {

    /** Weekly rest days of the civil service, on which a holiday is compensated. */
    private static final Set<DayOfWeek> REST_DAYS = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

    /** Why a cache: the conversion is cheap but called per date by the working-time arithmetic. */
    private static final Map<Integer, List<CalendarDay>> CACHE = new ConcurrentHashMap<>();

    private HolidayRules() {
    }

    /** The computed days off of {@code year}, sorted, holidays first then compensation days, source COMPUTED. */
    public static List<CalendarDay> compute(int year) {
        return CACHE.computeIfAbsent(year, y -> computeUncached(y, CalendarDay.Source.COMPUTED, ""));
    }

    /** Same rules, with a chosen source and note prefix (used to generate projected rows of the data file). */
    static List<CalendarDay> computeUncached(int year, CalendarDay.Source source, String notePrefix) {
        record Holiday(LocalDate date, String note) {
        }
        List<Holiday> holidays = new ArrayList<>();
        holidays.add(new Holiday(LocalDate.of(year, 1, 1), "New Year"));
        LocalDate tet = VietnameseLunarCalendar.tet(year);
        holidays.add(new Holiday(tet.minusDays(1), "Tết (last day of the lunar year)"));
        for (int i = 0; i < 4; i++) {
            holidays.add(new Holiday(tet.plusDays(i), "Tết (lunar 1/" + (i + 1) + ")"));
        }
        holidays.add(new Holiday(VietnameseLunarCalendar.hungKingsDay(year), "Hùng Kings (lunar 10/3)"));
        holidays.add(new Holiday(MonthDay.of(4, 30).atYear(year), "Reunification Day"));
        holidays.add(new Holiday(MonthDay.of(5, 1).atYear(year), "Labour Day"));
        if (year >= 2021) { // Labour Code 2019 added one adjacent day; the default is the day before
            holidays.add(new Holiday(MonthDay.of(9, 1).atYear(year), "National Day (adjacent day)"));
        }
        holidays.add(new Holiday(MonthDay.of(9, 2).atYear(year), "National Day"));
        holidays.sort(Comparator.comparing(Holiday::date));

        Set<LocalDate> taken = new HashSet<>();
        holidays.forEach(h -> taken.add(h.date()));
        Set<LocalDate> listed = new HashSet<>();
        List<CalendarDay> days = new ArrayList<>();
        List<CalendarDay> compensations = new ArrayList<>();
        for (Holiday h : holidays) {
            // Two holidays on one date (Hùng Kings can fall on 30/4): the second is treated like one on a rest day,
            // so the year keeps its full count of days off.
            boolean coincides = !listed.add(h.date());
            if (!coincides) {
                days.add(new CalendarDay(h.date(), DayKind.OFF, notePrefix + h.note(), source));
            }
            if (coincides || REST_DAYS.contains(h.date().getDayOfWeek())) {
                LocalDate c = h.date().plusDays(1);
                while (REST_DAYS.contains(c.getDayOfWeek()) || taken.contains(c)) {
                    c = c.plusDays(1);
                }
                taken.add(c);
                compensations.add(new CalendarDay(c, DayKind.OFF,
                        notePrefix + "compensation for " + h.note() + " on " + h.date(), source));
            }
        }
        days.addAll(compensations);
        days.sort(Comparator.comparing(CalendarDay::date));
        return List.copyOf(days);
    }
}
