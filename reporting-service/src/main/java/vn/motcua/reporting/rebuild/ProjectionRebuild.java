package vn.motcua.reporting.rebuild;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.reporting.projection.KafkaSettings;
import vn.motcua.reporting.projection.ProjectionStore;
import vn.motcua.reporting.projection.Projector;
import vn.motcua.reporting.projection.ProjectorSettings;

/**
 * The rebuild job: every projection rebuilt from the beginning of the topics into a schema of its own (same
 * migrations) while the live tables keep serving reports, then swapped in. Its states ({@link RebuildState}):
 * PREPARING ({@link RebuildSchema#prepare}), REPLAYING by the bulk path ({@link BulkLoad}, then INDEXING) or, when
 * its assumption does not hold or with {@code motcua.rebuild.bulk=false}, the incremental replay
 * ({@link IncrementalReplay}, then COUNTING); then the one catch-up ({@link CatchUp}) to the topics' end, SWAPPING
 * (the live projector held between two batches, the catch-up once more, the tables swapped in one transaction: a
 * crash before it leaves the live tables as they were); DONE or FAILED. The projector then continues from the
 * rebuilt tables' stored offsets. One instance of the service at a time: others sharing the database are not
 * paused.
 */
@Singleton
public class ProjectionRebuild {
    static final String SCHEMA = RebuildSchema.SCHEMA;
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final ProjectionStore store;
    private final KafkaSettings kafka;
    private final ProjectorSettings settings;
    private final RebuildSettings rebuild;
    private final Projector projector;
    private final RebuildSchema schema;
    private final BulkLoad bulk;
    private final IncrementalReplay replay;
    private volatile RebuildStatus status = RebuildStatus.IDLE;
    private volatile boolean cancelled;
    /** Which way the last rebuild went: "bulk", or "incremental" (configured, or the bulk path's fallback). */
    private volatile String path;
    private Thread thread;

    public ProjectionRebuild(DataSource dataSource, ProjectionStore store, KafkaSettings kafka,
                             ProjectorSettings settings, RebuildSettings rebuild, @Nullable Projector projector) {
        this.store = store;
        this.kafka = kafka;
        this.settings = settings;
        this.rebuild = rebuild;
        this.projector = projector;
        this.schema = new RebuildSchema(dataSource, store.zone());
        this.bulk = new BulkLoad(dataSource, store, schema, rebuild.parallelism(), settings.pollTimeout(),
                this::consumerProperties, () -> cancelled);
        this.replay = new IncrementalReplay(store, settings.pollTimeout(), () -> cancelled);
    }

    public RebuildStatus status() {
        return status;
    }

    String lastPath() {
        return path;
    }

    /** Starts a rebuild; returns false if one is already running. */
    public synchronized boolean start() {
        if (status.running()) {
            return false;
        }
        status = RebuildStatus.of(RebuildState.PREPARING, Instant.now(), 0, 0, null);
        thread = new Thread(this::run, "reporting-rebuild");
        thread.start();
        return true;
    }

    private void run() {
        Instant started = status.startedAt();
        Progress progress = (state, events, lag) -> status = RebuildStatus.of(state, started, events, lag, null);
        try {
            schema.prepare();
            long events;
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties("-rebuild"))) {
                List<TopicPartition> partitions = partitions(consumer);
                events = load(consumer, partitions, progress);
                if (cancelled) {
                    return;
                }
                CatchUp catchUp = new CatchUp(consumer, partitions, store, settings.pollTimeout(), () -> cancelled);
                events += catchUp.toEnd(progress, events);
                long before = events;
                progress.report(RebuildState.SWAPPING, events, 0);
                Callable<Long> swap = () -> {
                    long last = catchUp.toEnd((s, e, l) -> progress.report(RebuildState.SWAPPING, e, l), before);
                    if (cancelled) {
                        throw new IllegalStateException("rebuild cancelled");
                    }
                    schema.swapTables();
                    return last;
                };
                events += projector != null ? projector.whilePaused(swap) : swap.call();
            }
            status = RebuildStatus.of(RebuildState.DONE, started, events, 0, null);
            LOG.info("rebuild done ({}): {} events in {}", path, events, Duration.between(started, Instant.now()));
        } catch (Exception e) {
            if (cancelled) {
                LOG.info("rebuild stopped before the swap; the live projection is unchanged");
                status = RebuildStatus.of(RebuildState.FAILED, started, 0, 0, "stopped");
                return;
            }
            LOG.error("rebuild failed; the live projection is unchanged", e);
            RebuildStatus s = status;
            status = new RebuildStatus(RebuildState.FAILED.name(), started, Instant.now(), s.events(),
                    s.eventsPerSecond(), s.lag(), e.getMessage());
        }
    }

    /** The bulk path, or the incremental replay (configured, or the bulk path's fallback); the events applied. */
    private long load(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Progress progress)
            throws Exception {
        if (rebuild.bulk()) {
            try {
                path = "bulk";
                return bulk.run(consumer, partitions, progress);
            } catch (PartitionGroupLoad.NotGrouped e) {
                LOG.warn("rebuild: {}; falling back to the incremental replay", e.getMessage());
                schema.prepare();
            }
        }
        path = "incremental";
        long events = replay.run(consumer, partitions, progress);
        if (cancelled) {
            return events;
        }
        // The replay wrote facts only; the counters are derived once, then kept by the catch-up.
        progress.report(RebuildState.COUNTING, events, 0);
        int rows = store.deriveCounters(SCHEMA);
        LOG.info("rebuild: {} counter rows derived from {} events", rows, events);
        return events;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : Projector.TOPICS) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    static int await(Future<Integer> work) throws Exception {
        if (work == null) {
            return 0;
        }
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Properties consumerProperties(String clientSuffix) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId() + clientSuffix);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Large transactions: a replay is throughput, not latency.
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(settings.maxPollRecords(), 20_000));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    @PreDestroy
    public void stop() {
        cancelled = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        Workers.awaitEnd(t);
    }
}
