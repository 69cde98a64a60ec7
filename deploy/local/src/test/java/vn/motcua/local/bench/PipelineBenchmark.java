package vn.motcua.local.bench;

import static vn.motcua.infra.ServiceProcess.freePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.motcua.local.LocalStack;
import vn.motcua.local.StackOptions;

/**
 * The whole pipeline under a paced load (a benchmark, not a test: a main, never run by the build). Starts the
 * full local stack as {@code ./run-local} does (durable PostgreSQL, Kafka, the OpenID Provider, the three services
 * from their runnable jars, each its own JVM), then offers receipts ({@code POST /api/v1/dossiers}, a token of the
 * local provider) at a fixed rate, open loop: each request is due at its slot and its latency counts from that slot,
 * so a slow answer delays no later request and is not hidden (at most {@code bench.in-flight} outstanding; a slot
 * that finds them all busy waits and its wait is counted). For each 201 it measures the lag until workflow knows
 * the dossier (its row in workflow's read model, {@code dossier_view}) and until the report counts it (its
 * received row in reporting's {@code dossier_fact}), both polled every {@code bench.poll-ms} with one
 * {@code = ANY(?)} query per service, so lags have that resolution (coarser while a round itself is slow: a
 * poller waits at least 4x its last round, so it cannot take the CPU of the stack it measures).
 *
 * <p>Phases: a warm-up at the base rate (not counted), the base rate for {@code bench.seconds}, then steps of
 * rising rate ({@code bench.steps}, each {@code bench.step-seconds}) until a lag p99 reaches 1 s or intake cannot
 * keep the pace. Each phase also prints the CPU seconds of every process from its start until the lags have been
 * measured ({@link ProcessCpu}: each service's JVM, PostgreSQL's backends per database, this JVM, and what else ran on
 * the machine), with the CPU milliseconds per accepted receipt. Options as system properties: {@code bench.rate}
 * (500), {@code bench.seconds} (60), {@code bench.warmup} (120: five JVMs on 2 cores are still compiling after 30 s),
 * {@code bench.steps} (750,1000,1500,2000), {@code bench.step-seconds} (30),
 * {@code bench.in-flight} (256), {@code bench.poll-ms} (20), {@code bench.data} (a temp dir),
 * {@code bench.jfr} (a directory: each service's JVM keeps a flight recording there and, once the stack has
 * stopped, the benchmark prints where each spent its CPU from the first measured phase on; see
 * {@link FlightSummary}), {@code motcua.repository.root} (..). Run: see docs/benchmarks.md, "Pipeline".
 */
public final class PipelineBenchmark {
    private static final List<String> OFFICES = List.of("H49.17", "H49.18", "H49.19", "H49.20");
    private static final String PROCEDURE = "1.001193";
    private static final Pattern DOSSIER_ID = Pattern.compile("\"dossierId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String intake;
    private final Supplier<String> token;
    private final Poller workflow;
    private final Poller reporting;
    private final int inFlight = Integer.getInteger("bench.in-flight", 256);

    private final String pgMarker;

    private PipelineBenchmark(String intake, Supplier<String> token, Poller workflow, Poller reporting,
                              String pgMarker) {
        this.pgMarker = pgMarker;
        this.intake = intake;
        this.token = token;
        this.workflow = workflow;
        this.reporting = reporting;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("motcua.repository.root", "..")).toAbsolutePath().normalize();
        Path data = System.getProperty("bench.data") != null ? Path.of(System.getProperty("bench.data"))
                : Files.createTempDirectory("motcua-pipeline-bench");
        int pgPort = freePort();
        StackOptions options = StackOptions.defaults(root).withDataDir(data).withDurable(true)
                .withPorts(pgPort, freePort(), freePort(), freePort(), freePort()).withOidcPort(freePort());
        Path jfr = System.getProperty("bench.jfr") != null ? Path.of(System.getProperty("bench.jfr")).toAbsolutePath()
                : null;
        if (jfr != null) {
            options = options.withFlightRecordings(jfr);
        }
        Instant measuredFrom = null;
        Instant measuredTo = null;
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int warmup = Integer.getInteger("bench.warmup", 120);
        int stepSeconds = Integer.getInteger("bench.step-seconds", 30);
        int[] steps = Arrays.stream(System.getProperty("bench.steps", "750,1000,1500,2000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        long started = System.currentTimeMillis();
        try (LocalStack stack = LocalStack.start(options)) {
            System.out.printf("stack up in %.1f s (data %s)%n", (System.currentTimeMillis() - started) / 1000.0, data);
            Supplier<String> admin = stack.signInAsAdmin();
            String db = "jdbc:postgresql://127.0.0.1:" + pgPort + "/";
            try (Poller workflow = new Poller("workflow", db + "workflow",
                    "SELECT dossier_id FROM dossier_view WHERE dossier_id = ANY(?)");
                 Poller reporting = new Poller("reporting", db + "reporting",
                         "SELECT dossier_id FROM dossier_fact WHERE dossier_id = ANY(?) AND received_at IS NOT NULL")) {
                PipelineBenchmark bench = new PipelineBenchmark(stack.url("intake"), admin, workflow, reporting,
                        data.resolve("postgres").toAbsolutePath().toString());
                bench.catalogue();
                System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load "
                        + load() + ", Java " + System.getProperty("java.version"));
                bench.phase("warm-up", rate, warmup);
                measuredFrom = Instant.now();
                Result base = bench.phase("paced", rate, seconds);
                System.out.println(base.table());
                Result best = base.sustained() ? base : null;
                for (int step : steps) {
                    if (best == null) {
                        break;
                    }
                    Result r = bench.phase("step", step, stepSeconds);
                    System.out.println(r.table());
                    if (!r.sustained()) {
                        break;
                    }
                    best = r;
                }
                System.out.println(best == null ? "no rate sustained with every lag p99 < 1 s"
                        : "highest rate sustained with every lag p99 < 1 s: " + best.offered + " receipts/s offered, "
                        + "%.0f/s accepted".formatted(best.acceptedPerSecond()));
                measuredTo = Instant.now();
            }
        }
        // The recordings are written as the services stop (dumponexit), so only now.
        if (jfr != null && measuredFrom != null) {
            for (String module : List.of("intake-service", "workflow-service", "reporting-service")) {
                Path recording = jfr.resolve(module + ".jfr");
                if (Files.isRegularFile(recording)) {
                    System.out.println(FlightSummary.of(recording, measuredFrom,
                            measuredTo != null ? measuredTo : Instant.now()).table(module,
                            Integer.getInteger("bench.jfr-top", 12)));
                } else {
                    System.out.println(module + ": no flight recording at " + recording);
                }
            }
        }
    }

    /** The offices and the procedure the receipts name (as the end-to-end test defines them). */
    private void catalogue() throws Exception {
        for (String office : OFFICES) {
            int status = send("PUT", intake + "/api/v1/offices/" + office,
                    "{\"name\":\"Bench office " + office + "\",\"level\":\"DISTRICT\"}").statusCode();
            if (status / 100 != 2) {
                throw new IllegalStateException("PUT office " + office + " answered " + status);
            }
        }
        int status = send("PUT", intake + "/api/v1/procedures/" + PROCEDURE,
                "{\"name\":\"Đăng ký khai sinh\",\"field\":\"Hộ tịch\",\"processingDays\":3,"
                        + "\"onlineMode\":\"FULL\",\"postal\":true}").statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("PUT procedure answered " + status);
        }
        Thread.sleep(3000); // the catalogue reaches workflow and reporting over Kafka
    }

    private HttpResponse<String> send(String method, String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", token.get()).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One paced phase: {@code rate}/s for {@code seconds}, then waits for every lag (at most 60 s). */
    private Result phase(String name, int rate, int seconds) throws Exception {
        Result result = new Result(name, rate, seconds);
        workflow.track(result.workflowLag);
        reporting.track(result.reportLag);
        String authorization = token.get();
        Semaphore slots = new Semaphore(inFlight);
        AtomicInteger outstanding = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        String loadBefore = load();
        ProcessCpu cpuBefore = ProcessCpu.snapshot(pgMarker);
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            slots.acquireUninterruptibly();
            String office = OFFICES.get((int) (i % OFFICES.size()));
            String body = "{\"officeId\":\"" + office + "\",\"procedureCode\":\"" + PROCEDURE
                    + "\",\"channel\":\"ONLINE\",\"applicant\":{\"fullName\":\"Nguyễn Văn Bench\",\"idNumber\":\""
                    + String.format("0792%08d", i % 100_000_000) + "\"}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(intake + "/api/v1/dossiers"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            outstanding.incrementAndGet();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long now = System.nanoTime();
                long wallMs = System.currentTimeMillis();
                try {
                    if (failure != null || response.statusCode() != 201) {
                        result.failed.incrementAndGet();
                        return;
                    }
                    result.receipts.add((now - due) / 1_000_000.0);
                    Matcher m = DOSSIER_ID.matcher(response.body());
                    if (m.find()) {
                        workflow.expect(m.group(1), wallMs);
                        reporting.expect(m.group(1), wallMs);
                    }
                } finally {
                    outstanding.decrementAndGet();
                    slots.release();
                }
            });
        }
        long offeredFor = System.nanoTime() - start;
        while (outstanding.get() > 0) {
            Thread.sleep(10);
        }
        result.elapsedSeconds = offeredFor / 1e9;
        result.load = loadBefore + " → " + load();
        long deadline = System.currentTimeMillis() + 60_000;
        while ((workflow.pending() > 0 || reporting.pending() > 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        // Taken once the consumers have caught up, so that each receipt's whole cost is counted.
        result.cpu = ProcessCpu.snapshot(pgMarker).since(cpuBefore, result.receipts.size());
        result.pollers = workflow.rounds() + "; " + reporting.rounds();
        result.unseenWorkflow = workflow.pending();
        result.unseenReport = reporting.pending();
        workflow.clear();
        reporting.clear();
        return result;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "?";
        }
    }


    /** The figures of one phase. */
    private static final class Result {
        final String name;
        final int offered;
        final int seconds;
        final ConcurrentLinkedQueue<Double> receipts = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Double> workflowLag = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Double> reportLag = new ConcurrentLinkedQueue<>();
        final AtomicInteger failed = new AtomicInteger();
        double elapsedSeconds;
        String load;
        String cpu = "";
        String pollers = "";
        int unseenWorkflow;
        int unseenReport;

        Result(String name, int offered, int seconds) {
            this.name = name;
            this.offered = offered;
            this.seconds = seconds;
        }

        double acceptedPerSecond() {
            return receipts.size() / elapsedSeconds;
        }

        boolean sustained() {
            return failed.get() == 0 && unseenWorkflow == 0 && unseenReport == 0
                    && acceptedPerSecond() >= offered * 0.97
                    && percentile(workflowLag, 99) < 1000 && percentile(reportLag, 99) < 1000;
        }

        String table() {
            return """
                    %s: %d receipts/s offered for %d s, %d accepted (%.0f/s), %d failed; load %s
                    | measure | p50 ms | p99 ms | max ms |
                    |---|---|---|---|
                    | receipt (slot → 201) | %.0f | %.0f | %.0f |
                    | 201 → workflow knows it (dossier_view) | %.0f | %.0f | %.0f |
                    | 201 → report counts it (dossier_fact) | %.0f | %.0f | %.0f |
                    not seen within 60 s after the phase: workflow %d, report %d; every lag p99 < 1 s and pace kept: %s
                    pollers: %s
                    %s""".formatted(name, offered, seconds, receipts.size(), acceptedPerSecond(), failed.get(), load,
                    percentile(receipts, 50), percentile(receipts, 99), percentile(receipts, 100),
                    percentile(workflowLag, 50), percentile(workflowLag, 99), percentile(workflowLag, 100),
                    percentile(reportLag, 50), percentile(reportLag, 99), percentile(reportLag, 100),
                    unseenWorkflow, unseenReport, sustained() ? "yes" : "NO", pollers, cpu);
        }

        static double percentile(ConcurrentLinkedQueue<Double> values, int p) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /** Polls one service's database for the dossiers awaited there, one query per round. */
    private static final class Poller implements AutoCloseable {
        private final String name;
        private final Connection connection;
        private final String sql;
        private final Map<String, Long> awaited = new ConcurrentHashMap<>();
        private final Thread thread;
        private volatile ConcurrentLinkedQueue<Double> lags = new ConcurrentLinkedQueue<>();
        private volatile boolean running = true;
        /** The phase's slowest round and largest awaited set: a lag the poller itself caused shows here. */
        private volatile long longestRoundMs;
        private volatile int largestAwaited;

        Poller(String name, String url, String sql) throws Exception {
            this.name = name;
            // Planned for its array every round: a generic plan made while the table was small (every row compared
            // with every awaited id) made the rounds take seconds as the table grew.
            this.connection = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0",
                    "postgres", "postgres");
            this.sql = sql;
            long pollMs = Long.getLong("bench.poll-ms", 20);
            this.thread = new Thread(() -> {
                while (running) {
                    try {
                        long t0 = System.nanoTime();
                        round();
                        long roundMs = (System.nanoTime() - t0) / 1_000_000;
                        longestRoundMs = Math.max(longestRoundMs, roundMs);
                        // The polls run on the machine they measure: one of a thousand awaited ids probes a
                        // thousand index entries. Waiting 4x the round's own time caps a poller at ~20 % of a
                        // backend while lags (and so the awaited set) are large; resolution is pollMs otherwise.
                        Thread.sleep(Math.max(pollMs, 4 * roundMs));
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        System.err.println(name + " poll failed: " + e);
                    }
                }
            }, "poll-" + name);
            thread.start();
        }

        void track(ConcurrentLinkedQueue<Double> into) {
            lags = into;
            longestRoundMs = 0;
            largestAwaited = 0;
        }

        String rounds() {
            return name + " longest round " + longestRoundMs + " ms, awaited at most " + largestAwaited;
        }

        void expect(String dossierId, long acceptedAtMs) {
            awaited.put(dossierId, acceptedAtMs);
        }

        int pending() {
            return awaited.size();
        }

        void clear() {
            awaited.clear();
        }

        private void round() throws Exception {
            if (awaited.isEmpty()) {
                return;
            }
            List<String> ids = new ArrayList<>(awaited.keySet());
            if (ids.size() > 2000 && largestAwaited <= 2000) {
                System.out.println(name + ": more than 2,000 awaited at " + Instant.now());
            }
            largestAwaited = Math.max(largestAwaited, ids.size());
            for (int from = 0; from < ids.size(); from += 5000) {
                String[] chunk = ids.subList(from, Math.min(ids.size(), from + 5000)).toArray(String[]::new);
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    ps.setArray(1, connection.createArrayOf("varchar", chunk));
                    try (ResultSet rs = ps.executeQuery()) {
                        long now = System.currentTimeMillis();
                        while (rs.next()) {
                            Long accepted = awaited.remove(rs.getString(1));
                            if (accepted != null) {
                                lags.add((double) (now - accepted));
                            }
                        }
                    }
                }
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.interrupt();
            thread.join(5000);
            connection.close();
            System.out.println(name + " poller closed at " + Instant.now());
        }
    }
}
