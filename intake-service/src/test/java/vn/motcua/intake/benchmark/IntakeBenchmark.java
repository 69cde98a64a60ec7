package vn.motcua.intake.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import vn.motcua.events.Topics;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;
import vn.motcua.intake.IntakeApplication;
import vn.motcua.intake.support.Tokens;

/**
 * The intake benchmark (nothing is asserted; {@code verify} never runs it, its name is no test's). Starts a DURABLE embedded
 * PostgreSQL (fsync and synchronous_commit on) and the embedded Kafka, the intake service in this JVM, then drives
 * {@code POST /api/v1/dossiers} at a fixed concurrency over loopback and reports receipts/s and latency percentiles;
 * then, at the same concurrency, the raw single-row autocommit INSERT rate of the same PostgreSQL.
 *
 * <p>Run: {@code ./mvnw -q -pl intake-service test -Pbenchmark -Dbenchmark=IntakeBenchmark} (docs/benchmarks.md).
 * System properties: {@code bench.clients} (32), {@code bench.seconds} (60), {@code bench.warmup-seconds}
 * (90: on 2 cores the JIT is still compiling after 45 s), {@code bench.offices} (64), {@code bench.dir}
 * (target/benchmark), {@code motcua.postgres.stat-statements} (false: true prints the top statements of the measured phase from pg_stat_statements).
 */
public final class IntakeBenchmark {
    private static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup-seconds", 90);
    private static final int OFFICES = Integer.getInteger("bench.offices", 64);
    /** Hard cap on requests per phase, so a run is bounded in count as well as in time. */
    private static final long MAX_REQUESTS = Long.getLong("bench.max-requests", 5_000_000L);

    IntakeBenchmark() {
    }

    /** The entry of {@code -Pbenchmark}: the same run as {@link #main}, in surefire's JVM ({@code bench.jvmArgs}). */
    @Test
    void run() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dir = Path.of(System.getProperty("bench.dir", "target/benchmark")).toAbsolutePath();
        Files.createDirectories(dir);
        Path pgDir = Files.createTempDirectory(dir, "pg-");
        Path kafkaDir = Files.createTempDirectory(dir, "kafka-");
        log("machine: %d cores, %d MiB max heap, %s", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version"));
        try (PostgresServer pg = PostgresServer.start(new PostgresOptions(pgDir, 0, true));
             KafkaBroker kafka = KafkaBroker.start(new KafkaOptions(kafkaDir, 0))) {
            String jdbcUrl = pg.jdbcUrl("intake_bench");
            showSetting(jdbcUrl, pg, "fsync");
            showSetting(jdbcUrl, pg, "synchronous_commit");
            ConfigurableApplicationContext app = SpringApplication.run(IntakeApplication.class,
                    "--server.port=0",
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + pg.username(),
                    "--spring.datasource.password=" + pg.password(),
                    "--motcua.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    // real signed tokens, checked as in production (JWKS fetched once, then cached)
                    "--motcua.security.issuer=" + Tokens.ISSUER.issuer(),
                    "--motcua.security.jwk-set-uri=" + Tokens.ISSUER.jwkSetUri(),
                    "--logging.level.root=WARN");
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            try {
                List<String> offices = catalogue(port);
                String procedure = "BENCH.1";
                log("warm-up: %d s, %d clients", WARMUP_SECONDS, CLIENTS);
                drive(port, offices, procedure, WARMUP_SECONDS, "warm-up");
                long eventsBefore = endOffsets(kafka.bootstrapServers());
                if (Boolean.getBoolean("motcua.postgres.stat-statements")) {
                    try (Connection c = DriverManager.getConnection(jdbcUrl, pg.username(), pg.password());
                         Statement st = c.createStatement()) {
                        st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                        st.execute("SELECT pg_stat_statements_reset()");
                    }
                }
                CpuMeter cpu = CpuMeter.start(pg);
                Result intake = drive(port, offices, procedure, SECONDS, "receipts");
                cpu.report("receipts", intake.ok);
                if (Boolean.getBoolean("motcua.postgres.stat-statements")) {
                    try (Connection c = DriverManager.getConnection(jdbcUrl, pg.username(), pg.password());
                         Statement st = c.createStatement();
                         var rs = st.executeQuery("SELECT calls, round(total_exec_time) ms, rows, "
                                 + "left(regexp_replace(query, '\\s+', ' ', 'g'), 150) FROM pg_stat_statements "
                                 + "ORDER BY total_exec_time DESC LIMIT 25")) {
                        while (rs.next()) {
                            log("stmt %8d calls %7d ms %8d rows  %s", rs.getLong(1), rs.getLong(2), rs.getLong(3),
                                    rs.getString(4));
                        }
                    }
                }
                var groups = app.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                        .find("motcua.intake.receipt.group.size").summary();
                if (groups != null) {
                    log("receipt groups (warm-up included): %d transactions, mean %.1f, max %.0f receipts each",
                            groups.count(), groups.mean(), groups.max());
                }
                long relayedAtEnd = endOffsets(kafka.bootstrapServers()) - eventsBefore;
                long drainStart = System.nanoTime();
                long relayed = relayedAtEnd;
                while (relayed < intake.ok && System.nanoTime() - drainStart < 120_000_000_000L) {
                    Thread.sleep(200); // benchmark, not a test: waiting for the relay to drain
                    relayed = endOffsets(kafka.bootstrapServers()) - eventsBefore;
                }
                log("kafka relay: %d of %d receipts on %s when the run ended; all relayed %.1f s later",
                        relayedAtEnd, intake.ok, Topics.DOSSIER_INTAKE, (System.nanoTime() - drainStart) / 1e9);
                cpu = CpuMeter.start(pg);
                Result raw = rawInserts(jdbcUrl, pg, SECONDS);
                cpu.report("raw insert", raw.ok);
                log("RESULT receipts: %s", intake);
                log("RESULT raw insert: %s", raw);
                log("RESULT ratio receipts/raw = %.2f", intake.perSecond() / raw.perSecond());
            } finally {
                app.close();
            }
        } finally {
            Tokens.ISSUER.close(); // its HTTP server would keep the JVM alive
        }
    }

    /** 64 communes under one district, as a province's desks are, and one postal-enabled procedure. */
    private static List<String> catalogue(int port) throws IOException {
        try (HttpClient http = new HttpClient(port, Tokens.admin())) {
            check(http.send("PUT", "/api/v1/offices/BENCH", "{\"name\":\"Bench district\",\"level\":\"DISTRICT\"}", null));
            List<String> offices = new ArrayList<>();
            for (int i = 0; i < OFFICES; i++) {
                String id = "BENCH." + i;
                check(http.send("PUT", "/api/v1/offices/" + id,
                        "{\"name\":\"Commune " + i + "\",\"level\":\"COMMUNE\",\"parentId\":\"BENCH\"}", null));
                offices.add(id);
            }
            check(http.send("PUT", "/api/v1/procedures/BENCH.1", "{\"name\":\"Đăng ký khai sinh\",\"field\":\"Hộ tịch\","
                    + "\"processingDays\":1.5,\"onlineMode\":\"FULL\",\"postal\":true}", null));
            return offices;
        }
    }

    private static void check(int status) {
        if (status >= 300) {
            throw new IllegalStateException("catalogue set-up failed: HTTP " + status);
        }
    }

    /**
     * Each client owns one keep-alive connection and sends receipts back to back, rotating over the offices and
     * channels; ONLINE and POSTAL ones carry a fresh Idempotency-Key, as integrators send them.
     */
    private static Result drive(int port, List<String> offices, String procedure, int seconds, String phase)
            throws InterruptedException {
        String[] channels = {"IN_PERSON", "ONLINE", "POSTAL"};
        long[][] latencies = new long[CLIENTS][];
        AtomicLong errors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                // the district's clerk: each receipt's office is checked against the token, one tree step up
                try (HttpClient http = new HttpClient(port,
                        Tokens.bearer("bench-clerk", List.of("clerk"), List.of("BENCH")))) {
                    for (long i = client; !stop.get(); i += CLIENTS) {
                        if (System.nanoTime() > deadline || sent.incrementAndGet() > MAX_REQUESTS) {
                            break;
                        }
                        String office = offices.get((int) (i % offices.size()));
                        String channel = channels[(int) (i % channels.length)];
                        String body = "{\"officeId\":\"" + office + "\",\"procedureCode\":\"" + procedure
                                + "\",\"channel\":\"" + channel + "\",\"applicant\":{\"fullName\":\"Nguyễn Văn An\","
                                + "\"idNumber\":\"079201001234\",\"phone\":\"0901234567\","
                                + "\"address\":\"12 Lê Lợi, Phường 1, Vũng Tàu\"},\"documents\":["
                                + "{\"name\":\"Tờ khai\",\"copies\":1},{\"name\":\"Giấy chứng sinh\",\"copies\":2}]}";
                        String key = channel.equals("IN_PERSON") ? null : UUID.randomUUID().toString();
                        long t0 = System.nanoTime();
                        int status = http.send("POST", "/api/v1/dossiers", body, key);
                        long t1 = System.nanoTime();
                        if (status != 201) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = t1 - t0;
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                    System.err.println(phase + " client " + client + " failed: " + e);
                } finally {
                    latencies[client] = Arrays.copyOf(lat, n);
                    done.countDown();
                }
            }, "bench-client-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        long elapsed = System.nanoTime() - started;
        Result r = Result.of(phase, latencies, errors.get(), elapsed);
        log("%s", r);
        return r;
    }

    /** The same concurrency straight into PostgreSQL: one connection per client, autocommit, one row each. */
    private static Result rawInserts(String jdbcUrl, PostgresServer pg, int seconds) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, pg.username(), pg.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_raw_insert (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL,"
                    + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        long[][] latencies = new long[CLIENTS][];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                try (Connection conn = DriverManager.getConnection(jdbcUrl, pg.username(), pg.password());
                     PreparedStatement insert = conn.prepareStatement(
                             "INSERT INTO bench_raw_insert (payload) VALUES (?)")) {
                    conn.setAutoCommit(true);
                    for (long i = 0; System.nanoTime() < deadline && i < MAX_REQUESTS / CLIENTS; i++) {
                        long t0 = System.nanoTime();
                        insert.setString(1, "client " + client + " row " + i);
                        insert.executeUpdate();
                        long t1 = System.nanoTime();
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = t1 - t0;
                    }
                } catch (SQLException e) {
                    errors.incrementAndGet();
                    System.err.println("raw insert client " + client + " failed: " + e);
                } finally {
                    latencies[client] = Arrays.copyOf(lat, n);
                    done.countDown();
                }
            }, "bench-raw-" + c);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        Result r = Result.of("raw insert", latencies, errors.get(), System.nanoTime() - started);
        log("%s", r);
        return r;
    }

    private static long endOffsets(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var partitions = admin.describeTopics(List.of(Topics.DOSSIER_INTAKE)).allTopicNames().get()
                    .get(Topics.DOSSIER_INTAKE).partitions();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(Topics.DOSSIER_INTAKE, p.partition()),
                    OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static void showSetting(String jdbcUrl, PostgresServer pg, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, pg.username(), pg.password());
             Statement s = c.createStatement(); var rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            log("postgres %s = %s", name, rs.getString(1));
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }

    /**
     * CPU time the phase cost, in this JVM (service, broker and load generator) and in PostgreSQL: per operation it
     * is a figure that other load on the machine does not distort.
     */
    record CpuMeter(PostgresServer pg, long jvmNanos, long pgNanos) {
        static CpuMeter start(PostgresServer pg) {
            return new CpuMeter(pg, jvmCpuNanos(), pgCpuNanos(pg));
        }

        void report(String phase, long operations) {
            double jvmMs = (jvmCpuNanos() - jvmNanos) / 1e6;
            double pgMs = (pgCpuNanos(pg) - pgNanos) / 1e6;
            log("cpu %s: JVM %.0f ms + PostgreSQL %.0f ms = %.0f µs per operation (%.0f + %.0f); "
                    + "2 cores / that = %.0f/s if CPU alone bounded it", phase, jvmMs, pgMs,
                    1000 * (jvmMs + pgMs) / operations, 1000 * jvmMs / operations, 1000 * pgMs / operations,
                    2 * 1e6 / (1000 * (jvmMs + pgMs) / operations));
        }

        private static long jvmCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long pgCpuNanos(PostgresServer pg) {
            return pg.cpuTime().map(java.time.Duration::toNanos).orElse(0L);
        }
    }

    record Result(String phase, long ok, long errors, double seconds, long p50, long p95, long p99, long max) {
        static Result of(String phase, long[][] perClient, long errors, long elapsedNanos) {
            long[] all = Arrays.stream(perClient).flatMapToLong(Arrays::stream).sorted().toArray();
            return new Result(phase, all.length, errors, elapsedNanos / 1e9, pct(all, 50), pct(all, 95),
                    pct(all, 99), all.length == 0 ? 0 : all[all.length - 1]);
        }

        private static long pct(long[] sorted, int p) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, (long) sorted.length * p / 100)];
        }

        double perSecond() {
            return ok / seconds;
        }

        @Override
        public String toString() {
            return String.format("%s: %d ok, %d errors in %.1f s = %.0f/s; latency ms p50 %.2f p95 %.2f p99 %.2f max %.2f "
                    + "(%d clients)", phase, ok, errors, seconds, perSecond(), p50 / 1e6, p95 / 1e6, p99 / 1e6,
                    max / 1e6, CLIENTS);
        }
    }

    /** A minimal blocking HTTP/1.1 keep-alive client: cheap on CPU, so the machine's cores go to the service. */
    static final class HttpClient implements AutoCloseable {
        private final int port;
        private final String authorization;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        HttpClient(int port, String authorization) throws IOException {
            this.port = port;
            this.authorization = authorization;
            connect();
        }

        private void connect() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        int send(String method, String path, String body, String idempotencyKey) throws IOException {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ")
                    .append(payload.length).append("\r\nAuthorization: ").append(authorization).append("\r\n");
            if (idempotencyKey != null) {
                head.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return readResponse();
        }

        private int readResponse() throws IOException {
            String status = readLine();
            int code = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h; !(h = readLine()).isEmpty(); ) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (int size; (size = Integer.parseInt(readLine().trim(), 16)) > 0; ) {
                    skip(size);
                    readLine();
                }
                readLine();
            } else if (length > 0) {
                skip(length);
            }
            if (close) {
                socket.close();
                connect();
            }
            return code;
        }

        private void skip(int n) throws IOException {
            for (int left = n; left > 0; ) {
                long k = in.skip(left);
                if (k <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed mid-body");
                    }
                    k = 1;
                }
                left -= (int) k;
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
