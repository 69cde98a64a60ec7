package vn.motcua.kafka;

import java.time.Duration;

/**
 * Exponential back-off with a cap: {@code initial}, twice that, ... up to {@code max}, then {@code max} for ever;
 * {@link #reset()} after a success. Not thread-safe: owned by the loop's thread.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    public Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = initialMillis;
    }

    /** The pause to take now; the one after is twice as long, capped. */
    public Duration next() {
        long now = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return Duration.ofMillis(now);
    }

    public void reset() {
        nextMillis = initialMillis;
    }
}
