package vn.motcua.workflow.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import vn.motcua.testsupport.TestIssuer;
import org.springframework.context.ConfigurableApplicationContext;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierDueSoon;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.Topics;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;
import vn.motcua.workflow.WorkflowApplication;
import vn.motcua.workflow.dossier.DossierOpened;
import vn.motcua.workflow.kafka.KafkaPublishingHandler;

/**
 * Workflow benchmark (not a test: it asserts nothing about time and never runs in the build). Run with
 * {@code mvn -o -pl workflow-service test -Pbenchmark}; results on stdout and in
 * {@code workflow-service/target/workflow-benchmark.md}.
 *
 * <p>The service runs in this JVM exactly as from its jar (same Spring Boot application, own HTTP port,
 * own Kafka clients), on a DURABLE embedded PostgreSQL (fsync and synchronous_commit on) and the embedded Kafka.
 * <ol>
 *   <li>Lifecycles: {@code DossierReceived} records produced to intake's topic, then transfer, resolution and
 *       return over HTTP at a fixed concurrency; a lifecycle ends when its {@code ResultReturned} is read back
 *       from {@code motcua.dossier.workflow.v1}.</li>
 *   <li>Deadlines: 1M open dossiers with future due dates bulk-loaded (COPY) into the read model, which is the
 *       deadline schedule; then a burst of dossiers (with their event streams) that fall due at one known
 *       instant, and a trickle spread over 10 s; latency = Kafka timestamp of the announcement - its instant.</li>
 * </ol>
 * Sizes: {@code -Dbench.lifecycles} (1000), {@code -Dbench.concurrency} (16), {@code -Dbench.pending}
 * (1000000), {@code -Dbench.burst} (2000 due-soon + 2000 overdue), {@code -Dbench.burst-lead} (how many seconds ahead
 * the burst falls due: 20, or burst/250 for a large one, whose loading takes longer), {@code -Dbench.trickle} (1000).
 */
@Tag("benchmark")
class WorkflowBenchmark {
    private static final String DUE_SOON = "vn.motcua.dossier.due-soon.v1";
    private static final String OVERDUE = "vn.motcua.dossier.overdue.v1";
    private static final String RETURNED = "vn.motcua.dossier.result-returned.v1";

    private final int lifecycles = Integer.getInteger("bench.lifecycles", 1000);
    private final int concurrency = Integer.getInteger("bench.concurrency", 16);
    private final int pending = Integer.getInteger("bench.pending", 1_000_000);
    private final int burst = Integer.getInteger("bench.burst", 2000);
    private final int trickle = Integer.getInteger("bench.trickle", 1000);
    /** How far ahead the burst falls due: loading a large burst (40,000) takes longer than the default 20 s. */
    private final int burstLead = Integer.getInteger("bench.burst-lead", Math.max(20, burst / 250));

    private final StringBuilder report = new StringBuilder();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Kafka timestamp (ms) of each workflow record seen, by "dossierId type"; and how many times it was seen. */
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seenCount = new ConcurrentHashMap<>();
    private volatile boolean reading = true;

    private String jdbcUrl;
    private String dbUser;
    private String dbPassword;
    private int port;
    private String authorization;

    @Test
    void run() throws Exception {
        try (PostgresServer pg = PostgresServer.start(new PostgresOptions(null, 0, true));
             KafkaBroker kafka = KafkaBroker.start(KafkaOptions.ephemeral());
             TestIssuer issuer = TestIssuer.start()) {
            // The officers' commands carry a real token, as in production: one per run, valid for a day so it
            // outlives the run (signing one per request would be measured too).
            authorization = "Bearer " + issuer.token("bench-officer", List.of("officer"), List.of("*"),
                    c -> c.expirationTime(java.util.Date.from(Instant.now().plus(Duration.ofDays(1)))));
            jdbcUrl = pg.jdbcUrl("workflow_bench");
            dbUser = pg.username();
            dbPassword = pg.password();
            // Command-line arguments, as the launcher's -D settings: they win over application.yml.
            ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkflowApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + dbUser,
                    "--spring.datasource.password=" + dbPassword,
                    "--motcua.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--motcua.security.issuer=" + issuer.issuer(),
                    "--motcua.security.jwk-set-uri=" + issuer.jwkSetUri(),
                    "--axoniq.update-checker.disabled=true");
            Thread reader = new Thread(() -> readWorkflowTopic(kafka.bootstrapServers()), "bench-reader");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new ByteArraySerializer())) {
                port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
                reader.start();
                header();
                lifecycles(producer);
                deadlines(app);
            } finally {
                reading = false;
                reader.join(10_000);
                app.close();
            }
        }
        String text = report.toString();
        System.out.println("\n===== workflow benchmark =====\n" + text);
        Files.writeString(Path.of("target", "workflow-benchmark.md"), text);
    }

    private void header() {
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, Java " + System.getProperty("java.version")
                + "; service, PostgreSQL (fsync=on, synchronous_commit=on), Kafka and load generator on the same machine.");
    }

    // ---- (a) lifecycles ---------------------------------------------------------------------------------------

    private void lifecycles(KafkaProducer<String, byte[]> producer) throws Exception {
        runLifecycles(producer, "WARM", Math.min(200, lifecycles), new Latencies());
        Latencies latencies = new Latencies();
        long start = System.currentTimeMillis();
        List<String> ids = runLifecycles(producer, "LC", lifecycles, latencies);
        long commandsDone = System.currentTimeMillis();
        awaitTrue(Duration.ofMinutes(3), () -> ids.stream().allMatch(id -> seenAt.containsKey(id + " " + RETURNED)));
        long lastReturned = ids.stream().mapToLong(id -> seenAt.get(id + " " + RETURNED)).max().orElseThrow();
        double seconds = (lastReturned - start) / 1000.0;
        line("");
        line("### (a) Full lifecycles, %d dossiers, %d concurrent clients".formatted(lifecycles, concurrency));
        line("| step | p50 ms | p99 ms | max ms |");
        line("|---|---|---|---|");
        latencies.rows().forEach(this::line);
        long[] lag = ids.stream().mapToLong(id -> seenAt.get(id + " " + RETURNED) - latencies.returnedAt.get(id))
                .toArray();
        line(row("return answered → ResultReturned on the topic", lag));
        line("");
        line("Machine during (a): " + load() + ".");
        line("Lifecycles/s end to end (first receipt produced → last ResultReturned on `motcua.dossier.workflow.v1`): "
                + "**%.0f** (%d in %.1f s; HTTP commands finished after %.1f s).".formatted(lifecycles / seconds,
                lifecycles, seconds, (commandsDone - start) / 1000.0));
    }

    private final class Latencies {
        final Map<String, ConcurrentLinkedQueue<Long>> byStep = new java.util.LinkedHashMap<>();
        final Map<String, Long> returnedAt = new ConcurrentHashMap<>();

        Latencies() {
            for (String step : List.of("receive (produce → dossier visible)", "POST transfers", "POST resolution",
                    "POST return")) {
                byStep.put(step, new ConcurrentLinkedQueue<>());
            }
        }

        void add(String step, long nanos) {
            byStep.get(step).add(nanos);
        }

        List<String> rows() {
            List<String> rows = new ArrayList<>();
            byStep.forEach((step, values) -> rows.add(row(step,
                    values.stream().mapToLong(n -> n / 1_000_000).toArray())));
            return rows;
        }
    }

    private List<String> runLifecycles(KafkaProducer<String, byte[]> producer, String tag, int count,
                                       Latencies latencies) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("%s-%06d".formatted(tag, i));
        }
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    lifecycle(producer, ids.get(i), i, latencies);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        clients.shutdown();
        return ids;
    }

    private void lifecycle(KafkaProducer<String, byte[]> producer, String id, int n, Latencies latencies)
            throws Exception {
        String office = "BENCH." + (n % 20);
        Instant received = Instant.now().minusSeconds(60);
        DossierReceived event = new DossierReceived(id, id, office, "1.001612", "Đất đai", Channel.IN_PERSON, true,
                new BigDecimal("15"), received, received.plus(Duration.ofDays(30)));
        long t0 = System.nanoTime();
        producer.send(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake", event))).get();
        long pause = 1_000_000;
        while (status("GET", "/api/v1/dossiers/" + id, null) != 200) {
            LockSupport.parkNanos(pause); // the benchmark waits for the service; backs off to 10 ms
            pause = Math.min(pause * 2, 10_000_000);
        }
        latencies.add("receive (produce → dossier visible)", System.nanoTime() - t0);
        timed(latencies, "POST transfers", id + "/transfers", "{\"toUnit\":\"land office\",\"toOfficeId\":\"H49.17\"}");
        timed(latencies, "POST resolution", id + "/resolution", "{\"outcome\":\"APPROVED\"}");
        timed(latencies, "POST return", id + "/return", "{\"method\":\"IN_PERSON\"}");
        latencies.returnedAt.put(id, System.currentTimeMillis());
    }

    private void timed(Latencies latencies, String step, String path, String body) throws Exception {
        long t = System.nanoTime();
        int status = status("POST", "/api/v1/dossiers/" + path, body);
        if (status != 200 && status != 201) {
            throw new IllegalStateException(path + " answered " + status);
        }
        latencies.add(step, System.nanoTime() - t);
    }

    private int status(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization);
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ---- (b) deadlines ----------------------------------------------------------------------------------------

    private void deadlines(ConfigurableApplicationContext app) throws Exception {
        Serializer serializer = app.getBean("eventSerializer", Serializer.class);
        WorkingCalendar calendar = WorkingCalendar.standard();
        line("");
        line("### (b) Deadlines with %,d pending".formatted(pending));
        try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            long t = System.nanoTime();
            loadBackground(db, calendar);
            double loadSeconds = (System.nanoTime() - t) / 1e9;
            try (Statement s = db.createStatement()) {
                s.execute("VACUUM ANALYZE dossier_view");
            }
            line("Setup: %,d open dossiers COPYed into `dossier_view` (the schedule) in %.0f s, due in 3–60 days; "
                    .formatted(pending, loadSeconds)
                    + "their event streams are not loaded (the watcher loads a dossier only when its instant "
                    + "comes). Then `VACUUM ANALYZE` (what autovacuum would do).");
            line("Pending now: " + scalar(db, "SELECT count(*) FROM dossier_view WHERE NOT overdue_done AND status IN "
                    + "('RECEIVED','IN_PROCESS')") + " overdue-pending rows; partial indexes: due-soon "
                    + scalar(db, "SELECT pg_size_pretty(pg_relation_size('dossier_view_due_soon_pending'))")
                    + ", overdue " + scalar(db, "SELECT pg_size_pretty(pg_relation_size('dossier_view_overdue_pending'))")
                    + ".");

            // Burst: due-soon and overdue at the same instant, with real event streams.
            Instant burstAt = Instant.now().plusSeconds(burstLead).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            List<String> dueSoonIds = new ArrayList<>();
            List<String> overdueIds = new ArrayList<>();
            Map<String, Instant> instants = new HashMap<>();
            List<Dossier> group = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String s = "BS-%05d".formatted(i);
                dueSoonIds.add(s);
                instants.put(s, burstAt);
                group.add(new Dossier(s, burstAt.plus(Duration.ofDays(3)), burstAt, false));
                String o = "BO-%05d".formatted(i);
                overdueIds.add(o);
                instants.put(o, burstAt);
                group.add(new Dossier(o, burstAt, burstAt.minus(Duration.ofDays(1)), true));
            }
            loadDossiers(db, serializer, group);
            awaitPublisherCaughtUp(app, db);
            line("");
            line("Burst: %,d dossiers due soon and %,d overdue at the same instant (loaded with their event streams "
                    .formatted(burst, burst) + "`DossierOpened`, plus `DossierDueSoon` for the overdue ones, %d s ahead).".formatted(burstLead));
            line("");
            line("EXPLAIN ANALYZE of the watcher's queries with %,d pending, nothing due yet:".formatted(pending));
            explainAll(db, burstAt.minusSeconds(5));
            line("");
            line("...and as they will run at the burst's instant (%,d rows due of each kind, batch 500):"
                    .formatted(burst));
            explainAll(db, burstAt.plusMillis(1));
            Instant wait = burstAt;
            awaitTrue(Duration.ofMinutes(5), () -> Instant.now().isAfter(wait)
                    && dueSoonIds.stream().allMatch(id -> seenAt.containsKey(id + " " + DUE_SOON))
                    && overdueIds.stream().allMatch(id -> seenAt.containsKey(id + " " + OVERDUE)));
            line("");
            line("| announcements (published − due instant) | p50 ms | p99 ms | max ms |");
            line("|---|---|---|---|");
            line(row("burst: %,d DossierDueSoon".formatted(burst), lateness(dueSoonIds, DUE_SOON, instants)));
            line(row("burst: %,d DossierOverdue".formatted(burst), lateness(overdueIds, OVERDUE, instants)));
            // Where the time went: appended to the event store (the watcher) vs published (the relay after it).
            line(row("burst: %,d DossierDueSoon appended (event time − instant)".formatted(burst),
                    appended(db, "BS-%", "vn.motcua.events.DossierDueSoon", burstAt)));
            line(row("burst: %,d DossierOverdue appended (event time − instant)".formatted(burst),
                    appended(db, "BO-%", "vn.motcua.events.DossierOverdue", burstAt)));

            // Trickle: overdue instants spread over 10 s (the wake-up matters here, not throughput).
            Instant trickleAt = Instant.now().plusSeconds(10);
            List<String> trickleIds = new ArrayList<>();
            List<Dossier> trickleGroup = new ArrayList<>();
            for (int i = 0; i < trickle; i++) {
                String o = "TO-%05d".formatted(i);
                Instant due = trickleAt.plusMillis(10_000L * i / trickle);
                trickleIds.add(o);
                instants.put(o, due);
                trickleGroup.add(new Dossier(o, due, due.minus(Duration.ofDays(1)), true));
            }
            loadDossiers(db, serializer, trickleGroup);
            awaitTrue(Duration.ofMinutes(2), () -> trickleIds.stream().allMatch(id -> seenAt.containsKey(id + " " + OVERDUE)));
            line(row("trickle: %,d DossierOverdue spread over 10 s".formatted(trickle),
                    lateness(trickleIds, OVERDUE, instants)));
            line("");
            line("Machine during (b): " + load() + ".");
            List<String> all = new ArrayList<>(dueSoonIds);
            all.addAll(overdueIds);
            all.addAll(trickleIds);
            long duplicates = all.stream().filter(id -> seenCount.getOrDefault(id + " " + OVERDUE, new AtomicInteger())
                    .get() > 1 || seenCount.getOrDefault(id + " " + DUE_SOON, new AtomicInteger()).get() > 1).count();
            String stored = scalar(db, "SELECT count(*) FROM domain_event_entry WHERE payload_type IN "
                    + "('vn.motcua.events.DossierOverdue')");
            line("Exactly once: %d dossiers with a duplicate announcement on the topic; %s DossierOverdue in the event "
                    .formatted(duplicates, stored) + "store for %,d expected; the %,d background dossiers untouched: %s."
                    .formatted(burst + trickle, pending, scalar(db, "SELECT count(*) = 0 FROM dossier_view WHERE "
                            + "dossier_id LIKE 'BG-%' AND (due_soon_done OR overdue_done)")));
        }
    }

    /** A dossier of the deadline groups: its statutory due date and due-soon instant, and whether already due soon. */
    private record Dossier(String id, Instant dueAt, Instant dueSoonAt, boolean dueSoonAnnounced) {
    }

    private long[] lateness(List<String> ids, String type, Map<String, Instant> instants) {
        return ids.stream().mapToLong(id -> seenAt.get(id + " " + type) - instants.get(id).toEpochMilli()).toArray();
    }

    /** When the announcements were appended: their events' time stamps (taken just before the append). */
    private static long[] appended(Connection db, String idPattern, String payloadType, Instant instant)
            throws SQLException {
        List<Long> lateness = new ArrayList<>();
        try (var s = db.prepareStatement("SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier LIKE ? "
                + "AND payload_type = ? AND sequence_number > 0 AND time_stamp >= ?")) {
            s.setString(1, idPattern);
            s.setString(2, payloadType);
            s.setString(3, DateTimeUtils.formatInstant(instant.minusSeconds(1)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lateness.add(Instant.parse(rs.getString(1)).toEpochMilli() - instant.toEpochMilli());
                }
            }
        }
        return lateness.stream().mapToLong(Long::longValue).toArray();
    }

    private void explainAll(Connection db, Instant now) throws SQLException {
        String open = "status IN ('RECEIVED', 'IN_PROCESS')";
        explain(db, "due-soon poll", "SELECT dossier_id, due_at FROM dossier_view WHERE NOT due_soon_done AND " + open
                + " AND due_soon_at <= '" + now + "' ORDER BY due_soon_at LIMIT 500");
        explain(db, "overdue poll", "SELECT dossier_id, due_at FROM dossier_view WHERE NOT overdue_done AND " + open
                + " AND due_at < '" + now + "' ORDER BY due_at LIMIT 500");
        explain(db, "next instant", "SELECT LEAST((SELECT min(due_soon_at) FROM dossier_view WHERE NOT due_soon_done AND "
                + open + " AND due_soon_at > '" + now + "'), (SELECT min(due_at) FROM dossier_view WHERE NOT "
                + "overdue_done AND " + open + " AND due_at >= '" + now + "'))");
    }

    private void explain(Connection db, String name, String sql) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            while (rs.next()) {
                plan.add(rs.getString(1));
            }
        }
        String first = plan.get(0).trim();
        String time = plan.stream().filter(l -> l.startsWith("Execution Time")).findFirst().orElse("");
        line("- %s: `%s` … %s".formatted(name, first.length() > 110 ? first.substring(0, 110) + "…" : first, time));
        System.out.println(name + ":\n  " + String.join("\n  ", plan));
    }

    private void loadBackground(Connection db, WorkingCalendar calendar) throws Exception {
        Random random = new Random(42);
        Instant now = Instant.now();
        CopyIn copy = null;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < pending; i++) {
            if (copy == null) {
                copy = copyIn(db, "COPY dossier_view (dossier_id, office_id, procedure_code, status, received_at, "
                        + "due_at, last_step_at, due_soon_at) FROM STDIN (FORMAT csv)");
            }
            Instant due = now.plusSeconds(3 * 86_400L + random.nextInt(57 * 86_400)).truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS);
            Instant received = due.minus(Duration.ofDays(10));
            Instant dueSoon = calendar.subtractWorkingDays(due, BigDecimal.ONE);
            rows.append("BG-").append(i).append(",BG.").append(i % 700).append(",1.001612,RECEIVED,")
                    .append(received).append(',').append(due).append(',').append(received).append(',')
                    .append(dueSoon).append('\n');
            if (rows.length() > 1 << 20 || i == pending - 1) {
                byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                rows.setLength(0);
            }
            if ((i + 1) % 200_000 == 0 || i == pending - 1) {
                copy.endCopy(); // one durable commit per 200k rows
                copy = null;
            }
        }
    }

    /** The deadline groups with their event streams, as intake's receipt and the projection would have left them. */
    private void loadDossiers(Connection db, Serializer serializer, List<Dossier> group) throws Exception {
        StringBuilder view = new StringBuilder();
        StringBuilder events = new StringBuilder();
        HexFormat hex = HexFormat.of();
        String meta = "\\x" + hex.formatHex(serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());
        for (Dossier d : group) {
            Instant received = d.dueAt().minus(Duration.ofDays(3));
            view.append(d.id()).append(",BURST,1.001612,RECEIVED,").append(received).append(',').append(d.dueAt())
                    .append(',').append(received).append(',').append(d.dueSoonAt()).append(',')
                    .append(d.dueSoonAnnounced()).append('\n');
            event(events, serializer, hex, meta, d.id(), 0, received,
                    new DossierOpened(d.id(), "BURST", "1.001612", new BigDecimal("3"), received, d.dueAt()));
            if (d.dueSoonAnnounced()) {
                event(events, serializer, hex, meta, d.id(), 1, d.dueSoonAt(),
                        new DossierDueSoon(d.id(), "BURST", d.dueAt(), d.dueSoonAt()));
            }
        }
        db.setAutoCommit(false);
        copyAll(db, "COPY domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                + "payload_type, payload_revision, payload, meta_data) FROM STDIN (FORMAT csv)", events);
        copyAll(db, "COPY dossier_view (dossier_id, office_id, procedure_code, status, received_at, due_at, "
                + "last_step_at, due_soon_at, due_soon_done) FROM STDIN (FORMAT csv)", view);
        db.commit();
        db.setAutoCommit(true);
    }

    private static void event(StringBuilder out, Serializer serializer, HexFormat hex, String meta, String id, int seq,
                              Instant at, Object payload) {
        SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
        out.append(UUID.randomUUID()).append(',').append(id).append(',').append(seq).append(",Dossier,")
                .append(DateTimeUtils.formatInstant(at)).append(',').append(data.getType().getName()).append(',')
                .append(data.getType().getRevision() == null ? "" : data.getType().getRevision()).append(",\\x")
                .append(hex.formatHex(data.getData())).append(',').append(meta).append('\n');
    }

    private static CopyIn copyIn(Connection db, String sql) throws SQLException {
        return db.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    private static void copyAll(Connection db, String sql, StringBuilder rows) throws SQLException {
        CopyIn copy = copyIn(db, sql);
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
    }

    /** The Kafka publisher streams the loaded events once (DossierOpened stays inside): let it catch up first. */
    private void awaitPublisherCaughtUp(ConfigurableApplicationContext app, Connection db) throws Exception {
        long head = Long.parseLong(scalar(db, "SELECT max(global_index) FROM domain_event_entry"));
        StreamingEventProcessor processor = app.getBean(EventProcessingConfiguration.class)
                .eventProcessor(KafkaPublishingHandler.GROUP, StreamingEventProcessor.class).orElseThrow();
        awaitTrue(Duration.ofMinutes(2), () -> {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            return !status.isEmpty() && status.values().stream()
                    .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head);
        });
    }

    private static String scalar(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private void readWorkflowTopic(String bootstrapServers) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "workflow-bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DOSSIER_WORKFLOW));
            while (reading) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Header type = record.headers().lastHeader("ce_type");
                    String key = record.key() + " " + new String(type.value(), StandardCharsets.UTF_8);
                    seenAt.putIfAbsent(key, record.timestamp()); // producer's CreateTime: when it was published
                    seenCount.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        }
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("benchmark step did not finish within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static String row(String name, long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return "| %s | %d | %d | %d |".formatted(name, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** The machine is shared: the 1/5/15-minute load averages say how busy it was. */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private void line(String text) {
        report.append(text).append('\n');
    }
}
