package vn.motcua.intake.infra;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.intake.calendar.HolidaySchedule;
import vn.motcua.intake.calendar.WorkingCalendar;

/** Plain objects the features share: the clock and the working-day calendar. */
@Configuration(proxyBeanMethods = false)
class IntakeBeans {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    WorkingCalendar workingCalendar() {
        return WorkingCalendar.vietnam(HolidaySchedule.vietnam());
    }
}
