package vn.motcua.kafka;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of a {@link ConsumerLoop}: what a health check or an operator reads.
 *
 * @param name            the consumer's name (its metrics' {@code consumer} tag)
 * @param state           RUNNING, BACKING_OFF (a failure not overcome yet: retrying) or STOPPED
 * @param failingSince    when the current run of failures began (null while RUNNING)
 * @param lastError       the last failure, as {@code Class: message} (null if none since the last success)
 * @param failures        failures since the loop started
 * @param lastPoll        when a {@code poll} last returned (null before the first); old while not STOPPED = stuck
 * @param lag             records behind the end of the log, summed over the assigned partitions (-1 unknown)
 */
public record LoopStatus(String name, LoopState state, Instant failingSince, String lastError, long failures,
                         Instant lastPoll, long lag) {

    /** Failing for longer than {@code threshold} (and not yet recovered). */
    public boolean failingLongerThan(Duration threshold, Instant now) {
        return state == LoopState.BACKING_OFF && failingSince != null
                && Duration.between(failingSince, now).compareTo(threshold) > 0;
    }

    /** No poll has returned for longer than {@code threshold} while the loop should be polling. */
    public boolean stuckLongerThan(Duration threshold, Instant since, Instant now) {
        if (state == LoopState.STOPPED) {
            return false;
        }
        Instant reference = lastPoll != null ? lastPoll : since;
        return Duration.between(reference, now).compareTo(threshold) > 0;
    }
}
