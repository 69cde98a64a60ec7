package vn.motcua.reporting.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.events.Topics;
import vn.motcua.kafka.ConsumerLoop;
import vn.motcua.kafka.LoopSettings;
import vn.motcua.kafka.LoopStatus;

/**
 * Reads the contract topics and feeds {@link ProjectionStore}, on kafka-support's supervised {@link ConsumerLoop}
 * (any failure logged, backed off, retried; in {@code /health} through {@link ProjectorHealth}; lag per partition
 * as {@code motcua_consumer_lag{consumer="reporting-projector"}}). Positions come from the database (a seek on
 * every assignment), never from Kafka's committed offsets, which stay off; a failed batch is rewound by the loop
 * to the poll's first record, which is the stored position since a batch is one transaction. So the database is
 * always a prefix of each partition.
 */
@Singleton
@Requires(property = "motcua.projector.enabled", notEquals = "false")
public class Projector implements ApplicationEventListener<StartupEvent> {
    public static final String NAME = "reporting-projector";
    public static final List<String> TOPICS = List.of(Topics.CATALOGUE, Topics.DOSSIER_INTAKE,
            Topics.DOSSIER_WORKFLOW, Topics.PETITION);
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    private final KafkaSettings kafka;
    private final ProjectorSettings settings;
    private final ProjectionStore store;
    private final ProjectionMetrics metrics;
    private final ConsumerLoop<String, byte[]> loop;
    /** Held while a batch is applied; a rebuild holds it to swap the tables between two batches. */
    private final ReentrantLock applyLock = new ReentrantLock();
    /** Set when the tables were swapped: positions must be read again from the database (before the next poll). */
    private volatile boolean reseek;
    private volatile boolean provisioned;

    public Projector(KafkaSettings kafka, ProjectorSettings settings, ProjectionStore store,
                     ProjectionMetrics metrics, MeterRegistry registry) {
        this.kafka = kafka;
        this.settings = settings;
        this.store = store;
        this.metrics = metrics;
        LoopSettings loopSettings = LoopSettings.defaults().withPollTimeout(settings.pollTimeout())
                .withOwnOffsets(SeekToStoredOffsets::new)
                .withBeforePoll(this::reseekAfterSwap);
        this.loop = new ConsumerLoop<>(NAME, TOPICS, this::newConsumer, this::apply, loopSettings);
        loop.bindTo(registry);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        loop.start();
    }

    /** The loop's state, failures and lag: what health and the status endpoint read. */
    public LoopStatus status() {
        return loop.status();
    }

    /** The supervised loop itself (tests inject faults through it). */
    public ConsumerLoop<String, byte[]> loop() {
        return loop;
    }

    /** True while the loop's thread runs (it ends only when the service stops). */
    public boolean ready() {
        return loop.isRunning();
    }

    /**
     * Runs {@code work} between two batches, with the projector held still; afterwards the projector re-reads its
     * positions from the database before its next poll (used to swap in rebuilt tables).
     */
    public <T> T whilePaused(Callable<T> work) throws Exception {
        applyLock.lock();
        try {
            T result = work.call();
            reseek = true;
            return result;
        } finally {
            applyLock.unlock();
        }
    }

    /** A new consumer; the topics are created first if missing (once per service run). */
    private Consumer<String, byte[]> newConsumer() {
        if (!provisioned) {
            TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), kafka.partitions());
            provisioned = true;
        }
        Map<String, Object> config = ConsumerLoop.consumerConfig(kafka.bootstrapServers(), kafka.groupId(),
                kafka.groupId() + "-projector", settings.maxPollRecords());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The loop's handler: one poll, one transaction (rows and positions together). */
    private void apply(ConsumerRecords<String, byte[]> records) throws SQLException {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        applyLock.lock();
        try {
            if (reseek) {
                return; // polled against the old tables' positions: dropped, the hook seeks before the next poll
            }
            metrics.batch(store.apply(batch));
        } finally {
            applyLock.unlock();
        }
    }

    private void reseekAfterSwap(Consumer<?, ?> c) throws SQLException {
        if (!reseek) {
            return;
        }
        applyLock.lock();
        try {
            seekToStored(c, c.assignment());
            reseek = false;
        } finally {
            applyLock.unlock();
        }
    }

    private void seekToStored(Consumer<?, ?> c, Collection<TopicPartition> partitions) throws SQLException {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = store.storedOffsets(partitions);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp);
            if (next == null) {
                fresh.add(tp);
            } else {
                c.seek(tp, next);
            }
        }
        if (!fresh.isEmpty()) {
            c.seekToBeginning(fresh);
        }
        LOG.info("projector positioned on {} partitions ({} from the beginning)", partitions.size(), fresh.size());
    }

    @PreDestroy
    public void stop() {
        loop.close();
    }

    /** On every assignment: continue from the positions stored with the rows (or the beginning). */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
        private final Consumer<?, ?> c;

        SeekToStoredOffsets(Consumer<?, ?> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                seekToStored(c, partitions);
            } catch (SQLException e) {
                // Without positions we must not read on: the poll fails, the loop replaces the consumer and retries.
                throw new IllegalStateException("cannot read projection offsets", e);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to commit: every applied batch already stored its offsets with its rows.
        }
    }
}
