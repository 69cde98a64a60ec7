package vn.motcua.workflow.kafka;

import java.time.Duration;
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
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.Topics;
import vn.motcua.workflow.dossier.Commands.CancelDossier;
import vn.motcua.workflow.dossier.Commands.OpenDossier;
import vn.motcua.workflow.infra.CommandBatch;

/**
 * Reads {@code motcua.dossier.intake.v1} on its own thread: opens the received dossiers, follows corrected
 * receipts (DossierReceived revision n+1: the dossier decides whether it still applies) and cancellations
 * (DossierCancelled). Intake keys every record by dossier id, so a dossier's receipt, corrections and
 * cancellation arrive in the order intake published them, and a batch keeps that order. A polled batch is
 * opened in ONE transaction ({@link CommandBatch}: one unit of work, events appended and projected together,
 * one durable commit). At least once: offsets are committed only after that transaction committed (auto-commit
 * off); a redelivery, or the same receipt twice in one batch, is harmless because opening is idempotent in the
 * aggregate (the second {@code OpenDossier} finds the dossier opened and records nothing). If the batch fails,
 * its records are opened one by one, so one bad record cannot block the others; a record that fails for a
 * transient reason (database down) is retried from its offset after a pause; a record that can never be read
 * is logged and skipped.
 */
public class IntakeConsumer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IntakeConsumer.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final KafkaSettings settings;
    private final CommandGateway commands;
    private final CommandBatch batch;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public IntakeConsumer(KafkaSettings settings, CommandGateway commands, CommandBatch batch) {
        this.settings = settings;
        this.commands = commands;
        this.batch = batch;
    }

    @Override
    public synchronized void start() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-intake");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group reads intake from the beginning: every received dossier must be opened.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "intake-consumer");
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

    /** Start after Axon's processors and the web server's dependencies; stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            c.subscribe(List.of(Topics.DOSSIER_INTAKE));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (!records.isEmpty() && !processBatch(c, records) && !processAll(c, records)) {
                    pause();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("intake consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("intake consumer stopped", e);
        } finally {
            running = false;
            log.info("intake consumer stopped");
        }
    }

    /**
     * Opens every dossier of the poll in one transaction, then commits all the offsets. Returns false (nothing
     * committed, offsets untouched) if the batch failed: the caller then goes one by one.
     */
    private boolean processBatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        List<Object> opens = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                Object open = toCommand(record);
                if (open != null) {
                    opens.add(open);
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!opens.isEmpty()) {
            try {
                batch.sendAll(opens);
            } catch (RuntimeException e) {
                log.info("could not open {} dossier(s) in one transaction, going one by one: {}", opens.size(),
                        e.toString());
                return false;
            }
        }
        c.commitSync(done);
        return true;
    }

    /** Handles the batch record by record, partition by partition; returns false if some record must be retried. */
    private boolean processAll(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean allDone = true;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                try {
                    handle(record);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (RuntimeException e) {
                    log.warn("could not open dossier from {}/{}@{}, will retry: {}", record.topic(),
                            record.partition(), record.offset(), e.toString());
                    c.seek(partition, record.offset());
                    allDone = false;
                    break;
                }
            }
        }
        if (!done.isEmpty()) {
            c.commitSync(done);
        }
        return allDone;
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Object open = toCommand(record);
        if (open != null) {
            commands.sendAndWait(open);
        }
    }

    /** The command a record asks for, or null for a record to skip (logged). */
    private Object toCommand(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = CloudEventsCodec.decode(record);
        } catch (CloudEventsCodec.UnknownEventTypeException e) {
            log.info("skipping {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        } catch (CloudEventsCodec.MalformedEventException e) {
            // Retrying cannot fix a record that breaks the contract: log it (no personal data is on Kafka).
            log.error("skipping malformed record: {}", e.getMessage());
            return null;
        }
        if (envelope.data() instanceof DossierReceived received) {
            return new OpenDossier(received.dossierId(), received.officeId(), received.procedureCode(),
                    received.processingDays(), received.receivedAt(), received.dueAt(), received.code(),
                    received.field(), received.channel(), received.fee(), received.onlinePayment(),
                    received.revision());
        }
        if (envelope.data() instanceof DossierCancelled cancelled) {
            return new CancelDossier(cancelled.dossierId(), cancelled.officeId(), cancelled.reason(),
                    cancelled.cancelledAt());
        }
        log.info("skipping {} on {}: not handled here", envelope.type().ceType(), record.topic());
        return null;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
