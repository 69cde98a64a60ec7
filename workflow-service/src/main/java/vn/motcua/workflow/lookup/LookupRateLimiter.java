package vn.motcua.workflow.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sliding window per remote address: at most {@code maxTries} in any {@code window}. In memory and per instance
 * (a PIN has 31^8 values: a few instances multiply a hopeless rate). Addresses whose window emptied are dropped
 * on the way, so the map holds only the last minute's callers.
 */
public class LookupRateLimiter {
    private final int maxTries;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> tries = new ConcurrentHashMap<>();
    private volatile Instant lastSweep = Instant.EPOCH;

    public LookupRateLimiter(int maxTries, Duration window, Clock clock) {
        this.maxTries = maxTries;
        this.window = window;
        this.clock = clock;
    }

    /** Counts a try; empty if allowed, else how long until the oldest try leaves the window. */
    public Optional<Duration> tryAcquire(String address) {
        Instant now = clock.instant();
        sweep(now);
        Deque<Instant> times = tries.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            Instant cutoff = now.minus(window);
            while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
                times.pollFirst();
            }
            if (times.size() >= maxTries) {
                Duration wait = Duration.between(now, times.peekFirst().plus(window));
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            }
            times.addLast(now);
            return Optional.empty();
        }
    }

    /** Forgets every address (tests, or an operator after a false alarm). */
    public void reset() {
        tries.clear();
    }

    private void sweep(Instant now) {
        if (Duration.between(lastSweep, now).compareTo(window) < 0) {
            return;
        }
        lastSweep = now;
        Instant cutoff = now.minus(window);
        for (Iterator<Map.Entry<String, Deque<Instant>>> it = tries.entrySet().iterator(); it.hasNext(); ) {
            Deque<Instant> times = it.next().getValue();
            synchronized (times) {
                if (times.isEmpty() || !times.peekLast().isAfter(cutoff)) {
                    it.remove();
                }
            }
        }
    }
}
