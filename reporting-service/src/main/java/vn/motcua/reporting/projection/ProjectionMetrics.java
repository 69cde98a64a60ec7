package vn.motcua.reporting.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Event counts of the projector, as Micrometer meters (exported at /prometheus); its lag per partition is the
 * loop's own gauge, {@code motcua_consumer_lag{consumer="reporting-projector"}}.
 */
@Singleton
public class ProjectionMetrics {
    private final Counter applied;
    private final Counter duplicates;
    private final Counter skipped;

    public ProjectionMetrics(MeterRegistry registry) {
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

    public double appliedTotal() {
        return applied.count();
    }

    public double duplicatesTotal() {
        return duplicates.count();
    }
}
