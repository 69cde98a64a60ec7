package vn.motcua.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * What a {@link ConsumerLoop} does with each poll. Returning normally means every record of the poll is handled:
 * the loop then commits their offsets. Throwing anything means none of them is (unless the exception is a
 * {@link PartialBatchException}, whose offsets are committed first): the loop backs off and the records are
 * delivered again from the last committed offset. Handlers must therefore be idempotent.
 */
@FunctionalInterface
public interface BatchHandler<K, V> {
    void handle(ConsumerRecords<K, V> records) throws Exception;
}
