package vn.motcua.reporting.projection;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.events.Topics;

/**
 * The one thread that reads the three topics and feeds {@link ProjectionStore}. Positions come from the
 * database (seek on every assignment), never from Kafka's committed offsets; a failed batch rewinds to the
 * stored positions and is retried, so the database is always a prefix of each partition.
 */
@Singleton
@Requires(property = "motcua.projector.enabled", notEquals = "false")
public class Projector implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
    public static final List<String> TOPICS = List.of(Topics.CATALOGUE, Topics.DOSSIER_INTAKE, Topics.DOSSIER_WORKFLOW,
            Topics.PETITION);
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final KafkaSettings kafka;
    private final ProjectorSettings settings;
    private final ProjectionStore store;
    private final ProjectionMetrics metrics;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Held while a batch is applied; a rebuild holds it to swap the tables between two batches. */
    private final ReentrantLock applyLock = new ReentrantLock();
    /** Set when the tables were swapped: positions must be read again from the database. */
    private volatile boolean reseek;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean ready;
    private Thread thread;

    public Projector(KafkaSettings kafka, ProjectorSettings settings, ProjectionStore store,
                     ProjectionMetrics metrics) {
        this.kafka = kafka;
        this.settings = settings;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (thread == null) {
            thread = new Thread(this::run, "reporting-projector");
            thread.start();
        }
    }

    /** True once the topics exist and the consumer has joined; for health. */
    public boolean ready() {
        return ready;
    }

    private boolean running() {
        return stop.getCount() > 0;
    }

    private void run() {
        while (running() && !provisionTopics()) {
            pause();
        }
        while (running()) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties())) {
                consumer = c;
                c.subscribe(TOPICS, new SeekToStoredOffsets(c));
                if (!running()) {
                    break; // stopped while subscribing: wakeup() may have been missed
                }
                ready = true;
                pollLoop(c);
            } catch (WakeupException e) {
                // stop() asked us to leave the poll
            } catch (RuntimeException e) {
                LOG.error("projector consumer failed; reconnecting", e);
                pause();
            } finally {
                consumer = null;
                ready = false;
            }
        }
        LOG.info("projector stopped");
    }

    private boolean provisionTopics() {
        try {
            TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), kafka.partitions());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("cannot reach Kafka at {} yet: {}", kafka.bootstrapServers(), e.getMessage());
            return false;
        }
    }

    private void pollLoop(KafkaConsumer<String, byte[]> c) {
        while (running()) {
            if (reseek) {
                reseekAfterSwap(c);
            }
            ConsumerRecords<String, byte[]> records = c.poll(settings.pollTimeout());
            if (!records.isEmpty()) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
                records.forEach(batch::add);
                applyLock.lock();
                try {
                    if (reseek) {
                        continue; // polled against the old tables' positions: drop it and read again
                    }
                    metrics.batch(store.apply(batch));
                } catch (SQLException | RuntimeException e) {
                    LOG.error("projection of {} records failed; rewinding to the stored offsets", batch.size(), e);
                    seekToStored(c, c.assignment());
                    pause();
                } finally {
                    applyLock.unlock();
                }
            }
            for (TopicPartition tp : c.assignment()) {
                c.currentLag(tp).ifPresent(lag -> metrics.lag(tp, lag));
            }
        }
    }

    private void reseekAfterSwap(KafkaConsumer<String, byte[]> c) {
        applyLock.lock();
        try {
            reseek = false;
            seekToStored(c, c.assignment());
        } finally {
            applyLock.unlock();
        }
    }

    /**
     * Runs {@code work} between two batches, with the projector held still; afterwards the projector
     * re-reads its positions from the database (used to swap in rebuilt tables).
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

    private void seekToStored(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored;
        try {
            stored = store.storedOffsets(partitions);
        } catch (SQLException e) {
            // Without positions we must not read on; the consumer is rebuilt and tries again.
            throw new IllegalStateException("cannot read projection offsets", e);
        }
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

    private void pause() {
        try {
            stop.await(BACKOFF.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-projector");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    @PreDestroy
    public void stop() {
        stop.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        Workers.awaitEnd(t);
    }

    /** On every assignment: continue from the positions stored with the rows (or the beginning). */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        SeekToStoredOffsets(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            seekToStored(c, partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to commit: every applied batch already stored its offsets with its rows.
        }
    }
}
