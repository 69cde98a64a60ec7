package vn.motcua.reporting.rebuild;

import vn.motcua.reporting.projection.KafkaSettings;
import vn.motcua.reporting.projection.ProjectionStore;
import vn.motcua.reporting.projection.Projector;
import vn.motcua.reporting.projection.ProjectorSettings;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
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
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.PetitionEvent;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.events.Topics;
import vn.motcua.reporting.dossier.CounterDeltas;
import vn.motcua.reporting.dossier.DossierFold;
import vn.motcua.reporting.dossier.ProcedureCounters;

/**
 * Rebuilds every projection from the beginning of the topics into a schema of its own (same migrations), while
 * the live tables keep serving reports. The bulk path ({@link #bulk}) folds one partition group at a time in
 * memory and COPYs the result; when its assumption (dossier events keyed by dossier id, same partition count on
 * both dossier topics) does not hold, or with {@code motcua.rebuild.bulk=false}, the incremental replay runs the
 * live writers batch by batch instead. Either way, once caught up, the live projector is held between two
 * batches, the last records are replayed, and the rebuilt tables replace the live ones in one transaction (a
 * crash before it leaves the live tables as they were); the projector then continues from the rebuilt tables'
 * stored offsets.
 * One instance of the service at a time: other instances sharing the database are not paused.
 */
@Singleton
public class ProjectionRebuild {
    static final String SCHEMA = "reporting_rebuild";
    private static final String RETIRED = "reporting_retired";
    /** The tables a bulk rebuild COPYs into, without their indexes until the load is done. */
    private static final List<String> BULK_TABLES = List.of("processed_event", "dossier_fact", "dossier_clock",
            "apology_letter", "fee_payment");
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final DataSource dataSource;
    private final ProjectionStore store;
    private final KafkaSettings kafka;
    private final ProjectorSettings settings;
    private final RebuildSettings rebuild;
    private final Projector projector;
    private volatile RebuildStatus status = RebuildStatus.IDLE;
    private volatile boolean cancelled;
    private volatile boolean countersReady;
    /** Which way the last rebuild went: "bulk", or "incremental" (configured, or the bulk path's fallback). */
    private volatile String path;
    private Thread thread;

    public ProjectionRebuild(DataSource dataSource, ProjectionStore store, KafkaSettings kafka,
                             ProjectorSettings settings, RebuildSettings rebuild, @Nullable Projector projector) {
        this.dataSource = dataSource;
        this.store = store;
        this.kafka = kafka;
        this.settings = settings;
        this.rebuild = rebuild;
        this.projector = projector;
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
            long events;
            if (rebuild.bulk()) {
                try {
                    path = "bulk";
                    events = bulk(started);
                } catch (PartitionGroupLoad.NotGrouped e) {
                    LOG.warn("rebuild: {}; falling back to the incremental replay", e.getMessage());
                    path = "incremental";
                    prepareSchema();
                    events = replay(started);
                }
            } else {
                path = "incremental";
                events = replay(started);
            }
            if (cancelled) {
                return;
            }
            status = new RebuildStatus("DONE", started, Instant.now(), events, rate(events, started), 0, null);
            LOG.info("rebuild done: {} events in {}", events, Duration.between(started, Instant.now()));
        } catch (Exception e) {
            if (cancelled) {
                LOG.info("rebuild stopped before the swap; the live projection is unchanged");
                status = new RebuildStatus("FAILED", started, Instant.now(), 0, 0, 0, "stopped");
                return;
            }
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

    /**
     * The bulk path: end offsets taken now are the snapshot; the catalogue goes through the normal writer (few
     * events); each partition group of the dossier topics is folded in memory and COPYed into index-less tables
     * ({@link PartitionGroupLoad}), {@code parallelism} groups at a time; then the indexes and constraints are
     * built, the counters (summed in memory) COPYed, the snapshot stored as the positions, and what arrived
     * since is replayed incrementally before the swap.
     */
    private long bulk(Instant started) throws Exception {
        long t0 = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties("-rebuild"))) {
            List<TopicPartition> partitions = new ArrayList<>();
            Map<String, Integer> counts = new HashMap<>();
            for (String topic : Projector.TOPICS) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                counts.put(topic, infos.size());
                for (PartitionInfo info : infos) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            int groups = counts.get(Topics.DOSSIER_INTAKE);
            if (groups != counts.get(Topics.DOSSIER_WORKFLOW)) {
                throw new PartitionGroupLoad.NotGrouped("the intake topic has " + groups
                        + " partitions, the workflow topic " + counts.get(Topics.DOSSIER_WORKFLOW));
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            long total = partitions.stream().mapToLong(tp -> Math.max(0, end.get(tp) - begin.get(tp))).sum();
            AtomicLong read = new AtomicLong();
            AtomicLong applied = new AtomicLong();

            long catalogue = catalogue(consumer, partitions, end, read);
            long t1 = System.nanoTime();
            List<String[]> indexes = dropIndexes();
            CounterDeltas counters = new CounterDeltas(store.zone());
            long[] nanos = new long[4]; // poll, fold (incl. poll), write, CPU
            long[] totals = new long[3]; // duplicates, skipped, dossiers
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, rebuild.parallelism()),
                    r -> new Thread(r, "reporting-rebuild-group"));
            AtomicBoolean failed = new AtomicBoolean();
            try {
                List<Future<PartitionGroupLoad.Result>> results = new ArrayList<>();
                for (int p = 0; p < groups; p++) {
                    PartitionGroupLoad group = new PartitionGroupLoad(p, groups,
                            List.of(Topics.DOSSIER_INTAKE, Topics.DOSSIER_WORKFLOW), end);
                    Properties properties = consumerProperties("-rebuild-" + p);
                    // Small fetches: what a group holds in memory beyond its fold is what the consumer buffered,
                    // and long-lived buffers are what the GC has to copy.
                    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
                    properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
                    properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
                    results.add(pool.submit(() -> group.run(properties, settings.pollTimeout(),
                            dataSource, SCHEMA, store.zone(), read, applied, () -> cancelled || failed.get())));
                }
                Instant lastLog = Instant.now();
                for (Future<PartitionGroupLoad.Result> result : results) {
                    while (true) {
                        try {
                            PartitionGroupLoad.Result r = result.get(500, TimeUnit.MILLISECONDS);
                            counters.merge(r.counters());
                            nanos[0] += r.pollNanos();
                            nanos[1] += r.foldNanos();
                            nanos[2] += r.writeNanos();
                            nanos[3] += r.cpuNanos();
                            totals[0] += r.duplicates();
                            totals[1] += r.skipped();
                            totals[2] += r.dossiers();
                            break;
                        } catch (TimeoutException e) {
                            // progress below
                        } catch (ExecutionException e) {
                            failed.set(true);
                            throw e.getCause() instanceof Exception cause ? cause : e;
                        }
                        long events = applied.get() + catalogue;
                        long lag = Math.max(0, total - read.get());
                        status = new RebuildStatus("REPLAYING", started, null, events, rate(events, started), lag,
                                null);
                        if (Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                            LOG.info("rebuild: {} events, {} events/s, lag {}", events, (long) rate(events, started),
                                    lag);
                            lastLog = Instant.now();
                        }
                    }
                }
            } finally {
                failed.set(true); // stops any group still running after a failure
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
            if (cancelled) {
                return 0;
            }
            long events = applied.get() + catalogue;
            long t2 = System.nanoTime();
            status = new RebuildStatus("INDEXING", started, null, events, rate(events, started), 0, null);
            int counterRows = indexAndCount(indexes, counters, end);
            countersReady = true;
            long t3 = System.nanoTime();
            LOG.info("rebuild bulk load: {} events ({} duplicates, {} skipped) of {} dossiers in {} partition groups;"
                    + " catalogue {} ms, groups {} ms (summed over the group threads: read+decode+fold {} ms of which"
                    + " in Kafka's poll {} ms, counters+COPY {} ms; the threads' CPU {} ms), indexes + {} counter rows"
                    + " + offsets + analyze {} ms", events, totals[0], totals[1], totals[2], groups, ms(t1 - t0),
                    ms(t2 - t1), ms(nanos[1]), ms(nanos[0]), ms(nanos[2]), ms(nanos[3]), counterRows, ms(t3 - t2));
            // What arrived since the snapshot, incrementally (counters kept), then the swap.
            consumer.assign(partitions);
            end.forEach(consumer::seek);
            long[] total2 = {events};
            while (!cancelled && lag(consumer, partitions) > 0) {
                total2[0] += pollAndApply(consumer);
                status = new RebuildStatus("REPLAYING", started, null, total2[0], rate(total2[0], started),
                        lag(consumer, partitions), null);
            }
            if (cancelled) {
                return total2[0];
            }
            status = new RebuildStatus("SWAPPING", started, null, total2[0], rate(total2[0], started), 0, null);
            return swapAfterCatchingUp(consumer, partitions, total2);
        }
    }

    /**
     * The catalogue and petition topics up to the snapshot, through the normal writers (offices, procedures and
     * petitions are few; petitions keep their counters on every path).
     */
    private long catalogue(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                           Map<TopicPartition, Long> end, AtomicLong read) throws SQLException {
        List<TopicPartition> remaining = new ArrayList<>(partitions.stream()
                .filter(tp -> tp.topic().equals(Topics.CATALOGUE) || tp.topic().equals(Topics.PETITION)).toList());
        consumer.assign(remaining);
        consumer.seekToBeginning(remaining);
        long events = 0;
        remaining.removeIf(tp -> consumer.position(tp) >= end.get(tp));
        while (!remaining.isEmpty() && !cancelled) {
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(settings.pollTimeout())) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    batch.add(record);
                }
            }
            remaining.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            if (batch.isEmpty()) {
                continue;
            }
            read.addAndGet(batch.size());
            ProjectionStore.Decoded decoded = ProjectionStore.decode(batch);
            for (EventEnvelope event : decoded.events()) {
                if (!(event.data() instanceof OfficeRegistered) && !(event.data() instanceof ProcedurePublished)
                        && !(event.data() instanceof PetitionEvent)) {
                    throw new PartitionGroupLoad.NotGrouped(event.type().ceType() + " on the catalogue or petition topic");
                }
            }
            events += store.write(decoded, SCHEMA, false).applied();
        }
        consumer.unsubscribe();
        return events;
    }

    /** Index and constraint definitions of the bulk-loaded tables, dropped now and built after the load. */
    private List<String[]> dropIndexes() throws SQLException {
        List<String[]> definitions = new ArrayList<>(); // {table, drop statement, create statement}
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            String tables = BULK_TABLES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
            try (ResultSet rs = st.executeQuery("select cl.relname, c.conname, pg_get_constraintdef(c.oid)"
                    + " from pg_constraint c join pg_class cl on cl.oid = c.conrelid"
                    + " join pg_namespace n on n.oid = cl.relnamespace"
                    + " where n.nspname = '" + SCHEMA + "' and cl.relname in (" + tables + ")"
                    + " and c.contype in ('p', 'u')")) {
                while (rs.next()) {
                    String table = SCHEMA + "." + rs.getString(1);
                    definitions.add(new String[] {rs.getString(1),
                            "alter table " + table + " drop constraint " + rs.getString(2),
                            "alter table " + table + " add constraint " + rs.getString(2) + " " + rs.getString(3)});
                }
            }
            try (ResultSet rs = st.executeQuery("select tablename, indexname, indexdef from pg_indexes where schemaname = '"
                    + SCHEMA + "' and tablename in (" + tables + ") and indexname not in (select conname from"
                    + " pg_constraint where connamespace = '" + SCHEMA + "'::regnamespace)")) {
                while (rs.next()) {
                    definitions.add(new String[] {rs.getString(1), "drop index " + SCHEMA + "." + rs.getString(2),
                            rs.getString(3)});
                }
            }
            for (String[] d : definitions) {
                st.execute(d[1]);
            }
        }
        return definitions;
    }

    /**
     * Builds the indexes and constraints dropped before the load (a sorted build is much cheaper than index
     * maintenance row by row), one table per connection, all at once; meanwhile the counters are COPYed and the
     * snapshot stored as the positions. Each table is analyzed once indexed (fresh planner statistics before the
     * swap). A duplicate key here means two groups held the same ce_id or dossier: the grouping assumption
     * failed, so the rebuild falls back. Returns the counter rows.
     */
    private int indexAndCount(List<String[]> definitions, CounterDeltas counters, Map<TopicPartition, Long> end)
            throws Exception {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (String table : List.of("dossier_fact", "dossier_clock", "apology_letter", "fee_payment",
                "processed_event")) {
            byTable.put(table, new ArrayList<>());
        }
        definitions.forEach(d -> byTable.computeIfAbsent(d[0], t -> new ArrayList<>()).add(d[2]));
        List<Callable<Integer>> tasks = new ArrayList<>();
        Map<String, Long> millis = new java.util.concurrent.ConcurrentSkipListMap<>();
        byTable.forEach((table, statements) -> tasks.add(() -> inTransaction(st -> {
            long t0 = System.nanoTime();
            st.execute("set local maintenance_work_mem = '256MB'");
            for (String statement : statements) {
                st.execute(statement);
            }
            // processed_event is only ever read through its primary key (the ce_id claim's on conflict):
            // statistics would not change a plan, and sampling a million-row table is not free.
            if (!table.equals("processed_event")) {
                st.execute("analyze " + table);
            }
            millis.put(table, ms(System.nanoTime() - t0));
            return 0;
        })));
        tasks.add(() -> inTransaction(st -> {
            long t0 = System.nanoTime();
            int rows = DossierFold.copyCounters(st.getConnection(), counters);
            // Recomputed from the loaded facts and payments (a grouped scan; it needs no index).
            ProcedureCounters.deriveAll(st.getConnection(), store.zone());
            ProjectionStore.saveOffsets(st.getConnection(), end);
            st.execute("analyze office_counter");
            st.execute("analyze office");
            millis.put("office_counter", ms(System.nanoTime() - t0));
            return rows;
        }));
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> new Thread(r, "reporting-rebuild-index"));
        try {
            int rows = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                rows += await(f);
            }
            LOG.info("rebuild indexes (+ analyze), counters (COPY + analyze), each table's task in ms: {}", millis);
            return rows;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new PartitionGroupLoad.NotGrouped("duplicate key across partition groups: " + e.getMessage());
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    private interface Work {
        int run(Statement statement) throws SQLException;
    }

    /** One transaction in the rebuild schema. */
    private int inTransaction(Work work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("set local search_path to " + SCHEMA);
                int result = work.run(st);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** The incremental replay: every batch through the live writers (upserts, ce_id claims). */
    private long replay(Instant started) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties("-rebuild"))) {
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
            return swapAfterCatchingUp(consumer, partitions, events);
        }
    }

    /** The live projector held still: replay what arrived meanwhile, then swap the tables. */
    private long swapAfterCatchingUp(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                     long[] events) throws Exception {
        Callable<Long> swap = () -> {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                events[0] += pollAndApply(consumer);
            }
            swapTables();
            return events[0];
        };
        return projector != null ? projector.whilePaused(swap) : swap.call();
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
