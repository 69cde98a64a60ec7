package vn.motcua.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/** A working period within one day, {@code [start, end)} in the office's local time, e.g. 07:30–11:30. */
public record WorkingPeriod(LocalTime start, LocalTime end) {

    public WorkingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            // Why: a period across midnight would make "the day of an instant" ambiguous for the arithmetic.
            throw new IllegalArgumentException("a working period must start before it ends, within one day: "
                    + start + "–" + end);
        }
    }

    public static WorkingPeriod of(String start, String end) {
        return new WorkingPeriod(LocalTime.parse(start), LocalTime.parse(end));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return start + "–" + end;
    }
}
