package vn.motcua.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of the working-time arithmetic, over data years (2018–2027) and computed years around them. */
class WorkingCalendarPropertiesTest {

    private static final WorkingCalendar CAL = WorkingCalendar.standard();
    private static final Instant FROM = LocalDateTime.parse("2017-06-01T00:00").atZone(WorkingHours.VIETNAM).toInstant();
    private static final Instant TO = LocalDateTime.parse("2028-06-30T00:00").atZone(WorkingHours.VIETNAM).toInstant();

    /** Instants to the second, half of them on a quarter hour so that period boundaries are hit often. */
    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond());
        return Arbitraries.oneOf(
                seconds.map(Instant::ofEpochSecond),
                seconds.map(s -> Instant.ofEpochSecond(s - Math.floorMod(s, 900))));
    }

    /** Working durations up to 40 working days, half of them in whole half hours. */
    @Provide
    Arbitrary<Duration> durations() {
        long max = Duration.ofHours(8 * 40).toSeconds();
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, max).map(Duration::ofSeconds),
                Arbitraries.longs().between(0, max / 1800).map(n -> Duration.ofMinutes(30 * n)));
    }

    @Provide
    Arbitrary<BigDecimal> days() {
        return Arbitraries.integers().between(1, 60).map(n -> BigDecimal.valueOf(n).divide(BigDecimal.valueOf(2)));
    }

    @Property
    void resultIsInWorkingTimeOrExactlyAPeriodEnd(@ForAll("instants") Instant start, @ForAll("durations") Duration d) {
        if (d.isZero()) {
            return;
        }
        Instant due = CAL.addWorkingHours(start, d);
        assertThat(CAL.isWorkingTime(due) || isPeriodEnd(due)).as("%s + %s = %s", start, d, due).isTrue();
    }

    @Property
    void countingBackGivesTheDurationAdded(@ForAll("instants") Instant start, @ForAll("durations") Duration d) {
        Instant due = CAL.addWorkingHours(start, d);
        assertThat(CAL.workingTimeBetween(CAL.nextWorkingInstant(start), due)).isEqualTo(d);
        assertThat(CAL.workingTimeBetween(start, due)).isEqualTo(d);
    }

    @Property
    void monotonic(@ForAll("instants") Instant start, @ForAll("durations") Duration a, @ForAll("durations") Duration b) {
        Duration shorter = a.compareTo(b) <= 0 ? a : b;
        Duration longer = a.compareTo(b) <= 0 ? b : a;
        assertThat(CAL.addWorkingHours(start, shorter)).isBeforeOrEqualTo(CAL.addWorkingHours(start, longer));
    }

    @Property
    void monotonicInTheStart(@ForAll("instants") Instant x, @ForAll("instants") Instant y, @ForAll("durations") Duration d) {
        Instant early = x.isBefore(y) ? x : y;
        Instant late = x.isBefore(y) ? y : x;
        assertThat(CAL.addWorkingHours(early, d)).isBeforeOrEqualTo(CAL.addWorkingHours(late, d));
    }

    @Property
    void additive(@ForAll("instants") Instant start, @ForAll("durations") Duration a, @ForAll("durations") Duration b) {
        assertThat(CAL.addWorkingHours(start, a.plus(b))).isEqualTo(CAL.addWorkingHours(CAL.addWorkingHours(start, a), b));
    }

    @Property
    void addingWorkingDaysEndsOnAWorkingDay(@ForAll("instants") Instant start, @ForAll("days") BigDecimal days) {
        Instant due = CAL.addWorkingDays(start, days);
        assertThat(CAL.isWorkingDay(LocalDate.ofInstant(due, CAL.zone()))).as("%s + %s days = %s", start, days, due).isTrue();
    }

    @Property
    void subtractingIsTheInverseOfAdding(@ForAll("instants") Instant start, @ForAll("durations") Duration d,
                                         @ForAll("durations") Duration back) {
        // due is where an addition can land: inside working time or exactly on a period end
        Instant due = CAL.addWorkingHours(start, d.plusMinutes(1));
        Instant earlier = CAL.subtractWorkingHours(due, back);
        assertThat(CAL.workingTimeBetween(earlier, due)).isEqualTo(back);
        assertThat(CAL.addWorkingHours(earlier, back)).isEqualTo(due);
    }

    @Property
    void workingTimeIsAdditiveOverIntervals(@ForAll("instants") Instant x, @ForAll("instants") Instant y,
                                            @ForAll("instants") Instant z) {
        Instant[] s = java.util.stream.Stream.of(x, y, z).sorted().toArray(Instant[]::new);
        assertThat(CAL.workingTimeBetween(s[0], s[2]))
                .isEqualTo(CAL.workingTimeBetween(s[0], s[1]).plus(CAL.workingTimeBetween(s[1], s[2])));
    }

    private static boolean isPeriodEnd(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, CAL.zone());
        if (!CAL.isWorkingDay(local.toLocalDate())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return CAL.hours().periods().stream().anyMatch(p -> p.end().equals(time));
    }
}
