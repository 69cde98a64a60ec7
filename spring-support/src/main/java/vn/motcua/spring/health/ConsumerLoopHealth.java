package vn.motcua.spring.health;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import vn.motcua.kafka.ConsumerLoop;
import vn.motcua.kafka.LoopState;
import vn.motcua.kafka.LoopStatus;

/**
 * A Kafka consumer in {@code /health}: DOWN when its loop has stopped, has been failing (backing off and
 * retrying) for longer than {@code failingFor}, or has not returned from a poll for longer than {@code stuckAfter};
 * UP otherwise (a short failure that the loop is already retrying is not an outage). The details (shown only as
 * {@code management.endpoint.health.show-details} allows) say which, with the last error's class and the lag.
 */
public final class ConsumerLoopHealth implements HealthIndicator {
    private final ConsumerLoop<?, ?> loop;
    private final Duration failingFor;
    private final Duration stuckAfter;

    public ConsumerLoopHealth(ConsumerLoop<?, ?> loop, Duration failingFor, Duration stuckAfter) {
        this.loop = loop;
        this.failingFor = failingFor;
        this.stuckAfter = stuckAfter;
    }

    @Override
    public Health health() {
        LoopStatus status = loop.status();
        Instant now = Instant.now();
        Instant started = loop.startedAt() != null ? loop.startedAt() : now;
        Health.Builder health;
        if (status.state() == LoopState.STOPPED) {
            health = Health.down().withDetail("reason", "stopped");
        } else if (status.failingLongerThan(failingFor, now)) {
            health = Health.down().withDetail("reason", "failing since " + status.failingSince());
        } else if (status.stuckLongerThan(stuckAfter, started, now)) {
            health = Health.down().withDetail("reason", "no poll since "
                    + (status.lastPoll() != null ? status.lastPoll() : started));
        } else {
            health = Health.up();
        }
        health.withDetail("state", status.state().name()).withDetail("failures", status.failures());
        if (status.lastError() != null) {
            // The class only: a message may quote data, and health is public.
            health.withDetail("lastError", status.lastError().split(":", 2)[0]);
        }
        if (status.lastPoll() != null) {
            health.withDetail("lastPoll", status.lastPoll().toString());
        }
        if (status.lag() >= 0) {
            health.withDetail("lag", status.lag());
        }
        return health.build();
    }
}
