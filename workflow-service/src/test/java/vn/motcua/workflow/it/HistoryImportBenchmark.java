package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.events.EventEnvelope;
import tools.jackson.databind.JsonNode;

/**
 * History import benchmark (not a test: it asserts nothing about time and never runs in the build). Run with
 * {@code ./mvnw -q -pl workflow-service test -Pbenchmark -Dtest=HistoryImportBenchmark}; sizes:
 * {@code -Dbench.history.lines=20000}, and the service's own settings, e.g.
 * {@code -Dmotcua.workflow.history-import.parallelism=4 -Dmotcua.workflow.history-import.group-lines=200}.
 *
 * <p>The service runs in this JVM on motcua-infra's embedded PostgreSQL and Kafka (the integration tests' set-up).
 * Setup: N receipts produced to {@code motcua.dossier.intake.v1} and opened by the service's consumer (not timed).
 * Then ONE {@code POST /api/v1/imports/dossier-histories} of N lines, each TRANSFER + RESOLUTION + RETURN (3 steps):
 * steps/s = 3N / the request's wall time (the answer comes after the last group committed). Half the lines name
 * their dossier by {@code officeId + externalRef}. Prints the figures and writes
 * {@code workflow-service/target/history-import-benchmark.md}.
 */
@Tag("benchmark")
class HistoryImportBenchmark extends WorkflowIntegrationTestBase {
    private static final int LINES = Integer.getInteger("bench.history.lines", 20_000);
    /** Lines imported first, on other dossiers, and not timed: the JIT compiles the import's path meanwhile. */
    private static final int WARMUP = Integer.getInteger("bench.history.warmup", 5_000);

    @Autowired
    JdbcTemplate jdbc;
    @Value("${motcua.workflow.history-import.parallelism:4}")
    int parallelism;
    @Value("${motcua.workflow.history-import.group-lines:200}")
    int groupLines;

    @Test
    void importHistories() throws Exception {
        String office = "BH" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant received = now.minus(Duration.ofDays(2));
        Instant due = now.plus(Duration.ofDays(10));
        long openStart = System.nanoTime();
        List<ProducerRecord<String, byte[]>> openings = new ArrayList<>();
        for (int i = 0; i < LINES + WARMUP; i++) {
            String id = office + "-" + i;
            openings.add(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                    new DossierReceived(id, "C-" + id, office, "1.001612", "Đất đai", Channel.IN_PERSON, true,
                            new BigDecimal("3"), received, due, "EXT-" + i, 0, 1, 0, 0, 0, false, null))));
        }
        topics().publish(openings);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dossier_view WHERE office_id = ?", Long.class, office) == LINES + WARMUP);
        double openSeconds = (System.nanoTime() - openStart) / 1e9;

        long warmupStart = System.nanoTime();
        if (WARMUP > 0) {
            Reply<JsonNode> warm = sendExactly(HttpRequest.newBuilder(uri("/api/v1/imports/dossier-histories"))
                    .header("Authorization", officerToken()).header("Content-Type", "application/x-ndjson")
                    .timeout(Duration.ofHours(1)).POST(HttpRequest.BodyPublishers.ofString(
                            body(office, now, LINES, LINES + WARMUP))).build());
            assertThat(warm.json().path("accepted").asLong()).as(warm.body()).isEqualTo(WARMUP);
        }
        double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;

        String body = body(office, now, 0, LINES);
        double[] load = new double[] {ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()};
        ProcessCpu cpu = ProcessCpu.of(jdbc);
        double[] cpuBefore = cpu.seconds();
        long start = System.nanoTime();
        Reply<JsonNode> response = sendExactly(HttpRequest.newBuilder(uri("/api/v1/imports/dossier-histories"))
                .header("Authorization", officerToken()).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofHours(1)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] cpuAfter = cpu.seconds();
        double jvmCpu = cpuAfter[0] - cpuBefore[0];
        double pgCpu = cpuAfter[1] - cpuBefore[1];
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("accepted").asLong()).as(response.body()).isEqualTo(LINES);

        String report = String.format("""
                # History import benchmark (%s)

                - lines: %d, steps: %d (TRANSFER + RESOLUTION + RETURN per line), body %.1f MB
                - service settings: %d lines per transaction, %d import thread(s)
                - setup (not timed in the figure): %d receipts opened from the intake topic in %.1f s; a warm-up
                  import of %d lines (other dossiers, same steps) in %.1f s (%.0f steps/s, JIT compiling meanwhile)
                - **import: %.1f s, %.0f steps/s, %.0f lines/s**
                - CPU used meanwhile: this JVM (service, Kafka broker, test) %.1f s, PostgreSQL %.1f s: %.2f ms per step,
                  i.e. at most %.0f steps/s if the %d cores did nothing else
                - load average (1 min) before / after the import: %.1f / %.1f on %d cores
                """, Instant.now(), LINES, 3L * LINES, body.length() / 1e6, groupLines, parallelism, LINES + WARMUP,
                openSeconds, WARMUP, warmupSeconds, 3 * WARMUP / Math.max(0.001, warmupSeconds), seconds,
                3 * LINES / seconds, LINES / seconds, jvmCpu, pgCpu,
                1000 * (jvmCpu + pgCpu) / (3.0 * LINES), Runtime.getRuntime().availableProcessors() * 3.0 * LINES
                        / (jvmCpu + pgCpu), Runtime.getRuntime().availableProcessors(), load[0], loadAfter,
                Runtime.getRuntime().availableProcessors());
        System.out.println(report);
        write(report);
    }

    /** Lines for dossiers {@code from} (inclusive) to {@code to}: TRANSFER + RESOLUTION + RETURN each. */
    private static String body(String office, Instant now, int from, int to) {
        StringBuilder body = new StringBuilder((to - from) * 300);
        for (int i = from; i < to; i++) {
            String steps = "{\"kind\":\"TRANSFER\",\"at\":\"" + now.minus(Duration.ofDays(1))
                    + "\",\"toUnit\":\"Phòng TN-MT\",\"note\":\"thẩm định\"},"
                    + "{\"kind\":\"RESOLUTION\",\"at\":\"" + now.minus(Duration.ofHours(12))
                    + "\",\"outcome\":\"APPROVED\"},"
                    + "{\"kind\":\"RETURN\",\"at\":\"" + now.minus(Duration.ofHours(1)) + "\",\"method\":\"IN_PERSON\"}";
            body.append(i % 2 == 0 ? "{\"dossierId\":\"" + office + "-" + i + "\""
                    : "{\"officeId\":\"" + office + "\",\"externalRef\":\"EXT-" + i + "\"")
                    .append(",\"steps\":[").append(steps).append("]}\n");
        }
        return body.toString();
    }

    /**
     * CPU seconds used so far by this JVM and by the PostgreSQL server it talks to (postmaster, its live processes
     * and the ones it has reaped), from /proc: a cost per step that the machine's other load does not change much,
     * unlike the wall time. Linux only; zero where /proc is not readable.
     */
    record ProcessCpu(long postmaster) {
        static ProcessCpu of(JdbcTemplate jdbc) {
            long backend = jdbc.queryForObject("SELECT pg_backend_pid()", Long.class);
            String[] stat = stat(backend);
            return new ProcessCpu(stat == null ? -1 : Long.parseLong(stat[1]));
        }

        /** {jvm, postgres} in seconds. */
        double[] seconds() {
            double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            long ticks = 0;
            String[] own = stat(postmaster);
            if (own != null) {
                ticks += Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13])
                        + Long.parseLong(own[14]);
            }
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    String[] child = stat(Long.parseLong(name));
                    if (child != null && Long.parseLong(child[1]) == postmaster) {
                        ticks += Long.parseLong(child[11]) + Long.parseLong(child[12]);
                    }
                }
            } catch (IOException e) {
                return new double[] {jvm, 0};
            }
            return new double[] {jvm, ticks / 100.0}; // USER_HZ is 100 on Linux
        }

        /** The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, ..., [11] utime. */
        private static String[] stat(long pid) {
            try {
                String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return text.substring(text.lastIndexOf(')') + 2).split(" ");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    private static void write(String report) throws IOException {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("history-import-benchmark.md"), report, StandardCharsets.UTF_8);
    }
}
