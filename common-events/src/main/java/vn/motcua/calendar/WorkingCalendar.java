package vn.motcua.calendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * Working-time arithmetic for one office: its {@link HolidayCalendar} plus its {@link WorkingHours}.
 *
 * <p>Conventions (DOMAIN.md, "Deadlines"):
 * <ul>
 *   <li>Time outside the working periods of working days does not count.</li>
 *   <li>Counting from an instant outside working time starts at the next working period's start.</li>
 *   <li>A sum that lands exactly on a period's end is due at that end (Friday 17:00, not Monday 07:30);
 *       symmetrically, subtracting lands on a period's start rather than on the previous period's end.</li>
 *   <li>Adding or subtracting zero returns the instant unchanged (so that the sums are additive).</li>
 * </ul>
 * Pure: no clock, no I/O after construction; immutable and thread-safe.
 */
public final class WorkingCalendar {

    /**
     * Why a bound: an override or data error could leave no working day at all; fail loudly instead of looping.
     * Two years of consecutive days without a working period is never a real calendar.
     */
    private static final int MAX_DAYS_WITHOUT_WORK = 732;

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private final HolidayCalendar holidays;
    private final WorkingHours hours;

    public WorkingCalendar(HolidayCalendar holidays, WorkingHours hours) {
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        this.hours = Objects.requireNonNull(hours, "hours");
    }

    /** Official civil-service holidays and standard hours (Mon–Fri 07:30–11:30, 13:00–17:00, Asia/Ho_Chi_Minh). */
    public static WorkingCalendar standard() {
        return new WorkingCalendar(HolidayCalendar.official(), WorkingHours.standard());
    }

    /** This calendar with an office's own days off and working days on top of its holidays. */
    public WorkingCalendar withOverride(Set<LocalDate> extraDaysOff, Set<LocalDate> extraWorkingDays) {
        return new WorkingCalendar(holidays.withOverride(extraDaysOff, extraWorkingDays), hours);
    }

    public HolidayCalendar holidays() {
        return holidays;
    }

    public WorkingHours hours() {
        return hours;
    }

    public ZoneId zone() {
        return hours.zone();
    }

    /** True if {@code date} has working periods: a working weekday that is not a day off, or a make-up day. */
    public boolean isWorkingDay(LocalDate date) {
        return holidays.entry(date)
                .map(d -> d.kind() == DayKind.WORK)
                .orElseGet(() -> hours.isWorkingWeekday(date.getDayOfWeek()));
    }

    /** True if {@code instant} lies in a working period {@code [start, end)} of a working day. */
    public boolean isWorkingTime(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, zone());
        if (!isWorkingDay(day)) {
            return false;
        }
        for (WorkingPeriod p : hours.periods()) {
            if (!instant.isBefore(at(day, p.start())) && instant.isBefore(at(day, p.end()))) {
                return true;
            }
        }
        return false;
    }

    /** Where counting from {@code instant} starts: the instant itself in working time, else the next period start. */
    public Instant nextWorkingInstant(Instant instant) {
        LocalDate day = LocalDate.ofInstant(instant, zone());
        int idle = 0;
        while (true) {
            if (isWorkingDay(day)) {
                for (WorkingPeriod p : hours.periods()) {
                    Instant start = at(day, p.start());
                    Instant end = at(day, p.end());
                    if (instant.isBefore(end)) {
                        return instant.isAfter(start) ? instant : start;
                    }
                }
                idle = 0;
            } else {
                idle = checkIdle(idle, day);
            }
            day = day.plusDays(1);
        }
    }

    /** The working time of {@code days} working days (a multiple of 0.5; one day = the sum of daily periods). */
    public Duration workingTimeOf(BigDecimal days) {
        Objects.requireNonNull(days, "days");
        if (days.signum() < 0) {
            throw new IllegalArgumentException("working days must not be negative: " + days);
        }
        if (days.multiply(TWO).stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("working days must be a multiple of 0.5: " + days);
        }
        BigDecimal nanos = BigDecimal.valueOf(hours.workingDay().toNanos()).multiply(days);
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** {@code start} plus {@code days} working days (multiple of 0.5). See {@link #addWorkingHours}. */
    public Instant addWorkingDays(Instant start, BigDecimal days) {
        return addWorkingHours(start, workingTimeOf(days));
    }

    /**
     * {@code start} plus {@code workingTime} of working time. A start outside working time counts from the next
     * period start; a sum landing exactly on a period end is that end.
     */
    public Instant addWorkingHours(Instant start, Duration workingTime) {
        Objects.requireNonNull(start, "start");
        requireNonNegative(workingTime);
        if (workingTime.isZero()) {
            return start;
        }
        Duration remaining = workingTime;
        LocalDate day = LocalDate.ofInstant(start, zone());
        int idle = 0;
        while (true) {
            if (isWorkingDay(day)) {
                for (WorkingPeriod p : hours.periods()) {
                    Instant from = max(at(day, p.start()), start);
                    Instant end = at(day, p.end());
                    if (from.isBefore(end)) {
                        Duration available = Duration.between(from, end);
                        if (remaining.compareTo(available) <= 0) { // "<=": landing on the end stays at the end
                            return from.plus(remaining);
                        }
                        remaining = remaining.minus(available);
                    }
                }
                idle = 0;
            } else {
                idle = checkIdle(idle, day);
            }
            day = day.plusDays(1);
        }
    }

    /** {@code due} minus {@code days} working days (multiple of 0.5), e.g. the due-soon threshold "1 day before". */
    public Instant subtractWorkingDays(Instant due, BigDecimal days) {
        return subtractWorkingHours(due, workingTimeOf(days));
    }

    /**
     * The latest instant from which {@code workingTime} of working time ends at {@code due}: walks back through
     * the working periods. A {@code due} outside working time counts back from the previous period end; a result
     * landing exactly on a period start is that start.
     */
    public Instant subtractWorkingHours(Instant due, Duration workingTime) {
        Objects.requireNonNull(due, "due");
        requireNonNegative(workingTime);
        if (workingTime.isZero()) {
            return due;
        }
        Duration remaining = workingTime;
        LocalDate day = LocalDate.ofInstant(due, zone());
        List<WorkingPeriod> periods = hours.periods();
        int idle = 0;
        while (true) {
            if (isWorkingDay(day)) {
                for (int i = periods.size() - 1; i >= 0; i--) {
                    WorkingPeriod p = periods.get(i);
                    Instant start = at(day, p.start());
                    Instant to = min(at(day, p.end()), due);
                    if (start.isBefore(to)) {
                        Duration available = Duration.between(start, to);
                        if (remaining.compareTo(available) <= 0) {
                            return to.minus(remaining);
                        }
                        remaining = remaining.minus(available);
                    }
                }
                idle = 0;
            } else {
                idle = checkIdle(idle, day);
            }
            day = day.minusDays(1);
        }
    }

    /** Working time in {@code [from, to)}; zero if {@code to} is not after {@code from}. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone());
        for (LocalDate day = LocalDate.ofInstant(from, zone()); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (WorkingPeriod p : hours.periods()) {
                Instant s = max(at(day, p.start()), from);
                Instant e = min(at(day, p.end()), to);
                if (s.isBefore(e)) {
                    total = total.plus(Duration.between(s, e));
                }
            }
        }
        return total;
    }

    private Instant at(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone()).toInstant();
    }

    private static int checkIdle(int idle, LocalDate day) {
        if (idle + 1 > MAX_DAYS_WITHOUT_WORK) {
            throw new IllegalStateException("no working day within " + MAX_DAYS_WITHOUT_WORK + " days around " + day
                    + ": check the holiday overrides and working weekdays");
        }
        return idle + 1;
    }

    private static void requireNonNegative(Duration d) {
        Objects.requireNonNull(d, "workingTime");
        if (d.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + d);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
