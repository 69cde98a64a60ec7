package vn.motcua.reporting.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/** Event counts and per-partition lag of the projector, as Micrometer meters (exported at /prometheus). */
@Singleton
public class ProjectionMetrics {
    private final MeterRegistry registry;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter skipped;
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();

    public ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.applied = Counter.builder("motcua.reporting.events.applied")
                .description("events applied to the projections").register(registry);
        this.duplicates = Counter.builder("motcua.reporting.events.duplicates")
                .description("events skipped because their ce_id was already applied").register(registry);
        this.skipped = Counter.builder("motcua.reporting.events.skipped")
                .description("records of unknown type or malformed").register(registry);
    }

    public void batch(ProjectionStore.BatchResult result) {
        applied.increment(result.applied());
        duplicates.increment(result.duplicates());
        skipped.increment(result.skipped());
    }

    public void lag(TopicPartition partition, long value) {
        lag.computeIfAbsent(partition, tp -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("motcua.reporting.projection.lag", holder, AtomicLong::get)
                    .description("records not yet projected")
                    .tag("topic", tp.topic()).tag("partition", Integer.toString(tp.partition()))
                    .register(registry);
            return holder;
        }).set(value);
    }

    public double appliedTotal() {
        return applied.count();
    }

    public long totalLag() {
        return lag.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public double duplicatesTotal() {
        return duplicates.count();
    }
}
