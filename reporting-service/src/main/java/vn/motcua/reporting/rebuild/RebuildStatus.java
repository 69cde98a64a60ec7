package vn.motcua.reporting.rebuild;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Progress of a projection rebuild. {@code state}: IDLE (never ran), PREPARING, REPLAYING, INDEXING (bulk path:
 * building the indexes after the load), COUNTING, SWAPPING, DONE, FAILED. {@code lag} is what remains to replay up to the topics' current end.
 */
@Serdeable
public record RebuildStatus(String state, Instant startedAt, Instant finishedAt, long events,
                            double eventsPerSecond, long lag, String error) {
    static final RebuildStatus IDLE = new RebuildStatus("IDLE", null, null, 0, 0, 0, null);

    public boolean running() {
        return state.equals("PREPARING") || state.equals("REPLAYING") || state.equals("INDEXING")
                || state.equals("COUNTING")
                || state.equals("SWAPPING");
    }
}
