package vn.motcua.intake.infra;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;

/** Plain objects the features share: the clock and the working-day calendar. */
@Configuration(proxyBeanMethods = false)
class IntakeBeans {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** National holidays shipped as data, plus per-office overrides from {@code motcua.intake.calendar-dir}. */
    @Bean
    OfficeCalendars workingCalendars(@Value("${motcua.intake.calendar-dir:}") String overrideDirectory) {
        return OfficeCalendars.load(WorkingCalendar.standard(),
                overrideDirectory.isBlank() ? null : Path.of(overrideDirectory));
    }
}
