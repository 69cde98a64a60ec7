package vn.motcua.reporting.kafka;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds every projection from the beginning of the topics into a schema of its own (same migrations, same
 * writers), while the live tables keep serving reports. Once the replay has caught up, the live projector is
 * held between two batches, the last records are replayed, and the rebuilt tables replace the live ones in one
 * transaction; the projector then continues from the rebuilt tables' stored offsets.
 * One instance of the service at a time: other instances sharing the database are not paused.
 */
@Singleton
public class ProjectionRebuild {
    static final String SCHEMA = "reporting_rebuild";
    private static final String RETIRED = "reporting_retired";
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final DataSource dataSource;
    private final ProjectionStore store;
    private final KafkaSettings kafka;
    private final ProjectorSettings settings;
    private final Projector projector;
    private volatile RebuildStatus status = RebuildStatus.IDLE;
    private volatile boolean cancelled;
    private volatile boolean countersReady;
    private Thread thread;

    public ProjectionRebuild(DataSource dataSource, ProjectionStore store, KafkaSettings kafka,
                             ProjectorSettings settings, @Nullable Projector projector) {
        this.dataSource = dataSource;
        this.store = store;
        this.kafka = kafka;
        this.settings = settings;
        this.projector = projector;
    }

    public RebuildStatus status() {
        return status;
    }

    /** Starts a rebuild; returns false if one is already running. */
    public synchronized boolean start() {
        if (status.running()) {
            return false;
        }
        status = new RebuildStatus("PREPARING", Instant.now(), null, 0, 0, 0, null);
        countersReady = false;
        thread = new Thread(this::run, "reporting-rebuild");
        thread.start();
        return true;
    }

    private void run() {
        Instant started = status.startedAt();
        try {
            prepareSchema();
            long events = replay(started);
            if (cancelled) {
                return;
            }
            status = new RebuildStatus("DONE", started, Instant.now(), events, rate(events, started), 0, null);
            LOG.info("rebuild done: {} events in {}", events, Duration.between(started, Instant.now()));
        } catch (Exception e) {
            LOG.error("rebuild failed; the live projection is unchanged", e);
            RebuildStatus s = status;
            status = new RebuildStatus("FAILED", started, Instant.now(), s.events(), s.eventsPerSecond(), s.lag(),
                    e.getMessage());
        }
    }

    /** A fresh schema with the service's own migrations applied. */
    private void prepareSchema() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            st.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
    }

    private long replay(Instant started) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Projector.TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions); // no group: positions live only in the rebuild schema
            consumer.seekToBeginning(partitions);
            long[] events = {0};
            Instant lastLog = Instant.now();
            // Two threads: this one polls and decodes batch n+1 while the writer thread writes batch n (one
            // transaction per batch, in poll order, each with its own offsets: a crash leaves a prefix).
            ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "reporting-rebuild-writer"));
            Future<Integer> inFlight = null;
            long[] profile = new long[4]; // nanos: poll, decode, wait, write
            long[] stages = new long[6]; // nanos of the writes' stages, see ProjectionStore.write
            try {
                while (!cancelled) {
                    long t0 = System.nanoTime();
                    ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                    long t1 = System.nanoTime();
                    ProjectionStore.Decoded decoded = records.isEmpty() ? null : ProjectionStore.decode(list(records));
                    long t2 = System.nanoTime();
                    events[0] += await(inFlight);
                    profile[0] += t1 - t0;
                    profile[1] += t2 - t1;
                    profile[2] += System.nanoTime() - t2;
                    inFlight = decoded == null ? null : writer.submit(() -> {
                        long w = System.nanoTime();
                        int applied = store.write(decoded, SCHEMA, false, stages).applied();
                        profile[3] += System.nanoTime() - w; // read after Future.get(): happens-before
                        return applied;
                    });
                    long lag = lag(consumer, partitions); // of what was polled; the last batch is awaited below
                    status = new RebuildStatus("REPLAYING", started, null, events[0], rate(events[0], started), lag,
                            null);
                    if (Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                        LOG.info("rebuild: {} events, {} events/s, lag {}", events[0],
                                (long) rate(events[0], started), lag);
                        lastLog = Instant.now();
                    }
                    if (lag == 0) {
                        break;
                    }
                }
                events[0] += await(inFlight);
            } finally {
                writer.shutdownNow();
            }
            // Where the replay's time went (the poll thread's poll, decode and wait for the writer; the writer's
            // transactions): wait ~ write means the database is the bottleneck.
            LOG.info("rebuild replay profile: poll {} ms, decode {} ms, waiting for the writer {} ms, write {} ms",
                    profile[0] / 1_000_000, profile[1] / 1_000_000, profile[2] / 1_000_000, profile[3] / 1_000_000);
            LOG.info("rebuild write stages: ce_id claim {} ms, state load {} ms, apply {} ms, fact upserts {} ms,"
                    + " counters {} ms, offsets+commit {} ms", stages[0] / 1_000_000, stages[1] / 1_000_000,
                    stages[2] / 1_000_000, stages[3] / 1_000_000, stages[4] / 1_000_000, stages[5] / 1_000_000);
            if (cancelled) {
                return events[0];
            }
            // The replay wrote facts only; the counters are derived once, then kept incrementally.
            status = new RebuildStatus("COUNTING", started, null, events[0], rate(events[0], started), 0, null);
            int rows = store.deriveCounters(SCHEMA);
            countersReady = true;
            LOG.info("rebuild: {} counter rows derived from {} events", rows, events[0]);
            status = new RebuildStatus("SWAPPING", started, null, events[0], rate(events[0], started), 0, null);
            Callable<Long> swap = () -> {
                // The live projector is still: replay what arrived meanwhile, then swap the tables.
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    events[0] += pollAndApply(consumer);
                }
                swapTables();
                return events[0];
            };
            return projector != null ? projector.whilePaused(swap) : swap.call();
        }
    }

    private static int await(Future<Integer> write) throws Exception {
        if (write == null) {
            return 0;
        }
        try {
            return write.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static List<ConsumerRecord<String, byte[]>> list(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        return batch;
    }

    private int pollAndApply(KafkaConsumer<String, byte[]> consumer) throws SQLException {
        ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
        if (records.isEmpty()) {
            return 0;
        }
        return store.apply(list(records), SCHEMA, countersReady).applied();
    }

    private static long lag(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        long lag = 0;
        for (TopicPartition tp : partitions) {
            lag += Math.max(0, end.get(tp) - consumer.position(tp));
        }
        return lag;
    }

    /** One transaction: the live tables leave, the rebuilt ones (same names, indexes, constraints) take over. */
    private void swapTables() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                String live;
                try (ResultSet rs = st.executeQuery("select current_schema()")) {
                    rs.next();
                    live = rs.getString(1);
                }
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = '" + SCHEMA
                        + "' and tablename <> 'flyway_schema_history'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                st.execute("drop schema if exists " + RETIRED + " cascade");
                st.execute("create schema " + RETIRED);
                for (String table : tables) {
                    st.execute("alter table if exists " + live + "." + table + " set schema " + RETIRED);
                    st.execute("alter table " + SCHEMA + "." + table + " set schema " + live);
                }
                st.execute("drop schema " + RETIRED + " cascade");
                st.execute("drop schema " + SCHEMA + " cascade");
                connection.commit();
                LOG.info("rebuild: swapped {} tables into schema {}", tables.size(), live);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static double rate(long events, Instant started) {
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return Math.round(events / seconds * 10) / 10.0;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-rebuild");
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
