package vn.motcua.reporting.rebuild;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import vn.motcua.reporting.projection.ProjectionStore;

/**
 * The rebuild's one catch-up loop: from wherever the bulk load or the replay left the consumer, up to the end
 * offsets of the moment, batch by batch through the live writers with the counters kept (each batch one
 * transaction with its offsets). The job runs it twice: once while the live projector goes on, then again with
 * the projector held still, just before the swap.
 */
final class CatchUp {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final ProjectionStore store;
    private final Duration pollTimeout;
    private final BooleanSupplier cancelled;

    CatchUp(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, ProjectionStore store,
            Duration pollTimeout, BooleanSupplier cancelled) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.store = store;
        this.pollTimeout = pollTimeout;
        this.cancelled = cancelled;
    }

    /** Applies everything up to the current end offsets (or until cancelled); returns the events applied. */
    long toEnd(Progress progress, long eventsBefore) throws SQLException {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long events = 0;
        while (!cancelled.getAsBoolean() && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
            if (!records.isEmpty()) {
                events += store.apply(IncrementalReplay.list(records), RebuildSchema.SCHEMA, true).applied();
            }
            progress.report(RebuildState.REPLAYING, eventsBefore + events, lag(consumer, partitions));
        }
        return events;
    }

    /** Records between the consumer's positions and the partitions' current end. */
    static long lag(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long lag = 0;
        for (TopicPartition tp : partitions) {
            lag += Math.max(0, end.get(tp) - consumer.position(tp));
        }
        return lag;
    }
}
