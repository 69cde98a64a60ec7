package vn.motcua.workflow.deadline;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Counts time in working hours of an office's calendar (DOMAIN.md, "Deadlines"): Monday to Friday,
 * 07:30–11:30 and 13:00–17:00 in Asia/Ho_Chi_Minh, 8 h = 1 working day, holidays skipped.
 *
 * <p>A pure function of its data: no clock, no framework. Holidays are given as data (the official schedules
 * arrive with the intake issue; the lead will consolidate this class into common-events).
 */
public final class WorkingCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final long MINUTES_PER_DAY = 8 * 60;

    /** One working period of a day, e.g. 07:30–11:30. */
    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("period must end after it starts: " + start + "-" + end);
            }
        }
    }

    private static final List<Period> DEFAULT_PERIODS = List.of(
            new Period(LocalTime.of(7, 30), LocalTime.of(11, 30)),
            new Period(LocalTime.of(13, 0), LocalTime.of(17, 0)));

    private final ZoneId zone;
    private final List<Period> periods;
    private final Set<LocalDate> holidays;

    public WorkingCalendar(ZoneId zone, List<Period> periods, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone);
        this.periods = List.copyOf(periods);
        this.holidays = Set.copyOf(holidays);
    }

    /** Mon–Fri, 07:30–11:30 and 13:00–17:00, Asia/Ho_Chi_Minh, no holidays. */
    public static WorkingCalendar standard() {
        return new WorkingCalendar(ZONE, DEFAULT_PERIODS, Set.of());
    }

    public WorkingCalendar withHolidays(Set<LocalDate> moreHolidays) {
        return new WorkingCalendar(zone, periods, moreHolidays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !holidays.contains(date);
    }

    /** {@code start} plus a whole or half number of working days. */
    public Instant plusWorkingDays(Instant start, BigDecimal days) {
        BigDecimal minutes = days.multiply(BigDecimal.valueOf(MINUTES_PER_DAY));
        return plusWorkingMinutes(start, minutes.longValueExact());
    }

    /**
     * {@code start} plus {@code minutes} of working time. A start outside working hours counts from the next
     * period's start; a sum landing exactly on a period's end is due at that end (Friday 17:00, not Monday 07:30).
     */
    public Instant plusWorkingMinutes(Instant start, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("negative duration: " + minutes);
        }
        if (minutes == 0) {
            return start;
        }
        long remaining = minutes;
        ZonedDateTime cursor = start.atZone(zone);
        LocalDate date = cursor.toLocalDate();
        // Bounded: even a year of holidays cannot stop the walk, and a procedure is at most months long.
        for (int guard = 0; guard < 366 * 20; guard++, date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            for (Period period : periods) {
                ZonedDateTime periodStart = date.atTime(period.start()).atZone(zone);
                ZonedDateTime periodEnd = date.atTime(period.end()).atZone(zone);
                ZonedDateTime from = periodStart.isAfter(cursor) ? periodStart : cursor;
                if (!from.isBefore(periodEnd)) {
                    continue;
                }
                long available = Duration.between(from, periodEnd).toMinutes();
                if (remaining <= available) {
                    return from.plusMinutes(remaining).toInstant();
                }
                remaining -= available;
            }
        }
        throw new IllegalStateException("no working time found after " + start);
    }

    /** Working minutes in [from, to); zero when {@code to} is not after {@code from}. */
    public long workingMinutesBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        ZonedDateTime a = from.atZone(zone);
        ZonedDateTime b = to.atZone(zone);
        long total = 0;
        for (LocalDate date = a.toLocalDate(); !date.isAfter(b.toLocalDate()); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            for (Period period : periods) {
                ZonedDateTime periodStart = date.atTime(period.start()).atZone(zone);
                ZonedDateTime periodEnd = date.atTime(period.end()).atZone(zone);
                ZonedDateTime lo = periodStart.isAfter(a) ? periodStart : a;
                ZonedDateTime hi = periodEnd.isBefore(b) ? periodEnd : b;
                if (hi.isAfter(lo)) {
                    total += Duration.between(lo, hi).toMinutes();
                }
            }
        }
        return total;
    }
}
