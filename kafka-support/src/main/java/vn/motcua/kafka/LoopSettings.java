package vn.motcua.kafka;

import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;

/**
 * How a {@link ConsumerLoop} paces itself.
 *
 * @param pollTimeout        the longest one {@code poll} waits for records
 * @param initialBackoff     the first pause after a failure (then doubled each time)
 * @param maxBackoff         the cap of the pauses
 * @param brokerTimeout      how long a commit, an end-offset query or a metadata query may wait for the broker;
 *                           past it the attempt is a failure like any other
 * @param lagInterval        how often the lag per partition is measured (which also proves the broker answers)
 * @param commitOffsets      commit the poll's offsets to Kafka after the handler returned; false when the handler
 *                           stores its offsets itself (with its data) and seeks on assignment
 * @param rebalanceListener  given each new consumer, the listener to subscribe with (null: none); where a handler
 *                           that stores its own offsets seeks on assignment
 * @param beforePoll         run on the loop's thread before every poll, given the current consumer (null: none);
 *                           where a handler that stores its own offsets seeks again after they changed under it (a
 *                           rebuild swapping its tables in). A throw is a failure of the consumer: it is replaced.
 */
public record LoopSettings(Duration pollTimeout, Duration initialBackoff, Duration maxBackoff,
                           Duration brokerTimeout, Duration lagInterval, boolean commitOffsets,
                           Function<Consumer<?, ?>, ConsumerRebalanceListener> rebalanceListener,
                           PollHook beforePoll) {

    /** What {@link #beforePoll} runs. */
    @FunctionalInterface
    public interface PollHook {
        void beforePoll(Consumer<?, ?> consumer) throws Exception;
    }

    /** 500 ms polls, back-off 100 ms doubling to 30 s, 10 s broker timeout, lag every 5 s, offsets in Kafka. */
    public static LoopSettings defaults() {
        return new LoopSettings(Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(5), true, null, null);
    }

    public LoopSettings withBackoff(Duration initial, Duration max) {
        return new LoopSettings(pollTimeout, initial, max, brokerTimeout, lagInterval, commitOffsets,
                rebalanceListener, beforePoll);
    }

    public LoopSettings withPollTimeout(Duration timeout) {
        return new LoopSettings(timeout, initialBackoff, maxBackoff, brokerTimeout, lagInterval, commitOffsets,
                rebalanceListener, beforePoll);
    }

    public LoopSettings withBrokerTimeout(Duration timeout) {
        return new LoopSettings(pollTimeout, initialBackoff, maxBackoff, timeout, lagInterval, commitOffsets,
                rebalanceListener, beforePoll);
    }

    public LoopSettings withLagInterval(Duration interval) {
        return new LoopSettings(pollTimeout, initialBackoff, maxBackoff, brokerTimeout, interval, commitOffsets,
                rebalanceListener, beforePoll);
    }

    /** {@code hook} run on the loop's thread before every poll (see {@link #beforePoll}). */
    public LoopSettings withBeforePoll(PollHook hook) {
        return new LoopSettings(pollTimeout, initialBackoff, maxBackoff, brokerTimeout, lagInterval, commitOffsets,
                rebalanceListener, hook);
    }

    /** Offsets stored by the handler, positions restored by {@code listener} on assignment. */
    public LoopSettings withOwnOffsets(Function<Consumer<?, ?>, ConsumerRebalanceListener> listener) {
        return new LoopSettings(pollTimeout, initialBackoff, maxBackoff, brokerTimeout, lagInterval, false, listener, beforePoll);
    }
}
