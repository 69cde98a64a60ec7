package vn.motcua.bpm.run;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Per-step latencies of a run, in nanoseconds. */
public final class Latencies {
    private final Map<Step, ConcurrentLinkedQueue<Long>> byStep = new EnumMap<>(Step.class);

    public Latencies() {
        for (Step step : Step.values()) {
            byStep.put(step, new ConcurrentLinkedQueue<>());
        }
    }

    void add(Step step, long nanos) {
        byStep.get(step).add(nanos);
    }

    /** The {@code percentile} (0-100) of a step, in milliseconds (nearest rank). */
    public double millis(Step step, double percentile) {
        long[] values = byStep.get(step).stream().mapToLong(Long::longValue).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))] / 1e6;
    }

    public int count(Step step) {
        return byStep.get(step).size();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Step step : Step.values()) {
            text.append("%s p50 %.1f ms p99 %.1f ms; ".formatted(step, millis(step, 50), millis(step, 99)));
        }
        return text.toString();
    }
}
