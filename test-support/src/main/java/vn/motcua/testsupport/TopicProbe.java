package vn.motcua.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's hands on the real broker, written once: publish records as a producer service would (acks from all
 * replicas, idempotent), read a topic from its start with a consumer of its own (a fresh group, no commits), wait
 * for the records a predicate wants, and measure a topic's end. Keys are strings, values bytes, as on every
 * motcua topic. Kafka's client comes from the module under test (test-support does not pin it).
 */
public final class TopicProbe implements AutoCloseable {
    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;

    public TopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Sends the record and waits for the broker's ack. */
    public RecordMetadata publish(ProducerRecord<String, byte[]> record) {
        return publish(List.of(record)).get(0);
    }

    /** Sends the records in order, then waits for every ack (pipelined, so thousands go quickly). */
    public List<RecordMetadata> publish(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : records) {
            acks.add(producer().send(record));
        }
        List<RecordMetadata> out = new ArrayList<>();
        for (Future<RecordMetadata> ack : acks) {
            try {
                out.add(ack.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused a test record", e.getCause());
            }
        }
        return out;
    }

    /** A reader of the topics from their start, which keeps what it reads. */
    public Reader read(String... topics) {
        Reader reader = new Reader(consumer(), true);
        reader.consumer.subscribe(List.of(topics));
        return reader;
    }

    /**
     * A reader of these partitions from these offsets (e.g. an earlier {@link #endOffsets}: only what is new) that
     * keeps nothing, for draining volumes: {@link Reader#await} then sees only what it polls itself.
     */
    public Reader readFrom(Map<TopicPartition, Long> offsets) {
        Reader reader = new Reader(consumer(), false);
        reader.consumer.assign(offsets.keySet());
        offsets.forEach(reader.consumer::seek);
        return reader;
    }

    /**
     * Reads {@code topic} from its start with a consumer of its own until {@code count} records match (fewer if
     * {@code timeout} passes first).
     */
    public static List<ConsumerRecord<String, byte[]>> await(String bootstrapServers, String topic,
                                                              Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                              int count, Duration timeout) {
        try (TopicProbe probe = new TopicProbe(bootstrapServers); Reader reader = probe.read(topic)) {
            return reader.await(wanted, count, timeout);
        }
    }

    /** The end offset of every partition of the topics. */
    public Map<TopicPartition, Long> endOffsets(String... topics) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /** How many records the topics hold (the sum of their partitions' end offsets). */
    public long count(String... topics) {
        return endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The header's value as UTF-8 text (the last one of the name), or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // What the services' consumers see: committed records only.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    /**
     * A consumer of its own that keeps every record it has read, so later waits see earlier records too. Only the
     * newly polled records are matched on each poll: a topic may hold hundreds of thousands.
     */
    public static final class Reader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final boolean keep;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        private Reader(KafkaConsumer<String, byte[]> consumer, boolean keep) {
            this.consumer = consumer;
            this.keep = keep;
        }

        /** Polls once (up to {@code wait}) and returns the new records (kept too, by a reader that keeps). */
        public synchronized List<ConsumerRecord<String, byte[]>> poll(Duration wait) {
            List<ConsumerRecord<String, byte[]>> fresh = new ArrayList<>();
            consumer.poll(wait).forEach(fresh::add);
            if (keep) {
                seen.addAll(fresh);
            }
            return fresh;
        }

        /** The first record read, now or before, that {@code wanted} matches; {@link AssertionError} after {@code timeout}. */
        public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                    Duration timeout) {
            List<ConsumerRecord<String, byte[]>> found = await(wanted, 1, timeout);
            if (found.isEmpty()) {
                throw new AssertionError("no matching record within " + timeout);
            }
            return found.get(0);
        }

        /** Up to {@code count} records that {@code wanted} matches, read now or before; fewer if {@code timeout} passes. */
        public synchronized List<ConsumerRecord<String, byte[]>> await(Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                                       int count, Duration timeout) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>(seen.stream().filter(wanted).limit(count)
                    .toList());
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : poll(Duration.ofMillis(200))) {
                    if (found.size() < count && wanted.test(record)) {
                        found.add(record);
                    }
                }
            }
            return found;
        }

        /** The first record read so far that {@code wanted} matches, without polling. */
        public synchronized Optional<ConsumerRecord<String, byte[]>> find(Predicate<ConsumerRecord<String, byte[]>> wanted) {
            return seen.stream().filter(wanted).findFirst();
        }

        /** Every record read so far. */
        public synchronized List<ConsumerRecord<String, byte[]>> seen() {
            return List.copyOf(seen);
        }

        @Override
        public synchronized void close() {
            consumer.close();
            seen.clear();
        }
    }
}
