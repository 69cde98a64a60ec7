package vn.motcua.reporting.bench;

import vn.motcua.reporting.index.IndexCalculator;
import vn.motcua.reporting.index.IndexFigures;
import vn.motcua.reporting.index.IndexRepository;
import vn.motcua.reporting.index.IndicatorTable;
import vn.motcua.reporting.index.ServiceIndex;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;
import vn.motcua.reporting.RandomStream;
import vn.motcua.reporting.dossier.BulkLoader;
import vn.motcua.reporting.projection.KafkaSettings;
import vn.motcua.reporting.rebuild.ProjectionRebuild;
import vn.motcua.reporting.projection.ProjectionStore;
import vn.motcua.reporting.projection.ProjectorSettings;
import vn.motcua.reporting.rebuild.RebuildSettings;
import vn.motcua.reporting.rebuild.RebuildStatus;
import vn.motcua.reporting.report.CounterRepository;
import vn.motcua.reporting.report.Figures;
import vn.motcua.reporting.report.ReportRepository;

/**
 * The issue 5 benchmark (not a test: tagged "benchmark", which the default build excludes). On a DURABLE
 * PostgreSQL (fsync and synchronous_commit on) and a real embedded Kafka broker:
 * <ol>
 *   <li>report latency p50/p99 for a commune, a district subtree and the whole province over a year, from the
 *       counters (the service's path) and from the plain aggregate over dossier_fact, at each size of
 *       {@code -Dbench.dossiers} (default 1000000);</li>
 *   <li>rebuild speed: {@code -Dbench.events} (default 1000000) events produced to the contract topics, then
 *       {@link ProjectionRebuild} replays them from the beginning (decode, dedup, facts, counters, swap).</li>
 * </ol>
 * Results go to stdout as markdown rows. See docs/benchmarks.md "## Reporting".
 */
@Tag("benchmark")
class ReportingBenchmark {
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate YEAR = LocalDate.of(2023, 1, 1);

    @Test
    void run() throws Exception {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.dossiers", "1000000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
        int events = Integer.getInteger("bench.events", 1_000_000);
        try (PostgresServer pg = PostgresServer.start(new PostgresOptions(null, 0, true));
             KafkaBroker kafka = KafkaBroker.start(KafkaOptions.ephemeral())) {
            for (int size : sizes) {
                load();
                queries(pg, size);
            }
            if (events > 0) {
                load();
                rebuild(pg, kafka, events);
            }
            load();
        }
    }

    // ---------------------------------------------------------------- report latency

    private void queries(PostgresServer pg, int dossiers) throws Exception {
        String db = "bench_" + dossiers;
        try (HikariDataSource ds = dataSource(pg, db, 4)) {
            migrate(ds, "public");
            RandomStream.Tree tree = RandomStream.tree("P", 10, 20);
            Instant t0 = Instant.now();
            Random random = new Random(dossiers);
            try (var c = ds.getConnection()) {
                try (var ps = c.prepareStatement("insert into office (office_id, name, level, parent_id, "
                        + "registered_at) values (?, ?, ?, ?, ?)")) {
                    for (OfficeRegistered o : tree.events()) {
                        ps.setString(1, o.officeId());
                        ps.setString(2, o.name());
                        ps.setString(3, o.level().name());
                        ps.setString(4, o.parentId());
                        ps.setObject(5, o.registeredAt().atOffset(java.time.ZoneOffset.UTC));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (BulkLoader loader = new BulkLoader(c, VN)) {
                    for (int i = 0; i < dossiers; i++) {
                        String id = "P-" + i;
                        RandomStream.Dossier d = RandomStream.dossier(id, RandomStream.office(tree, random), YEAR,
                                365, random);
                        loader.add(id, d.events());
                    }
                }
                try (var st = c.createStatement()) {
                    st.execute("vacuum analyze");
                }
            }
            System.out.printf("BENCH load %,d dossiers: %s (COPY, durable)%n", dossiers,
                    Duration.between(t0, Instant.now()));
            try (var c = ds.getConnection(); var st = c.createStatement();
                 var rs = st.executeQuery("select pg_size_pretty(pg_database_size(current_database())), "
                         + "(select count(*) from office_counter)")) {
                rs.next();
                System.out.printf("BENCH database %s, office_counter rows %s%n", rs.getString(1), rs.getString(2));
            }

            CounterRepository fast = new CounterRepository(ds);
            ReportRepository plain = new ReportRepository(ds);
            String commune = tree.communes().get(0);
            String district = tree.districts().get(0);
            Map<String, String[]> targets = new java.util.LinkedHashMap<>();
            targets.put("commune (self)", new String[] {commune, "false"});
            targets.put("district subtree (21 offices)", new String[] {district, "true"});
            targets.put("province subtree (211 offices)", new String[] {tree.province(), "true"});
            LocalDate from = YEAR;
            LocalDate end = YEAR.plusYears(1);
            Instant s = from.atStartOfDay(VN).toInstant();
            Instant e = end.atStartOfDay(VN).toInstant();
            indexLatency(ds, dossiers, targets, from, end);
            if (Boolean.getBoolean("bench.index-only")) {
                return;
            }
            for (Map.Entry<String, String[]> t : targets.entrySet()) {
                String office = t.getValue()[0];
                boolean subtree = Boolean.parseBoolean(t.getValue()[1]);
                Figures.Counts expected = plain.counts(office, subtree, s, e, null).get("TOTAL");
                Figures.Counts got = fast.counts(office, subtree, from, end, false).get("TOTAL");
                assertThat(got).as("fast path equals the plain aggregate for " + t.getKey()).isEqualTo(expected);
                if (subtree && office.equals(tree.province())) {
                    fast.counts(office, subtree, from, end, false); // warm
                    System.out.printf("BENCH plan %s:%n%s", t.getKey(), fast.explain(office, subtree, from, end));
                }
                double[] f = measure(() -> fast.counts(office, subtree, from, end, false), 500, 30, 5);
                // -Dbench.plain-min-samples caps the plain aggregate at 10M (a minute per province sample).
                double[] p = measure(() -> plain.counts(office, subtree, s, e, null), 200, 60,
                        Integer.getInteger("bench.plain-min-samples", 5));
                System.out.printf("BENCH | %,d | %s | %,d | %.2f | %.2f | %d | %.1f | %.1f | %d |%n", dossiers,
                        t.getKey(), expected.total(), f[0], f[1], (long) f[2], p[0], p[1], (long) p[2]);
            }
        }
    }

    /**
     * The Decision 766 index over the year, the service's path: prefix sums of office_counter and
     * petition_counter, the period's procedure_counter rows, then the pure calculation.
     */
    private static void indexLatency(HikariDataSource ds, int dossiers, Map<String, String[]> targets,
                                     LocalDate from, LocalDate end) throws Exception {
        IndexRepository repository = new IndexRepository(ds);
        IndicatorTable table = IndicatorTable.read(io.micronaut.json.JsonMapper.createDefault(), null);
        try (var c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("select count(*) from procedure_counter")) {
            rs.next();
            System.out.printf("BENCH procedure_counter rows %,d%n", rs.getLong(1));
        }
        for (Map.Entry<String, String[]> t : targets.entrySet()) {
            String office = t.getValue()[0];
            boolean subtree = Boolean.parseBoolean(t.getValue()[1]);
            Query q = () -> IndexCalculator.compute(table, repository.figures(office, subtree, false, from, end)
                    .getOrDefault(office, IndexFigures.empty()), office, from.toString(), end.toString(), "subtree");
            ServiceIndex index = (ServiceIndex) q.run();
            if (subtree && targets.values().stream().reduce((a, b) -> b).orElseThrow()[0].equals(office)) {
                System.out.printf("BENCH index plan %s:%n%s", t.getKey(), repository.explain(office, true, from, end));
            }
            double[] f = measure(q, 500, 30, 5);
            System.out.printf("BENCH index | %,d | %s | total %s / %s | %.2f | %.2f | %d |%n", dossiers, t.getKey(),
                    index.total(), index.maxTotal(), f[0], f[1], (long) f[2]);
        }
    }

    interface Query {
        Object run() throws Exception;
    }

    /**
     * {p50 ms, p99 ms, samples}: after a warm-up, up to {@code max} runs or {@code seconds} of them, at least
     * {@code min}.
     */
    private static double[] measure(Query q, int max, int seconds, int min) throws Exception {
        long warmDeadline = System.nanoTime() + Duration.ofSeconds(Math.max(3, seconds / 6)).toNanos();
        for (int i = 0; i < 20 && System.nanoTime() < warmDeadline; i++) {
            q.run();
        }
        List<Double> ms = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (ms.size() < max && (ms.size() < min || System.nanoTime() < deadline)) {
            long t = System.nanoTime();
            q.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        ms.sort(Double::compare);
        return new double[] {percentile(ms, 50), percentile(ms, 99), ms.size()};
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    // ---------------------------------------------------------------- rebuild speed

    private void rebuild(PostgresServer pg, KafkaBroker kafka, int events) throws Exception {
        TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), 6);
        RandomStream.Tree tree = RandomStream.tree("R", 10, 20);
        Random random = new Random(42);
        Instant t0 = Instant.now();
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (MotcuaEvent e : tree.events()) {
                acks.add(producer.send(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/bench", e))));
                sent++;
            }
            for (int i = 0; sent < events; i++) {
                String id = "R-" + i;
                for (MotcuaEvent e : RandomStream.dossier(id, RandomStream.office(tree, random), YEAR, 365, random)
                        .events()) {
                    acks.add(producer.send(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/bench",
                            e))));
                    sent++;
                }
                if (acks.size() > 50_000) {
                    for (Future<RecordMetadata> a : acks) {
                        a.get();
                    }
                    acks.clear();
                }
            }
            for (Future<RecordMetadata> a : acks) {
                a.get();
            }
        }
        System.out.printf("BENCH produced %,d events in %s%n", sent, Duration.between(t0, Instant.now()));

        try (HikariDataSource ds = dataSource(pg, "bench_rebuild", 4)) {
            migrate(ds, "public");
            ProjectionStore store = new ProjectionStore(ds, VN);
            ProjectionRebuild rebuild = new ProjectionRebuild(ds, store,
                    new KafkaSettings(kafka.bootstrapServers(), "bench", 6),
                    new ProjectorSettings(true, 2000, Duration.ofMillis(500)),
                    new RebuildSettings(Integer.getInteger("bench.rebuild-parallelism", 2),
                            Boolean.parseBoolean(System.getProperty("bench.rebuild-bulk", "true"))), null);
            // -Dbench.rebuild-runs=2: a second rebuild in the same JVM (JIT-compiled code, as in a service that
            // has rebuilt before), over the same topics.
            for (int run = 1; run <= Integer.getInteger("bench.rebuild-runs", 1); run++) {
            System.out.printf("BENCH rebuild run %d%n", run);
            double[] cpu0 = {processCpuSeconds(), postgresCpuSeconds(pg)};
            Map<String, Double> threads0 = threadCpuSeconds();
            Instant started = Instant.now();
            assertThat(rebuild.start()).isTrue();
            RebuildStatus status = rebuild.status();
            while (status.running()) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                status = rebuild.status();
            }
            Duration took = Duration.between(started, Instant.now());
            double jvm = processCpuSeconds() - cpu0[0];
            double postgres = postgresCpuSeconds(pg) - cpu0[1];
            Map<String, Double> threads = threadCpuSeconds();
            threads0.forEach((kind, seconds) -> threads.merge(kind, -seconds, Double::sum));
            assertThat(status.state()).isEqualTo("DONE");
            // CPU seconds do not depend on what else the shared machine runs: events per CPU second, and the
            // wall time the rebuild would take with 2 idle cores if it used both fully.
            System.out.printf("BENCH rebuild CPU: JVM (rebuild + embedded Kafka broker) %.1f s, PostgreSQL %.1f s,"
                    + " total %.1f s = %,.0f events per CPU second (%,.0f events/s on 2 fully used cores)%n", jvm,
                    postgres, jvm + postgres, status.events() / (jvm + postgres),
                    2 * status.events() / (jvm + postgres));
            // The rebuild's own threads have ended by now: their CPU is in the rest (and in its log line
            // "rebuild bulk load: ... the threads' CPU").
            System.out.printf("BENCH rebuild JVM CPU by thread: Kafka broker threads %.1f s, other live Java threads"
                    + " %.1f s, the rest (the rebuild's ended threads, GC, JIT compilers) %.1f s%n",
                    threads.getOrDefault("broker", 0.0), threads.getOrDefault("other", 0.0),
                    jvm - threads.getOrDefault("broker", 0.0) - threads.getOrDefault("other", 0.0));
            System.out.printf("BENCH rebuild: %,d events in %s = %,.0f events/s (status figure %,.0f events/s)%n",
                    status.events(), took, status.events() / (took.toMillis() / 1000.0), status.eventsPerSecond());
            // And the rebuilt counters agree with the rebuilt facts.
            LocalDate end = YEAR.plusYears(1);
            Figures.Counts plain = new ReportRepository(ds).counts("R", true, YEAR.atStartOfDay(VN).toInstant(),
                    end.atStartOfDay(VN).toInstant(), null).get("TOTAL");
            assertThat(new CounterRepository(ds).counts("R", true, YEAR, end, false).get("TOTAL")).isEqualTo(plain);
            System.out.printf("BENCH rebuilt province report: %s%n", plain);
            load();
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * CPU seconds of the live Java threads: the embedded broker's (threads whose name mentions kafka, raft,
     * quorum, broker...) and the others. Threads that ended are missed.
     */
    private static Map<String, Double> threadCpuSeconds() {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Double> result = new java.util.HashMap<>();
        for (var info : bean.getThreadInfo(bean.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = bean.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) {
                continue;
            }
            String name = info.getThreadName().toLowerCase(java.util.Locale.ROOT);
            String kind = name.matches(".*(kafka|raft|quorum|broker|controller|log-cleaner|executor-).*") ? "broker"
                    : "other";
            result.merge(kind, nanos / 1e9, Double::sum);
        }
        return result;
    }

    /** CPU seconds of the whole PostgreSQL server (0 where /proc cannot tell). */
    private static double postgresCpuSeconds(PostgresServer pg) {
        return pg.cpuTime().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** The machine is shared: the load average goes next to the figures. */
    private static void load() throws java.io.IOException {
        System.out.printf("BENCH loadavg %s%n", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                .trim());
    }

    private static HikariDataSource dataSource(PostgresServer pg, String db, int pool) {
        try (var c = java.sql.DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
             var st = c.createStatement()) {
            st.execute("drop database if exists " + db);
            st.execute("create database " + db);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl(db));
        config.setUsername(pg.username());
        config.setPassword(pg.password());
        config.setMaximumPoolSize(pool);
        return new HikariDataSource(config);
    }

    private static void migrate(HikariDataSource ds, String schema) {
        Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:db/migration").load().migrate();
    }
}
