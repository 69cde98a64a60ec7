package vn.motcua.reporting.timing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where the projection's and the rebuild's time goes, as Micrometer timers {@value #METER} tagged {@code stage}
 * (exported at /prometheus like every meter): the live write stages ({@code claim}, {@code load}, {@code apply},
 * {@code facts}, {@code counters}, {@code commit}), the incremental replay's ({@code replay.*}), the bulk load's
 * ({@code bulk.*}, {@code group.*}). A rebuild logs what each stage took during it from {@link #totalsMillis}.
 */
@Singleton
public final class StageTimers {
    public static final String METER = "motcua.reporting.stage";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public StageTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Timers kept in a registry of their own (a store built outside the application context). */
    public static StageTimers unregistered() {
        return new StageTimers(new SimpleMeterRegistry());
    }

    /** Records the time since {@code startNanos} ({@link System#nanoTime()}) against {@code stage}. */
    public void record(String stage, long startNanos) {
        timer(stage).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(String stage) {
        return timers.computeIfAbsent(stage, s -> Timer.builder(METER).tag("stage", s)
                .description("time spent in one stage of the projection or the rebuild").register(registry));
    }

    /** Each stage's total so far, in ms, by name. */
    public Map<String, Long> totalsMillis() {
        Map<String, Long> totals = new TreeMap<>();
        timers.forEach((stage, timer) -> totals.put(stage, (long) timer.totalTime(TimeUnit.MILLISECONDS)));
        return totals;
    }

    /** The ms each stage whose name starts with {@code prefix} took since {@code before} (a {@link #totalsMillis}). */
    public Map<String, Long> millisSince(Map<String, Long> before, String prefix) {
        Map<String, Long> since = new TreeMap<>();
        totalsMillis().forEach((stage, ms) -> {
            if (stage.startsWith(prefix)) {
                since.put(stage, ms - before.getOrDefault(stage, 0L));
            }
        });
        return since;
    }
}
