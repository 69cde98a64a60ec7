package vn.motcua.reporting.projection;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;
import vn.motcua.kafka.LoopState;
import vn.motcua.kafka.LoopStatus;

/**
 * The projector in {@code /health}, by the rules of spring-support's {@code ConsumerLoopHealth}: DOWN when its
 * loop has stopped, has been failing (backing off and retrying) for longer than
 * {@code motcua.health.consumer-failing-for} (10 s), or has not returned from a poll for longer than
 * {@code motcua.health.consumer-stuck-after} (2 min); UP otherwise (a short failure being retried is no outage).
 * Details: the reason, the state, the failures, the last error's class (never its message: health is public and
 * a message may quote data), the last poll and the lag.
 */
@Singleton
@Requires(beans = Projector.class)
public class ProjectorHealth implements HealthIndicator {
    private final Projector projector;
    private final Duration failingFor;
    private final Duration stuckAfter;

    public ProjectorHealth(Projector projector,
                           @Value("${motcua.health.consumer-failing-for:10s}") Duration failingFor,
                           @Value("${motcua.health.consumer-stuck-after:2m}") Duration stuckAfter) {
        this.projector = projector;
        this.failingFor = failingFor;
        this.stuckAfter = stuckAfter;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(result());
    }

    HealthResult result() {
        LoopStatus status = projector.status();
        Instant now = Instant.now();
        Instant started = projector.loop().startedAt() != null ? projector.loop().startedAt() : now;
        Map<String, Object> details = new LinkedHashMap<>();
        HealthStatus health = HealthStatus.DOWN;
        if (status.state() == LoopState.STOPPED) {
            details.put("reason", "stopped");
        } else if (status.failingLongerThan(failingFor, now)) {
            details.put("reason", "failing since " + status.failingSince());
        } else if (status.stuckLongerThan(stuckAfter, started, now)) {
            details.put("reason", "no poll since " + (status.lastPoll() != null ? status.lastPoll() : started));
        } else {
            health = HealthStatus.UP;
        }
        details.put("state", status.state().name());
        details.put("failures", status.failures());
        if (status.lastError() != null) {
            details.put("lastError", status.lastError().split(":", 2)[0]);
        }
        if (status.lastPoll() != null) {
            details.put("lastPoll", status.lastPoll().toString());
        }
        if (status.lag() >= 0) {
            details.put("lag", status.lag());
        }
        return HealthResult.builder(Projector.NAME, health).details(details).build();
    }
}
