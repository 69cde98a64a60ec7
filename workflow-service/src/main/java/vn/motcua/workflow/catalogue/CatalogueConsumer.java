package vn.motcua.workflow.catalogue;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.events.Topics;

/**
 * Reads {@code motcua.catalogue.v1} into the {@code office} table (the access rules' office tree, and the names the
 * printed forms show) and the {@code catalogue_procedure} table (the procedures' names and statutory times, for the
 * forms). Its own consumer group (from the beginning: the whole tree is needed), at least once: offsets are
 * committed after the poll's entries are written, and writing is idempotent ({@link OfficeTable#record},
 * {@link ProcedureTable#record}); a record that cannot be read is logged and skipped; a failed write is retried
 * after a pause.
 */
public class CatalogueConsumer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CatalogueConsumer.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final String bootstrapServers;
    private final String groupId;
    private final OfficeTable offices;
    private final ProcedureTable procedures;
    private final CatalogueOfficeTree tree;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public CatalogueConsumer(String bootstrapServers, String groupId, OfficeTable offices, ProcedureTable procedures,
                             CatalogueOfficeTree tree) {
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.offices = offices;
        this.procedures = procedures;
        this.tree = tree;
    }

    @Override
    public synchronized void start() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "catalogue-consumer");
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

    /** Before the web server takes requests, so the tree fills as early as it can. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c = consumer) {
            c.subscribe(List.of(Topics.CATALOGUE));
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (!records.isEmpty() && !process(c, records)) {
                    pause();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("catalogue consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            log.error("catalogue consumer stopped", e);
        } finally {
            running = false;
        }
    }

    /** Writes the poll's offices and procedures, then commits; on failure rewinds to the poll's start, false. */
    private boolean process(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        List<OfficeRegistered> registered = new ArrayList<>();
        List<ProcedurePublished> published = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                first.putIfAbsent(partition, record.offset());
                Object entry = entry(record);
                if (entry instanceof OfficeRegistered office) {
                    registered.add(office);
                } else if (entry instanceof ProcedurePublished procedure) {
                    published.add(procedure);
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        try {
            offices.record(registered);
            procedures.record(published);
        } catch (RuntimeException e) {
            log.warn("could not record {} office(s) and {} procedure(s), will retry: {}", registered.size(),
                    published.size(), e.toString());
            first.forEach(c::seek);
            return false;
        }
        tree.refresh();
        c.commitSync(done);
        return true;
    }

    /** The office or procedure a record carries, or null for one to skip. */
    private static Object entry(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope;
        try {
            envelope = CloudEventsCodec.decode(record);
        } catch (CloudEventsCodec.UnknownEventTypeException e) {
            return null; // newer than us: skipped, as the contract says
        } catch (CloudEventsCodec.MalformedEventException e) {
            log.error("skipping malformed catalogue record: {}", e.getMessage());
            return null;
        }
        if (envelope.data() instanceof OfficeRegistered office) {
            if (office.officeId() == null || office.officeId().isBlank()) {
                log.error("skipping an OfficeRegistered without officeId at {}/{}@{}", record.topic(),
                        record.partition(), record.offset());
                return null;
            }
            // registeredAt orders the versions; the envelope's time stands in if a producer left it out.
            return office.registeredAt() != null ? office : new OfficeRegistered(office.officeId(), office.name(),
                    office.level(), office.parentId(), envelope.time());
        }
        if (envelope.data() instanceof ProcedurePublished procedure) {
            if (procedure.code() == null || procedure.code().isBlank() || procedure.name() == null
                    || procedure.processingDays() == null) {
                log.error("skipping an incomplete ProcedurePublished at {}/{}@{}", record.topic(), record.partition(),
                        record.offset());
                return null;
            }
            return procedure.publishedAt() != null ? procedure : new ProcedurePublished(procedure.code(),
                    procedure.name(), procedure.field(), procedure.processingDays(), procedure.onlineMode(),
                    procedure.postal(), envelope.time(), procedure.fee(), procedure.onlinePayment(),
                    procedure.decidedOn(), procedure.effectiveOn(), procedure.madePublicOn(),
                    procedure.contentComplete());
        }
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
