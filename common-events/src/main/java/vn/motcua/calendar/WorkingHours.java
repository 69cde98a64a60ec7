package vn.motcua.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An office's ordinary working week: time zone, daily working periods and working weekdays.
 * One working day is the sum of the daily periods (8 h by default).
 */
public record WorkingHours(ZoneId zone, List<WorkingPeriod> periods, Set<DayOfWeek> workingDays) {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    public WorkingHours {
        Objects.requireNonNull(zone, "zone");
        periods = List.copyOf(periods);
        workingDays = workingDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workingDays));
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("at least one working period is needed");
        }
        for (int i = 1; i < periods.size(); i++) {
            // Why sorted and disjoint: the arithmetic walks the periods in order and must not count time twice.
            if (periods.get(i).start().isBefore(periods.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods must be sorted and must not overlap: " + periods);
            }
        }
    }

    /** Civil-service hours: Mon–Fri, 07:30–11:30 and 13:00–17:00, Asia/Ho_Chi_Minh. */
    public static WorkingHours standard() {
        return new WorkingHours(VIETNAM,
                List.of(WorkingPeriod.of("07:30", "11:30"), WorkingPeriod.of("13:00", "17:00")),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    }

    public WorkingHours withZone(ZoneId newZone) {
        return new WorkingHours(newZone, periods, workingDays);
    }

    public WorkingHours withPeriods(List<WorkingPeriod> newPeriods) {
        return new WorkingHours(zone, newPeriods, workingDays);
    }

    public WorkingHours withWorkingDays(Set<DayOfWeek> newWorkingDays) {
        return new WorkingHours(zone, periods, newWorkingDays);
    }

    /** The working time of one full working day: the sum of the daily periods. */
    public Duration workingDay() {
        return periods.stream().map(WorkingPeriod::length).reduce(Duration.ZERO, Duration::plus);
    }

    /** True if {@code day} is an ordinary working weekday (before holidays and make-up days). */
    public boolean isWorkingWeekday(DayOfWeek day) {
        return workingDays.contains(day);
    }
}
