package vn.motcua.reporting.rebuild;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code motcua.rebuild.*}: {@code parallelism} = how many partition groups a rebuild folds in memory at once
 * (memory grows with it: one group holds the state of 1/partitions of all dossiers); {@code bulk} = false forces
 * the incremental replay (per-batch upserts, no partition grouping), slower but with no assumption on keys.
 */
@ConfigurationProperties("motcua.rebuild")
public record RebuildSettings(
        @Bindable(defaultValue = "2") int parallelism,
        @Bindable(defaultValue = "true") boolean bulk) {
    public static final RebuildSettings DEFAULT = new RebuildSettings(2, true);
}
