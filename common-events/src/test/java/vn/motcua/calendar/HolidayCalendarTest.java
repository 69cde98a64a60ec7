package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayCalendarTest {

    private final HolidayCalendar official = HolidayCalendar.official();

    @Test
    void shipsTheYears2018To2027() {
        assertThat(official.dataYears()).containsExactlyElementsOf(IntStream.rangeClosed(2018, 2027).boxed().toList());
        assertThat(official.hasDataFor(2017)).isFalse();
        assertThat(official.hasDataFor(2028)).isFalse();
    }

    @Test
    void makeUpDaysAreWeekendsAndSourcesAreTagged() {
        for (int year = 2018; year <= 2027; year++) {
            for (CalendarDay day : official.entries(year)) {
                if (day.kind() == DayKind.WORK) {
                    assertThat(day.date().getDayOfWeek()).as(day.toString())
                            .isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                }
                assertThat(day.source()).as(day.toString())
                        .isEqualTo(year == 2027 ? CalendarDay.Source.PROJECTED : CalendarDay.Source.OFFICIAL);
            }
        }
    }

    /** The projected rows of 2027 are exactly what the fallback computes; regenerate them if the rules change. */
    @Test
    void projected2027MatchesTheFallbackRules() {
        assertThat(kinds(official.entries(2027))).isEqualTo(kinds(HolidayRules.compute(2027)));
    }

    @ParameterizedTest(name = "{0} is a weekday off: {1}")
    @CsvSource({
            "2018-02-14, Tết 2018 starts", "2018-09-03, 2/9/2018 Sunday compensated",
            "2018-12-31, swapped for 5/1/2019", "2019-02-04, Tết 2019", "2019-02-08, Tết 2019",
            "2019-04-15, Hùng Kings on Sunday", "2019-04-29, swapped for 4/5/2019",
            "2020-01-23, Tết 2020 (DOMAIN.md)", "2020-01-29, Tết 2020 (DOMAIN.md)", "2020-04-02, Hùng Kings 2020",
            "2021-02-10, Tết 2021", "2021-02-16, Tết 2021", "2021-05-03, 1/5 Saturday compensated",
            "2021-09-03, adjacent day after 2/9", "2022-01-03, 1/1 Saturday compensated", "2022-01-31, Tết 2022",
            "2022-04-11, Hùng Kings on Sunday", "2022-05-03, 1/5 Sunday compensated", "2022-09-01, day before 2/9",
            "2023-01-02, 1/1 Sunday compensated", "2023-01-20, Tết 2023", "2023-05-03, compensation",
            "2023-09-04, 2/9 Saturday compensated", "2024-02-14, Tết 2024", "2024-04-29, swapped for 4/5/2024",
            "2024-09-03, adjacent day after 2/9", "2025-01-27, Tết 2025", "2025-01-31, Tết 2025",
            "2025-05-02, swapped for 26/4/2025", "2025-09-01, day before 2/9", "2026-01-02, swapped for 10/1/2026",
            "2026-02-16, Tết 2026", "2026-02-20, Tết 2026", "2026-04-27, Hùng Kings on Sunday",
            "2026-08-31, swapped for 22/8/2026", "2026-09-01, day before 2/9",
            "2027-02-10, projected compensation for Tết on Saturday"
    })
    void weekdaysOff(LocalDate date, String why) {
        assertThat(date.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(official.isDayOff(date)).as(why).isTrue();
    }

    @ParameterizedTest(name = "{0} is an ordinary working day")
    @CsvSource({"2020-01-22", "2020-01-30", "2021-02-17", "2025-02-03", "2026-02-23", "2019-02-11",
            "2020-09-03", "2020-09-01", "2019-12-31"})
    void notOff(LocalDate date) {
        assertThat(official.entry(date)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is a make-up working Saturday")
    @CsvSource({"2019-01-05", "2019-05-04", "2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"})
    void makeUpSaturdays(LocalDate date) {
        assertThat(official.isMakeUpWorkingDay(date)).isTrue();
    }

    @Test
    void yearsWithoutDataAreComputed() {
        assertThat(official.entry(LocalDate.of(2030, 2, 1))).get()
                .extracting(CalendarDay::kind, CalendarDay::source)
                .containsExactly(DayKind.OFF, CalendarDay.Source.COMPUTED);
        // 2028: New Year on Saturday → Monday 3/1; Tết 2028-01-26, its 4th day (Saturday 29/1) → Monday 31/1.
        assertThat(official.isDayOff(LocalDate.of(2028, 1, 3))).isTrue();
        assertThat(weekdaysOff(official, 2028)).containsExactly(
                LocalDate.of(2028, 1, 3), LocalDate.of(2028, 1, 25), LocalDate.of(2028, 1, 26),
                LocalDate.of(2028, 1, 27), LocalDate.of(2028, 1, 28), LocalDate.of(2028, 1, 31),
                LocalDate.of(2028, 4, 4), LocalDate.of(2028, 5, 1), LocalDate.of(2028, 5, 2),
                LocalDate.of(2028, 9, 1), LocalDate.of(2028, 9, 4));
        // Before 2021 there is no adjacent day to 2/9.
        assertThat(official.isDayOff(LocalDate.of(2017, 9, 1))).isFalse();
        assertThat(official.isDayOff(LocalDate.of(2017, 9, 4))).isTrue(); // 2/9/2017 was a Saturday
    }

    /** Compensation days never land on another holiday: Tết on a weekend pushes past the remaining Tết days. */
    @Test
    void compensationSkipsHolidays() {
        assertThat(weekdaysOff(HolidayCalendar.computedOnly(), 2027)).contains(
                LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 8), LocalDate.of(2027, 2, 9),
                LocalDate.of(2027, 2, 10), LocalDate.of(2027, 2, 11));
        for (int year = 1990; year <= 2060; year++) {
            var days = HolidayRules.compute(year);
            assertThat(days.stream().map(CalendarDay::date).distinct().count()).as("%s", year).isEqualTo(days.size());
            int statutory = year >= 2021 ? 11 : 10;
            long weekdays = days.stream().filter(d -> d.date().getDayOfWeek().getValue() <= 5).count();
            assertThat(weekdays).as("weekdays off in %s", year).isEqualTo(statutory);
        }
    }

    @Test
    void officeOverride() {
        LocalDate provincialDay = LocalDate.of(2024, 3, 5);
        LocalDate openSaturday = LocalDate.of(2024, 3, 9);
        LocalDate tet = LocalDate.of(2020, 1, 23);
        HolidayCalendar office = official.withOverride(Set.of(provincialDay), Set.of(openSaturday, tet));
        assertThat(office.isDayOff(provincialDay)).isTrue();
        assertThat(office.isMakeUpWorkingDay(openSaturday)).isTrue();
        assertThat(office.isDayOff(tet)).isFalse();
        assertThat(office.entry(tet)).get().extracting(CalendarDay::source).isEqualTo(CalendarDay.Source.OFFICE);
        assertThat(office.entries(2024)).extracting(CalendarDay::date).contains(provincialDay, openSaturday);
        // the official calendar is untouched
        assertThat(official.isDayOff(provincialDay)).isFalse();
        assertThat(official.isDayOff(tet)).isTrue();
        // later overrides win
        assertThat(office.withOverride(Set.of(tet), Set.of()).isDayOff(tet)).isTrue();
        assertThatThrownBy(() -> official.withOverride(Set.of(tet), Set.of(tet)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void csvParsing() {
        HolidayCalendar cal = HolidayCalendar.fromCsv(new StringReader("""
                # comment
                date,kind,note

                2031-01-01,OFF,New Year, with a comma
                2031-01-04,work,make-up
                2031-01-02,OFF,projected: guess
                """));
        assertThat(cal.entry(LocalDate.of(2031, 1, 1))).get().extracting(CalendarDay::note).isEqualTo("New Year, with a comma");
        assertThat(cal.isMakeUpWorkingDay(LocalDate.of(2031, 1, 4))).isTrue();
        assertThat(cal.entry(LocalDate.of(2031, 1, 2))).get().extracting(CalendarDay::source)
                .isEqualTo(CalendarDay.Source.PROJECTED);
        // a covered year is complete: the computed Tết of 2031 is not added
        assertThat(cal.isDayOff(VietnameseLunarCalendar.tet(2031))).isFalse();
        assertThatThrownBy(() -> HolidayCalendar.fromCsv(new StringReader("date,kind,note\n2031-13-01,OFF,x\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> HolidayCalendar.fromCsv(new StringReader("date,kind,note\n2031-01-01,HOLIDAY,x\n")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HolidayCalendar.fromCsv(new StringReader("date,kind,note\n2031-01-01,OFF,x\n2031-01-01,WORK,y\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    }

    private static Set<LocalDate> weekdaysOff(HolidayCalendar cal, int year) {
        return cal.entries(year).stream()
                .filter(d -> d.kind() == DayKind.OFF && d.date().getDayOfWeek().getValue() <= 5)
                .map(CalendarDay::date)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Map<LocalDate, DayKind> kinds(java.util.List<CalendarDay> days) {
        return days.stream().collect(Collectors.toMap(CalendarDay::date, CalendarDay::kind, (a, b) -> a, TreeMap::new));
    }
}
