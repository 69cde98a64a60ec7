package vn.motcua.reporting.rebuild;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress of a projection rebuild, as the status endpoint shows it. {@code state}: a {@link RebuildState}'s
 * name. {@code lag} is what remains to replay up to the topics' current end.
 */
@Serdeable
public record RebuildStatus(String state, Instant startedAt, Instant finishedAt, long events,
                            double eventsPerSecond, long lag, String error) {
    static final RebuildStatus IDLE = new RebuildStatus(RebuildState.IDLE.name(), null, null, 0, 0, 0, null);

    /** A rebuild under way (or just ended: {@code finishedAt} set for DONE and FAILED). */
    static RebuildStatus of(RebuildState state, Instant startedAt, long events, long lag, String error) {
        Instant finished = state.running() ? null : Instant.now();
        return new RebuildStatus(state.name(), startedAt, finished, events, rate(events, startedAt), lag, error);
    }

    public boolean running() {
        return RebuildState.valueOf(state).running();
    }

    private static double rate(long events, Instant started) {
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return Math.round(events / seconds * 10) / 10.0;
    }
}
