package vn.motcua.bpm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vn.motcua.infra.ServiceProcess;
import vn.motcua.bpm.operaton.OperatonSide;
import vn.motcua.bpm.run.Machine;
import vn.motcua.bpm.run.Measurement;
import vn.motcua.bpm.run.Step;
import vn.motcua.bpm.workflow.MotcuaSide;
import vn.motcua.bpm.workflow.OfficerToken;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;

/**
 * The same dossier lifecycle on an embedded Operaton engine and on motcua's workflow-service, one after the other
 * in one run, on one durable PostgreSQL, with the same number of client threads; prints one table. Not a test:
 * {@code ./mvnw -q -pl benchmarks/bpm test -Pbenchmark -Dbenchmark=BpmBenchmark} (see docs/benchmarks.md).
 */
public final class BpmBenchmark {

    public static void main(String[] args) throws Exception {
        int lifecycles = Integer.getInteger("bench.lifecycles", 3000);
        // Steady state, not the JIT: after 400 lifecycles the workflow JVM's compiler threads still took about a
        // quarter of its CPU in the measured phase (JFR), after 4,000 a tenth; each side warms up the same.
        int warmup = Integer.getInteger("bench.warmup", 6000);
        int clients = Integer.getInteger("bench.clients", 16);
        Path root = Path.of(System.getProperty("motcua.repository.root", ".")).toAbsolutePath().normalize();
        Path dir = Path.of(System.getProperty("bench.dir", "target/benchmark")).toAbsolutePath();
        Files.createDirectories(dir);
        Instant started = Instant.now();
        List<String> notes = new ArrayList<>();
        notes.add("Started %s; %d cores; Java %s; load average at start %s.".formatted(started,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Machine.loadAverage()));

        Measurement operaton;
        Measurement motcua;
        try (PostgresServer postgres = PostgresServer.start(new PostgresOptions(null, 0, true))) {
            notes.add("PostgreSQL: " + settings(postgres) + ".");

            try (OperatonSide side = OperatonSide.start(postgres, 20)) {
                notes.add("Operaton: history level `%s` (the engine's default), job executor active: %s."
                        .formatted(side.historyLevel(), side.jobExecutorActive()));
                System.out.println("Operaton: warm-up " + warmup + ", then " + lifecycles + " lifecycles ...");
                operaton = Measurement.of(side, postgres, warmup, lifecycles, clients, false);
                long open = side.engine().getRuntimeService().createProcessInstanceQuery().count();
                long timers = side.engine().getManagementService().createJobQuery().timers().count();
                long finished = side.engine().getHistoryService().createHistoricProcessInstanceQuery().finished()
                        .count();
                notes.add("Operaton after the run: %d finished instances, %d open, %d timer jobs left."
                        .formatted(finished, open, timers));
            }

            try (KafkaBroker kafka = KafkaBroker.start(KafkaOptions.ephemeral())) {
                TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), TopicProvisioner.DEFAULT_PARTITIONS);
                String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                Path identities = dir.resolve("identities.json");
                Files.writeString(identities, """
                        {"clients": [{"clientId": "bench-officer", "clientSecret": "%s", "roles": ["officer"],
                                      "offices": ["*"]}]}
                        """.formatted(secret));
                int oidcPort = ServiceProcess.freePort();
                Map<String, String> oidcProperties = new LinkedHashMap<>();
                oidcProperties.put("server.port", Integer.toString(oidcPort));
                oidcProperties.put("motcua.oidc.issuer", "http://localhost:" + oidcPort);
                oidcProperties.put("motcua.oidc.data-dir", dir.resolve("oidc").toString());
                oidcProperties.put("motcua.oidc.identities", identities.toString());
                try (ServiceProcess oidc = ServiceProcess.start("oidc", root.resolve(
                        "deploy/oidc/target/motcua-oidc-0.1.0-SNAPSHOT.jar"), oidcPort, oidcProperties,
                        dir.resolve("logs"), List.of("-Xms256m", "-Xmx256m"))) {
                    oidc.awaitHealthy(Duration.ofMinutes(3));
                    OfficerToken token = new OfficerToken(oidc.url(), "bench-officer", secret);
                    token.get();
                    try (MotcuaSide side = MotcuaSide.start(
                            root.resolve("workflow-service/target/workflow-service-0.1.0-SNAPSHOT.jar"), postgres,
                            kafka, oidc.url(), token, dir.resolve("logs"))) {
                        System.out.println("motcua: warm-up " + warmup + ", then " + lifecycles + " lifecycles ...");
                        long polls0 = side.polls();
                        motcua = Measurement.of(side, postgres, warmup, lifecycles, clients, true);
                        notes.add(("motcua after the run: %s; receive needed %.1f read-model lookups per dossier on "
                                + "average.").formatted(statuses(postgres),
                                (side.polls() - polls0) / (double) (warmup + lifecycles)));
                    }
                }
            }
        }
        String report = table(operaton, motcua, lifecycles, warmup, clients) + "\n" + String.join("\n", notes) + "\n";
        System.out.println("\n===== BPM side by side =====\n" + report);
        Files.writeString(dir.resolve("bpm-benchmark.md"), report);
    }

    private static String table(Measurement operaton, Measurement motcua, int lifecycles, int warmup, int clients) {
        StringBuilder t = new StringBuilder();
        t.append("%d lifecycles per side after %d of warm-up, %d client threads each.%n%n"
                .formatted(lifecycles, warmup, clients));
        t.append("| | %s (embedded) | motcua workflow-service (own JVM) |%n|---|---|---|%n"
                .formatted(operaton.side()));
        row(t, "**lifecycles/s**", m -> "**%.1f**".formatted(m.result().perSecond()), operaton, motcua);
        for (Step step : Step.values()) {
            row(t, step.name().toLowerCase() + " p50 / p99 (ms)", m -> "%.1f / %.1f".formatted(
                    m.result().latencies().millis(step, 50), m.result().latencies().millis(step, 99)),
                    operaton, motcua);
        }
        row(t, "CPU per lifecycle: engine process (µs)", m -> "%.0f".formatted(m.perLifecycleMicros(m.engineCpu())),
                operaton, motcua);
        row(t, "CPU per lifecycle: PostgreSQL (µs)", m -> "%.0f".formatted(m.perLifecycleMicros(m.postgresCpu())),
                operaton, motcua);
        row(t, "CPU per lifecycle: load generator + Kafka broker JVM (µs)",
                m -> m.generatorCpu().isZero() ? "(in the engine's JVM)"
                        : "%.0f".formatted(m.perLifecycleMicros(m.generatorCpu())), operaton, motcua);
        row(t, "**CPU per lifecycle: engine + PostgreSQL (µs)**", m -> "**%.0f**".formatted(
                m.perLifecycleMicros(m.engineCpu().plus(m.postgresCpu()))), operaton, motcua);
        row(t, "CPU per lifecycle: everything (µs)", m -> "%.0f".formatted(m.totalCpuMicros()), operaton, motcua);
        row(t, "database size per 100k lifecycles (MiB)", m -> "%.0f".formatted(m.megabytesPer100k()),
                operaton, motcua);
        row(t, "measured phase (s)", m -> "%.1f".formatted(m.result().seconds()), operaton, motcua);
        row(t, "load average before → after the measured phase", m -> m.loadBefore() + " → " + m.loadAfter(),
                operaton, motcua);
        return t.toString();
    }

    private static void row(StringBuilder t, String label, Function<Measurement, String> cell, Measurement a,
                            Measurement b) {
        t.append("| ").append(label).append(" | ").append(cell.apply(a)).append(" | ").append(cell.apply(b))
                .append(" |\n");
    }

    private static String settings(PostgresServer postgres) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password()); Statement s = db.createStatement()) {
            List<String> values = new ArrayList<>();
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet row = s.executeQuery("SHOW " + name)) {
                    row.next();
                    values.add(name + "=" + row.getString(1));
                }
            }
            return String.join(", ", values);
        }
    }

    private static String statuses(PostgresServer postgres) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(MotcuaSide.DATABASE),
                postgres.username(), postgres.password()); Statement s = db.createStatement();
             ResultSet rows = s.executeQuery(
                     "SELECT status, count(*), count(due_soon_at) FROM dossier_view GROUP BY status ORDER BY 1")) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add("%d %s (%d with a due-soon instant)".formatted(rows.getLong(2), rows.getString(1),
                        rows.getLong(3)));
            }
            return String.join(", ", values);
        }
    }
}
