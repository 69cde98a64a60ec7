package vn.motcua.spring.health;

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
 * segments has reached; and a health indicator, DOWN while the processor is not running or a segment is in error
 * (Axon then retries it with its own back-off, and the relay's batch is not acknowledged).
 */
public final class RelayLag implements HealthIndicator, MeterBinder {
    public static final String METER = "motcua.relay.lag";

    private final EventProcessingConfiguration processing;
    private final EventStore store;
    private final String processor;

    public RelayLag(EventProcessingConfiguration processing, EventStore store, String processor) {
        this.processing = processing;
        this.store = store;
        this.processor = processor;
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
        Health.Builder health = !p.get().isRunning() ? Health.down().withDetail("reason", "not running")
                : inError > 0 ? Health.down().withDetail("reason", inError + " segment(s) in error")
                : Health.up();
        segments.values().stream().filter(EventTrackerStatus::isErrorState).findFirst()
                .map(EventTrackerStatus::getError).ifPresent(e -> health.withDetail("lastError",
                        e.getClass().getName()));
        return health.withDetail("processor", processor).withDetail("segments", segments.size())
                .withDetail("lag", lag()).build();
    }

    private Optional<StreamingEventProcessor> processor() {
        return processing.eventProcessor(processor, StreamingEventProcessor.class);
    }
}
