package vn.motcua.intake.kafka;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.Topics;

/**
 * Learns from {@code motcua.dossier.workflow.v1} which dossiers are settled (resolved, returned or withdrawn): their
 * procedure can no longer be corrected and they cannot be cancelled. Its own consumer group, at least once: offsets
 * are committed after the poll's rows are written, and writing is idempotent (one row per dossier, the first wins).
 * Every other workflow event, and any type newer than this service, is skipped.
 */
@Component
class WorkflowOutcomeConsumer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WorkflowOutcomeConsumer.class);

    private final KafkaProperties properties;
    private final JdbcTemplate jdbc;
    private final String groupId;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    WorkflowOutcomeConsumer(KafkaProperties properties, JdbcTemplate jdbc,
                            @Value("${motcua.intake.workflow-consumer-group:intake-service.settled}") String groupId) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.groupId = groupId;
    }

    private record Settled(String dossierId, String type, Instant at) {
    }

    @Override
    public synchronized void start() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "workflow-outcome-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            c.subscribe(List.of(Topics.DOSSIER_WORKFLOW));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (!records.isEmpty() && !process(c, records)) {
                    Thread.sleep(1000);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("workflow outcome consumer woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("workflow outcome consumer stopped", e);
        } finally {
            running = false;
        }
    }

    /** Writes the poll's settled dossiers, then commits; on failure rewinds to the poll's start. */
    private boolean process(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        List<Settled> settled = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                first.putIfAbsent(partition, record.offset());
                Settled s = settled(record);
                if (s != null) {
                    settled.add(s);
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        try {
            if (!settled.isEmpty()) {
                jdbc.batchUpdate("""
                                INSERT INTO dossier_settled (dossier_id, event_type, settled_at) VALUES (?, ?, ?)
                                ON CONFLICT (dossier_id) DO NOTHING""", settled, settled.size(), (ps, s) -> {
                            ps.setString(1, s.dossierId());
                            ps.setString(2, s.type());
                            ps.setTimestamp(3, Timestamp.from(s.at()));
                        });
            }
        } catch (RuntimeException e) {
            log.warn("could not record {} settled dossier(s), will retry: {}", settled.size(), e.toString());
            first.forEach(c::seek);
            return false;
        }
        c.commitSync(done);
        return true;
    }

    private static Settled settled(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = CloudEventsCodec.decode(record);
        } catch (CloudEventsCodec.UnknownEventTypeException e) {
            return null;
        } catch (CloudEventsCodec.MalformedEventException e) {
            log.error("skipping malformed workflow record at {}/{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
        Object data = envelope.data();
        Instant at = envelope.time() == null ? Instant.now() : envelope.time();
        if (data instanceof DossierResolved e) {
            return new Settled(e.dossierId(), "DossierResolved", at);
        }
        if (data instanceof ResultReturned e) {
            return new Settled(e.dossierId(), "ResultReturned", at);
        }
        if (data instanceof DossierWithdrawn e) {
            return new Settled(e.dossierId(), "DossierWithdrawn", at);
        }
        return null;
    }
}
