package vn.motcua.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.junit.jupiter.api.Test;

/** A relay whose producer blocks on a gone broker shows no error: it is told apart by its position not moving. */
class RelayLagTest {
    private final AtomicLong clock = new AtomicLong();
    private final RelayLag relay = new RelayLag(null, null, "kafka-relay", Duration.ofSeconds(20), clock::get);

    @Test
    void eventsWaitingWhileThePositionStandsStillCountAsStuckTime() {
        assertThat(relay.stillFor(at(100), 5)).isZero();
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(relay.stillFor(at(100), 7)).isEqualTo(Duration.ofSeconds(10));
        clock.addAndGet(Duration.ofSeconds(15).toNanos());
        assertThat(relay.stillFor(at(100), 9)).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void progressOrNothingWaitingResetsIt() {
        relay.stillFor(at(100), 5);
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(relay.stillFor(at(101), 5)).as("the position moved").isZero();
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(relay.stillFor(at(101), 0)).as("nothing waits: an idle relay is not stuck").isZero();
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(relay.stillFor(at(101), 3)).isEqualTo(Duration.ofSeconds(5));
    }

    private static Map<Integer, EventTrackerStatus> at(long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        return Map.of(0, status);
    }
}
