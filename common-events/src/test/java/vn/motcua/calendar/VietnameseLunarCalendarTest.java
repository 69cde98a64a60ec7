package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseLunarCalendarTest {

    @ParameterizedTest(name = "Tết {0} = {1}")
    @CsvSource({
            "2018, 2018-02-16", "2019, 2019-02-05", "2020, 2020-01-25", "2021, 2021-02-12",
            "2022, 2022-02-01", "2023, 2023-01-22", "2024, 2024-02-10", "2025, 2025-01-29",
            "2026, 2026-02-17", "2027, 2027-02-06", "2028, 2028-01-26",
            // UTC+7 vs China's UTC+8: the new moon of 2007-02-17 16:14 UT and of 2030-02-02 16:07 UT falls
            // before midnight in Hanoi and after midnight in Beijing, so Tết is one day before the Chinese
            // New Year (2007-02-18, 2030-02-03); in 1985 the winter solstice month differs: a month apart.
            "2007, 2007-02-17", "2030, 2030-02-02", "1985, 1985-01-21"
    })
    void tet(int year, LocalDate expected) {
        assertThat(VietnameseLunarCalendar.tet(year)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Hùng Kings {0} = {1}")
    @CsvSource({
            "2018, 2018-04-25", "2019, 2019-04-14", "2020, 2020-04-02", "2021, 2021-04-21", "2022, 2022-04-10",
            "2023, 2023-04-29", "2024, 2024-04-18", "2025, 2025-04-07", "2026, 2026-04-26"
    })
    void hungKingsDay(int year, LocalDate expected) {
        assertThat(VietnameseLunarCalendar.hungKingsDay(year)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "leap month {1} of {0} starts {2}")
    @CsvSource({"2020, 4, 2020-05-23", "2023, 2, 2023-03-22", "2025, 6, 2025-07-25"})
    void leapMonths(int year, int month, LocalDate firstDay) {
        assertThat(VietnameseLunarCalendar.toSolar(new LunarDate(year, month, 1, true))).isEqualTo(firstDay);
        assertThat(VietnameseLunarCalendar.toLunar(firstDay)).isEqualTo(new LunarDate(year, month, 1, true));
        assertThat(VietnameseLunarCalendar.toLunar(firstDay.minusDays(1)).leap()).isFalse();
    }

    @Test
    void noSuchLeapMonth() {
        assertThatThrownBy(() -> VietnameseLunarCalendar.toSolar(new LunarDate(2024, 4, 1, true)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VietnameseLunarCalendar.toSolar(new LunarDate(2020, 3, 1, true)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lastDayOfTheLunarYear() {
        LunarDate eve = VietnameseLunarCalendar.toLunar(LocalDate.of(2020, 1, 24));
        assertThat(eve.year()).isEqualTo(2019);
        assertThat(eve.month()).isEqualTo(12);
        assertThat(eve.day()).isEqualTo(30);
    }

    /** Every day 1990–2050 converts to lunar and back, and lunar days count up by one or restart at 1. */
    @Test
    void roundTripAndContinuity() {
        LunarDate previous = null;
        for (LocalDate d = LocalDate.of(1990, 1, 1); d.isBefore(LocalDate.of(2051, 1, 1)); d = d.plusDays(1)) {
            LunarDate lunar = VietnameseLunarCalendar.toLunar(d);
            assertThat(VietnameseLunarCalendar.toSolar(lunar)).as("round trip of %s (%s)", d, lunar).isEqualTo(d);
            if (previous != null) {
                if (lunar.day() == 1) {
                    assertThat(previous.day()).as("month length before %s", d).isBetween(29, 30);
                } else {
                    assertThat(lunar.day()).as("day after %s", previous).isEqualTo(previous.day() + 1);
                }
            }
            assertThat(lunar.month() == 1 && lunar.day() == 1 && !lunar.leap())
                    .as("Tết of %s", d).isEqualTo(d.equals(VietnameseLunarCalendar.tet(d.getYear())));
            previous = lunar;
        }
    }
}
