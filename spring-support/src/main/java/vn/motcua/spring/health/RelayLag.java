package vn.motcua.spring.health;

import java.time.Duration;
import java.util.function.LongSupplier;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * How far an Axon streaming processor (a relay to Kafka) trails the event store: the gauge {@value #METER}
 * (tag {@code processor}) = the store's head global index minus the lowest position any of the processor's
 * segments has reached; and a health indicator, DOWN while the processor is not running, a segment is in error
 * (Axon then retries it with its own back-off, and the relay's batch is not acknowledged), or it is stuck: events
 * wait and its position has not moved for {@link #DEFAULT_STUCK_AFTER} (a producer blocked on a broker that is
 * gone waits out its own timeouts without any error to show).
 */
public final class RelayLag implements HealthIndicator, MeterBinder {
    public static final String METER = "motcua.relay.lag";

    private final EventProcessingConfiguration processing;
    private final EventStore store;
    public static final Duration DEFAULT_STUCK_AFTER = Duration.ofSeconds(20);

    private final String processor;
    private final Duration stuckAfter;
    private final LongSupplier nanoTime;
    /** The lowest position seen last, and when it last moved (or nothing waited). */
    private long lastLowest = Long.MIN_VALUE;
    private long movedAt;

    public RelayLag(EventProcessingConfiguration processing, EventStore store, String processor) {
        this(processing, store, processor, DEFAULT_STUCK_AFTER, System::nanoTime);
    }

    RelayLag(EventProcessingConfiguration processing, EventStore store, String processor, Duration stuckAfter,
             LongSupplier nanoTime) {
        this.processing = processing;
        this.store = store;
        this.processor = processor;
        this.stuckAfter = stuckAfter;
        this.nanoTime = nanoTime;
        this.movedAt = nanoTime.getAsLong();
    }

    /** Events of the store the relay has not handled yet; -1 when unknown (not started, store unreachable). */
    public long lag() {
        Optional<StreamingEventProcessor> p = processor();
        if (p.isEmpty()) {
            return -1;
        }
        try {
            TrackingToken head = store.createHeadToken();
            OptionalLong headPosition = head == null ? OptionalLong.of(-1) : head.position();
            long lowest = Long.MAX_VALUE;
            Map<Integer, EventTrackerStatus> segments = p.get().processingStatus();
            if (segments.isEmpty() || headPosition.isEmpty()) {
                return -1;
            }
            for (EventTrackerStatus status : segments.values()) {
                lowest = Math.min(lowest, status.getCurrentPosition().orElse(-1));
            }
            return Math.max(0, headPosition.getAsLong() - lowest);
        } catch (RuntimeException e) {
            return -1; // the store is unreachable: the health of the database says so
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(METER, this, r -> {
                    long lag = r.lag();
                    return lag < 0 ? Double.NaN : lag;
                }).tag("processor", processor).strongReference(true)
                .description("events in the event store not yet relayed (head global index - the processor's token)")
                .register(registry);
    }

    @Override
    public Health health() {
        Optional<StreamingEventProcessor> p = processor();
        if (p.isEmpty()) {
            return Health.unknown().withDetail("processor", processor).build();
        }
        Map<Integer, EventTrackerStatus> segments = p.get().processingStatus();
        long inError = segments.values().stream().filter(EventTrackerStatus::isErrorState).count();
        long lag = lag();
        Duration still = stillFor(segments, lag);
        Health.Builder health = !p.get().isRunning() ? Health.down().withDetail("reason", "not running")
                : inError > 0 ? Health.down().withDetail("reason", inError + " segment(s) in error")
                : still.compareTo(stuckAfter) > 0 ? Health.down().withDetail("reason",
                        "stuck: " + lag + " event(s) waiting, no progress for " + still.toSeconds() + " s")
                : Health.up();
        segments.values().stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(EventTrackerStatus::getError).ifPresent(e -> health.withDetail("lastError",
                        e.getClass().getName()));
        return health.withDetail("processor", processor).withDetail("segments", segments.size())
                .withDetail("lag", lag).build();
    }

    /** How long events have waited without the relay's lowest position moving; zero when it moved or none wait. */
    synchronized Duration stillFor(Map<Integer, EventTrackerStatus> segments, long lag) {
        long lowest = segments.values().stream().mapToLong(st -> st.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
        long now = nanoTime.getAsLong();
        if (lag <= 0 || lowest != lastLowest) {
            lastLowest = lowest;
            movedAt = now;
            return Duration.ZERO;
        }
        return Duration.ofNanos(now - movedAt);
    }

    private Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(processor, StreamingEventProcessor.class);
    }
}
