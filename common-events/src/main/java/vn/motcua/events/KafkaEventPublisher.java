package vn.motcua.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes contract events at least once: an idempotent producer with {@code acks=all}, and {@link #publish}
 * returns only when the broker has every record, so a caller that advances its own position (an event
 * processor's token) after the call can never skip an event. A crash before that point means a re-send, which
 * consumers absorb by {@code ce_id}.
 */
public final class KafkaEventPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public KafkaEventPublisher(String bootstrapServers, String clientId) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends every envelope and waits until all are acknowledged; throws if any was not. */
    public void publish(List<EventEnvelope> envelopes) {
        List<Future<RecordMetadata>> pending = new ArrayList<>(envelopes.size());
        for (EventEnvelope envelope : envelopes) {
            pending.add(producer.send(CloudEventsCodec.encode(envelope)));
        }
        for (Future<RecordMetadata> future : pending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while publishing", e);
            } catch (ExecutionException e) {
                throw new PublishFailedException("broker did not acknowledge an event", e.getCause());
            }
        }
    }

    public void publish(EventEnvelope envelope) {
        publish(List.of(envelope));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    public static final class PublishFailedException extends RuntimeException {
        public PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
