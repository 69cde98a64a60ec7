package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficeCalendarsTest {

    @Test
    void officesWithAFileGetTheirOwnDaysOffAndOthersTheNationalSchedule(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("H49.17.05.csv"),
                "date,kind,note\n2024-03-11,OFF,local festival\n2024-03-16,WORK,make-up\n");

        OfficeCalendars calendars = OfficeCalendars.load(WorkingCalendar.standard(), dir);

        assertThat(calendars.officesWithOverrides()).containsExactly("H49.17.05");
        assertThat(calendars.forOffice("H49.17.05").isWorkingDay(LocalDate.of(2024, 3, 11))).isFalse();
        assertThat(calendars.forOffice("H49.17.05").isWorkingDay(LocalDate.of(2024, 3, 16))).isTrue();
        assertThat(calendars.forOffice("H49.17.05").isWorkingDay(LocalDate.of(2020, 1, 23))).isFalse(); // national
        assertThat(calendars.forOffice("H49").isWorkingDay(LocalDate.of(2024, 3, 11))).isTrue();
    }

    @Test
    void aBrokenOverrideFileIsNamedAtStart(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("H1.csv"), "date,kind,note\n11/03/2024,OFF\n");
        assertThatThrownBy(() -> OfficeCalendars.load(WorkingCalendar.standard(), dir))
                .hasMessageContaining("H1.csv").hasMessageContaining("line 2");
    }

    @Test
    void noDirectoryMeansTheNationalScheduleEverywhere() {
        OfficeCalendars calendars = OfficeCalendars.load(WorkingCalendar.standard(), null);
        assertThat(calendars.forOffice("ANY").isWorkingDay(LocalDate.of(2020, 1, 23))).isFalse();
    }
}
