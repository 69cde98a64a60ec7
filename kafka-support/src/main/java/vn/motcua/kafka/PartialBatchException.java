package vn.motcua.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A poll handled only in part: the loop commits {@link #done()} (the next offset to read per partition that got
 * that far), then backs off and redelivers the rest.
 */
public class PartialBatchException extends RuntimeException {
    private final transient Map<TopicPartition, OffsetAndMetadata> done;

    public PartialBatchException(Map<TopicPartition, OffsetAndMetadata> done, Throwable cause) {
        super("handled " + done.size() + " partition(s) of the poll in part: " + cause, cause);
        this.done = Map.copyOf(done);
    }

    public Map<TopicPartition, OffsetAndMetadata> done() {
        return done;
    }
}
