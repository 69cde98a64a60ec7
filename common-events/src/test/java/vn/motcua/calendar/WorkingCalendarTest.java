package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkingCalendarTest {

    private static final ZoneId VN = WorkingHours.VIETNAM;
    private final WorkingCalendar calendar = WorkingCalendar.standard();

    static Instant vn(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(VN).toInstant();
    }

    @ParameterizedTest(name = "[{index}] {0} + {1} days = {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-04T09:00 | 3   | 2024-03-07T09:00 | DOMAIN.md: Mon 09:00 + 3 days = Thu 09:00
            2024-03-08T16:00 | 1   | 2024-03-11T16:00 | DOMAIN.md: Fri 16:00 + 1 day = Mon 16:00
            2020-01-22T09:00 | 2   | 2020-01-31T09:00 | DOMAIN.md: 23-29/1/2020 were Tết
            2024-03-04T12:00 | 1   | 2024-03-05T11:30 | lunch: counts from 13:00, lands on a period end
            2024-03-04T18:00 | 1   | 2024-03-05T17:00 | evening: counts from next morning 07:30
            2024-03-10T10:00 | 1   | 2024-03-11T17:00 | Sunday: counts from Monday 07:30
            2024-03-09T06:00 | 0.5 | 2024-03-11T11:30 | Saturday, half a day
            2024-03-04T07:00 | 1   | 2024-03-04T17:00 | before opening: counts from 07:30
            2024-03-08T07:30 | 1   | 2024-03-08T17:00 | lands on 17:00: Friday 17:00, not Monday 07:30
            2024-03-08T13:00 | 0.5 | 2024-03-08T17:00 | half day landing on 17:00
            2024-03-08T11:30 | 0.5 | 2024-03-08T17:00 | at a period end: counts from the next period
            2024-03-04T09:00 | 0.5 | 2024-03-04T14:30 | half day across lunch
            2024-03-04T09:00 | 1.5 | 2024-03-05T14:30 | one and a half days
            2024-03-04T08:00 | 15  | 2024-03-25T08:00 | three weeks
            2024-03-04T09:17:42 | 1 | 2024-03-05T09:17:42 | seconds are kept
            2019-01-04T16:00 | 1   | 2019-01-05T16:00 | make-up Saturday 5/1/2019 is a working day
            2025-04-25T16:00 | 1   | 2025-04-26T16:00 | make-up Saturday 26/4/2025 is a working day
            2019-04-26T16:00 | 1   | 2019-05-02T16:00 | 29/4/2019 swapped, 30/4 and 1/5 off
            2018-12-28T10:00 | 1   | 2019-01-02T10:00 | 31/12/2018 swapped, 1/1/2019 off
            2025-01-24T09:00 | 1   | 2025-02-03T09:00 | Tết 2025: 25/1-2/2
            2026-02-13T10:00 | 1   | 2026-02-23T10:00 | Tết 2026: 14/2-22/2
            2025-12-31T10:00 | 1   | 2026-01-05T10:00 | New Year 2026: 1/1-4/1
            2026-08-21T16:00 | 1   | 2026-08-22T16:00 | make-up Saturday 22/8/2026
            2026-08-28T10:00 | 1   | 2026-09-03T10:00 | National Day 2026: 29/8-2/9
            2024-08-30T10:00 | 1   | 2024-09-04T10:00 | National Day 2024: 2/9 and 3/9
            2021-02-09T15:00 | 1   | 2021-02-17T15:00 | Tết 2021: 10/2-16/2
            2022-01-28T09:00 | 2   | 2022-02-08T09:00 | Tết 2022: 29/1-6/2
            2023-04-28T10:00 | 1   | 2023-05-04T10:00 | Hùng Kings, 30/4, 1/5 2023: 29/4-3/5
            2027-02-04T09:00 | 1   | 2027-02-12T09:00 | projected Tết 2027: 5/2 and 8/2-11/2
            2028-01-24T09:00 | 1   | 2028-02-01T09:00 | computed Tết 2028: 25/1-28/1 and 31/1
            2024-03-04T09:00 | 0   | 2024-03-04T09:00 | zero
            """)
    void addWorkingDays(String start, BigDecimal days, String expected, String why) {
        assertThat(calendar.addWorkingDays(vn(start), days)).as(why).isEqualTo(vn(expected));
    }

    @ParameterizedTest(name = "[{index}] {0} - {1} days = {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-11T16:00 | 1   | 2024-03-08T16:00 | due-soon threshold over a weekend
            2020-01-31T09:00 | 1   | 2020-01-30T09:00 | after Tết 2020
            2020-01-31T09:00 | 2   | 2020-01-22T09:00 | back across Tết 2020
            2024-03-08T17:00 | 1   | 2024-03-08T07:30 | from a period end to the day's start
            2024-03-11T07:30 | 0.5 | 2024-03-08T13:00 | lands on a period start
            2024-03-11T12:00 | 0.5 | 2024-03-11T07:30 | due at lunch counts back from 11:30
            2024-03-10T12:00 | 1   | 2024-03-08T07:30 | due on Sunday counts back from Friday 17:00
            2019-01-07T10:00 | 1   | 2019-01-05T10:00 | make-up Saturday
            """)
    void subtractWorkingDays(String due, BigDecimal days, String expected, String why) {
        assertThat(calendar.subtractWorkingDays(vn(due), days)).as(why).isEqualTo(vn(expected));
    }

    @ParameterizedTest(name = "[{index}] {0} → {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2024-03-08T16:00 | 2024-03-11T16:00 | PT8H
            2020-01-22T09:00 | 2020-01-31T09:00 | PT16H
            2024-03-04T12:00 | 2024-03-04T13:00 | PT0S
            2024-03-04T11:00 | 2024-03-04T13:30 | PT1H
            2024-03-04T09:00 | 2024-03-04T09:00 | PT0S
            2024-03-05T09:00 | 2024-03-04T09:00 | PT0S
            2024-03-09T08:00 | 2024-03-10T16:00 | PT0S
            2019-01-05T00:00 | 2019-01-06T00:00 | PT8H
            2024-01-01T00:00 | 2025-01-01T00:00 | PT2008H
            """)
    void workingTimeBetween(String from, String to, Duration expected) {
        assertThat(calendar.workingTimeBetween(vn(from), vn(to))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} working day: {1}")
    @CsvSource({"2024-03-04, true", "2024-03-09, false", "2020-01-23, false", "2019-01-05, true", "2019-01-06, false",
            "2025-05-02, false", "2026-01-10, true", "2027-02-10, false", "2030-02-01, false", "2030-02-08, true"})
    void isWorkingDay(LocalDate date, boolean expected) {
        assertThat(calendar.isWorkingDay(date)).isEqualTo(expected);
    }

    @Test
    void workingTime() {
        assertThat(calendar.isWorkingTime(vn("2024-03-04T07:30"))).isTrue();
        assertThat(calendar.isWorkingTime(vn("2024-03-04T11:30"))).isFalse();
        assertThat(calendar.isWorkingTime(vn("2024-03-04T12:00"))).isFalse();
        assertThat(calendar.isWorkingTime(vn("2020-01-23T09:00"))).isFalse();
        assertThat(calendar.nextWorkingInstant(vn("2024-03-04T12:00"))).isEqualTo(vn("2024-03-04T13:00"));
        assertThat(calendar.nextWorkingInstant(vn("2024-03-08T17:00"))).isEqualTo(vn("2024-03-11T07:30"));
        assertThat(calendar.nextWorkingInstant(vn("2024-03-04T10:00"))).isEqualTo(vn("2024-03-04T10:00"));
    }

    /** 2024: 262 weekdays − 12 weekday holidays + make-up Saturday 4/5 = 251 working days of 8 h. */
    @Test
    void workingDaysIn2024() {
        long days = LocalDate.of(2024, 1, 1).datesUntil(LocalDate.of(2025, 1, 1)).filter(calendar::isWorkingDay).count();
        assertThat(days).isEqualTo(251);
    }

    @Test
    void workingDaysOf() {
        assertThat(calendar.workingTimeOf(BigDecimal.ONE)).isEqualTo(Duration.ofHours(8));
        assertThat(calendar.workingTimeOf(new BigDecimal("0.5"))).isEqualTo(Duration.ofHours(4));
        assertThat(calendar.workingTimeOf(new BigDecimal("2.50"))).isEqualTo(Duration.ofHours(20));
        assertThatThrownBy(() -> calendar.workingTimeOf(new BigDecimal("0.3"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.5");
        assertThatThrownBy(() -> calendar.workingTimeOf(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.addWorkingHours(Instant.EPOCH, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void officeOverride() {
        WorkingCalendar office = calendar.withOverride(Set.of(LocalDate.of(2024, 3, 5)), Set.of(LocalDate.of(2024, 3, 9)));
        assertThat(office.addWorkingDays(vn("2024-03-04T16:00"), BigDecimal.ONE)).isEqualTo(vn("2024-03-06T16:00"));
        assertThat(office.addWorkingDays(vn("2024-03-08T16:00"), BigDecimal.ONE)).isEqualTo(vn("2024-03-09T16:00"));
        assertThat(calendar.addWorkingDays(vn("2024-03-08T16:00"), BigDecimal.ONE)).isEqualTo(vn("2024-03-11T16:00"));
    }

    @Test
    void customHours() {
        // A desk open Monday–Saturday mornings too, 07:00–11:00 and 13:30–17:30: still closed on official days off.
        WorkingHours hours = WorkingHours.standard()
                .withPeriods(List.of(WorkingPeriod.of("07:00", "11:00"), WorkingPeriod.of("13:30", "17:30")))
                .withWorkingDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY));
        WorkingCalendar desk = new WorkingCalendar(HolidayCalendar.official(), hours);
        assertThat(desk.addWorkingDays(vn("2024-03-08T16:30"), BigDecimal.ONE)).isEqualTo(vn("2024-03-09T16:30"));
        assertThat(desk.isWorkingDay(LocalDate.of(2019, 2, 2))).as("Saturday inside Tết 2019").isFalse();
        assertThat(desk.addWorkingDays(vn("2024-03-08T11:00"), new BigDecimal("0.5"))).isEqualTo(vn("2024-03-08T17:30"));
    }

    @Test
    void invalidHours() {
        assertThatThrownBy(() -> WorkingHours.standard().withPeriods(
                List.of(WorkingPeriod.of("07:30", "12:00"), WorkingPeriod.of("11:00", "17:00"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkingPeriod.of("17:00", "07:30")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkingHours.standard().withPeriods(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noWorkingDayAtAllFailsInsteadOfLooping() {
        // computedOnly: no make-up Saturdays either (the official data would still offer those as working days)
        WorkingCalendar never = new WorkingCalendar(HolidayCalendar.computedOnly(), WorkingHours.standard().withWorkingDays(Set.of()));
        assertThatThrownBy(() -> never.addWorkingDays(vn("2024-03-04T09:00"), BigDecimal.ONE))
                .isInstanceOf(IllegalStateException.class);
    }
}
