package vn.motcua.intake.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The working-time arithmetic of DOMAIN.md "Deadlines": a pure function of working hours and a holiday schedule,
 * no clock, no framework. Time is counted only inside working periods (default Mon–Fri 07:30–11:30, 13:00–17:00,
 * Asia/Ho_Chi_Minh); a start outside working hours counts from the next period's start, and a sum that lands exactly
 * on a period's end is due at that end (Friday 17:00, not Monday 07:30).
 */
public final class WorkingCalendar {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** 8 working hours make one working day. */
    public static final Duration WORKING_DAY = Duration.ofHours(8);

    /** One working period of a day, e.g. the morning session. */
    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("period must start before it ends: " + start + "-" + end);
            }
        }
    }

    public static final List<Period> DEFAULT_PERIODS = List.of(
            new Period(LocalTime.of(7, 30), LocalTime.of(11, 30)),
            new Period(LocalTime.of(13, 0), LocalTime.of(17, 0)));

    /** Guards against a schedule with no working day at all (which would loop forever). */
    private static final int MAX_DAYS_SEARCHED = 3660;

    private final ZoneId zone;
    private final List<Period> periods;
    private final HolidaySchedule holidays;

    public WorkingCalendar(ZoneId zone, List<Period> periods, HolidaySchedule holidays) {
        this.zone = Objects.requireNonNull(zone);
        this.periods = List.copyOf(periods);
        this.holidays = Objects.requireNonNull(holidays);
        for (int i = 1; i < this.periods.size(); i++) {
            if (this.periods.get(i).start().isBefore(this.periods.get(i - 1).end())) {
                throw new IllegalArgumentException("periods must be ordered and must not overlap");
            }
        }
    }

    /** Default working hours in Vietnam with the given holidays. */
    public static WorkingCalendar vietnam(HolidaySchedule holidays) {
        return new WorkingCalendar(VIETNAM, DEFAULT_PERIODS, holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether civil servants work on this date (weekday and no holiday, or a make-up Saturday). */
    public boolean isWorkingDay(LocalDate date) {
        return holidays.isWorkingDay(date);
    }

    /** The due instant of a procedure with {@code workingDays} (whole or half days) received at {@code start}. */
    public Instant addWorkingDays(Instant start, java.math.BigDecimal workingDays) {
        long minutes = workingDays.multiply(java.math.BigDecimal.valueOf(WORKING_DAY.toMinutes()))
                .longValueExact();
        return addWorkingTime(start, Duration.ofMinutes(minutes));
    }

    /** {@code start} plus {@code amount} of working time, skipping nights, weekends and holidays. */
    public Instant addWorkingTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        LocalDateTime t = LocalDateTime.ofInstant(start, zone);
        Duration remaining = amount;
        LocalDate day = t.toLocalDate();
        for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period period : periods) {
                LocalDateTime periodStart = day.atTime(period.start());
                LocalDateTime periodEnd = day.atTime(period.end());
                if (!t.isBefore(periodEnd)) {
                    continue; // this period is already over
                }
                LocalDateTime from = t.isAfter(periodStart) ? t : periodStart;
                Duration available = Duration.between(from, periodEnd);
                // "<=": a sum that lands exactly on the period's end is due at that end.
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining).atZone(zone).toInstant();
                }
                remaining = remaining.minus(available);
                t = periodEnd;
            }
        }
        throw new IllegalStateException("no working time found within " + MAX_DAYS_SEARCHED + " days of " + start);
    }

    /** Working time between two instants (zero if {@code to} is not after {@code from}). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        LocalDateTime a = LocalDateTime.ofInstant(from, zone);
        LocalDateTime b = LocalDateTime.ofInstant(to, zone);
        Duration total = Duration.ZERO;
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period period : periods) {
                LocalDateTime s = max(day.atTime(period.start()), a);
                LocalDateTime e = min(day.atTime(period.end()), b);
                if (e.isAfter(s)) {
                    total = total.plus(Duration.between(s, e));
                }
            }
        }
        return total;
    }

    private static LocalDateTime max(LocalDateTime x, LocalDateTime y) {
        return x.isAfter(y) ? x : y;
    }

    private static LocalDateTime min(LocalDateTime x, LocalDateTime y) {
        return x.isBefore(y) ? x : y;
    }
}
