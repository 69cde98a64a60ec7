package vn.motcua.local;

import static vn.motcua.infra.ServiceProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;
import vn.motcua.local.OfficerCommands.Command;
import vn.motcua.local.OfficerCommands.Kind;
import vn.motcua.local.oidc.ClientCredentials;
import vn.motcua.local.oidc.LocalIdentities;
import vn.motcua.infra.ServiceProcess;
import vn.motcua.testsupport.Jackson2;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * The three runnable jars under a steady load of receipts (a desk's integration, 40/s, each with an idempotency
 * key, retried after a lost answer or a 503 as a client should) and an officer's commands, while the test breaks
 * things one after another: kill -9 of intake, of workflow, of reporting, each started again; a crash of
 * PostgreSQL (kill -9 of a backend: the postmaster ends every backend and recovers); the Kafka broker stopped for
 * longer than the clients' timeouts (the producers' 60 s delivery timeout, the consumers' 10 s broker timeout) and
 * started again. The scenario runs once; each test method then checks one promise about what it left behind.
 *
 * <p>During the broker stop, workflow's intake consumer is made to hold a polled batch (the test locks the table
 * its batch writes, waits until the consumer's transaction waits on it, stops the broker, then releases it), so its
 * offset commit meets the broker gone: the commit fails after its timeout, {@code /health} says so, and the
 * consumer resumes on its own once the broker is back, without losing or doubling the batch.
 *
 * <p>PostgreSQL is durable here (fsync and synchronous commit on): with synchronous commit off, a crash may lose
 * transactions already answered, which is PostgreSQL keeping its word, not motcua losing a dossier.
 * {@code -Dfaults.rate} (receipts/s, 40) and {@code -Dfaults.broker-down-seconds} (65) tune it.
 * Every wait is bounded only to fail rather than hang; none measures speed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {
    /** Full URLs (the services run on ports of their own); JSON parsed with Jackson 2. */
    private static final JsonHttp<JsonNode> HTTP = JsonHttp.at("", Jackson2::tree).header("Accept", "application/json");
    private static final int RATE = Integer.getInteger("faults.rate", 40);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(Long.getLong("faults.broker-down-seconds", 65));
    private static final Duration START = Duration.ofMinutes(8);
    /** Receipts accepted between two faults, so each fault meets a stack that has recovered and is busy. */
    private static final int BETWEEN_FAULTS = 2 * RATE;
    private static final String PROVINCE = "H29";
    private static final String DISTRICT = "H29.20";
    private static final List<String> COMMUNES = List.of("H29.20.15", "H29.20.16");
    private static final String PROCEDURE = "1.001193";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    static Path temporary;
    /** Where the stack keeps its data and logs: {@code -Dfaults.data=DIR} keeps them for a look afterwards. */
    private Path data;

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final AnswerTally tally = new AnswerTally();
    private PostgresServer postgres;
    private KafkaOptions kafkaOptions;
    private KafkaBroker kafka;
    private ServiceProcess oidc;
    private Supplier<String> admin;
    private HealthWatch health;
    private ReceiptLoad load;
    private OfficerCommands officer;
    private Instant brokerStopped;
    private Instant brokerStarted;
    private String workflowLogDuringOutage;
    private final Map<String, String> phases = new LinkedHashMap<>();

    /** How to start one service again on the same port with the same settings. */
    private record Spec(String key, String module, int port, Map<String, String> properties) {
    }

    @BeforeAll
    void runTheFaultsUnderLoad() throws Exception {
        Path root = Path.of(System.getProperty("motcua.repository.root", "../..")).toAbsolutePath().normalize();
        data = System.getProperty("faults.data") != null ? Path.of(System.getProperty("faults.data"))
                : temporary;
        Instant begun = Instant.now();
        startStack(root);
        phases.put("stack up", Duration.between(begun, Instant.now()).toSeconds() + " s");
        registerCatalogue(services.get("intake").url());

        load = new ReceiptLoad(services.get("intake").url(), admin, COMMUNES, PROCEDURE, RATE, tally);
        officer = new OfficerCommands(services.get("workflow").url(), admin, load::acceptedIds, tally);
        Instant loadStarted = Instant.now();
        load.start();
        officer.start();
        awaitMoreAccepted(BETWEEN_FAULTS);

        for (String service : List.of("intake", "workflow", "reporting")) {
            phase("kill -9 " + service, () -> {
                services.get(service).kill();
                startAgain(root, specs.get(service));
                services.get(service).awaitHealthy(START);
            });
            awaitMoreAccepted(BETWEEN_FAULTS);
        }
        phase("PostgreSQL crash", this::crashPostgres);
        awaitMoreAccepted(BETWEEN_FAULTS);
        phase("Kafka broker stopped", this::stopTheBrokerWhileACommitIsDue);
        awaitMoreAccepted(BETWEEN_FAULTS);

        tally.phase("settling");
        load.stopOffering();
        officer.close();
        await("every receipt offered accepted").atMost(Duration.ofMinutes(2)).until(load::settled);
        phases.put("load", Duration.between(loadStarted, Instant.now()).toSeconds() + " s, "
                + load.offeredCount() + " receipts offered, " + load.acceptedCount() + " accepted");
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (load != null) {
            load.close();
        }
        if (officer != null) {
            officer.close();
        }
        if (health != null) {
            health.close();
            System.out.println("FaultInjectionIT health changes:\n" + health.timeline());
        }
        System.out.println("FaultInjectionIT phases: " + phases);
        System.out.println("FaultInjectionIT answers:\n" + tally.summary());
        tally.violations().forEach(v -> System.out.println("FaultInjectionIT violation: " + v));
        List<ServiceProcess> all = new ArrayList<>(services.values());
        all.add(oidc);
        all.stream().filter(p -> p != null).forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void everyReceiptTheClientSawAcceptedIsCountedOnceInTheReportAndKnownOnceToWorkflow() throws Exception {
        List<String> accepted = load.acceptedIds();
        assertThat(accepted).doesNotHaveDuplicates().hasSize(load.offeredCount());
        String report = reporting("/api/v1/reports/dossiers") + "&scope=subtree";
        await("the report counts every accepted receipt").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> HTTP.as(admin).get(report).json().at("/received/total").asLong()
                        >= accepted.size());
        assertThat(HTTP.as(admin).get(report).json().at("/received/total").asLong()).isEqualTo(accepted.size());
        assertThat(reportItems("received.total")).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(accepted);

        String list = services.get("workflow").url() + "/api/v1/dossiers?officeId=" + DISTRICT + "&scope=subtree";
        await("workflow knows every accepted receipt").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> HTTP.as(admin).get(list + "&size=1").json().get("total").asLong()
                        >= accepted.size());
        List<String> known = new ArrayList<>();
        for (int page = 0; page * 100 < accepted.size() + 100; page++) {
            JsonNode body = HTTP.as(admin).get(list + "&size=100&page=" + page).json();
            assertThat(body.get("total").asLong()).isEqualTo(accepted.size());
            body.get("items").forEach(item -> known.add(item.get("dossierId").asText()));
            if (body.get("items").isEmpty()) {
                break;
            }
        }
        assertThat(known).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    @Order(2)
    void everyAcknowledgedCommandTookEffectOnce() throws Exception {
        Set<Command> acknowledged = officer.acknowledged();
        assertThat(acknowledged).as("commands acknowledged during the faults").hasSizeGreaterThan(20);
        Set<String> resolved = new HashSet<>();
        for (Command command : acknowledged) {
            JsonNode dossier = HTTP.as(admin).get(dossierUrl(command)).json();
            assertThat(historyLines(dossier, command.kind())).as(command + " in " + dossier).isEqualTo(1);
            if (command.kind() == Kind.RESOLUTION) {
                assertThat(dossier.get("status").asText()).isEqualTo("RESOLVED");
                resolved.add(command.dossierId());
            }
        }
        for (Command command : officer.unknown()) {
            JsonNode dossier = HTTP.as(admin).get(dossierUrl(command)).json();
            long lines = historyLines(dossier, command.kind());
            assertThat(lines).as("a command whose answer was lost, at most once: " + command).isLessThanOrEqualTo(1);
            if (command.kind() == Kind.RESOLUTION && lines == 1) {
                resolved.add(command.dossierId());
            }
        }
        String report = reporting("/api/v1/reports/dossiers") + "&scope=subtree";
        await("the report counts every resolution").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> HTTP.as(admin).get(report).json().at("/resolved/total").asLong()
                        >= resolved.size());
        assertThat(HTTP.as(admin).get(report).json().at("/resolved/total").asLong()).isEqualTo(resolved.size());
        assertThat(reportItems("resolved.total")).containsExactlyInAnyOrderElementsOf(resolved);
    }

    @Test
    @Order(3)
    void noAnswerWas500AndEveryOutageAnswerWas503WithRetryAfterOrNoConnection() {
        System.out.println("FaultInjectionIT answers so far:\n" + tally.summary());
        assertThat(tally.violations()).isEmpty();
        // The kills were real: the desk met a closed port, and its receipts were accepted after all.
        assertThat(tally.seen("receipt connection refused")).isGreaterThan(0);
        assertThat(tally.seen("receipt 201")).isGreaterThan(0);
    }

    @Test
    @Order(4)
    void everyConsumerIsUpAgainInEachServicesHealth() {
        Map<String, List<String>> consumers = Map.of(
                "intake", List.of("workflowOutcomeConsumer", "kafkaRelay"),
                "workflow", List.of("intakeConsumer", "catalogueConsumer", "kafkaPublisher"),
                "reporting", List.of("reporting-projector"));
        for (String service : services.keySet()) {
            await(service + " healthy").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> health.read(service).httpStatus() == 200);
            HealthWatch.Reading reading = health.read(service);
            assertThat(reading.components()).as(service + ": " + reading.body()).containsKeys(
                    consumers.get(service).toArray(String[]::new));
            assertThat(reading.components().values()).as(service + ": " + reading.body()).containsOnly("UP");
        }
    }

    @Test
    @Order(5)
    void aConsumerWhoseCommitFailedWhileTheBrokerWasGoneSaidDownAndResumed() {
        assertThat(brokerStopped).as("the broker was stopped").isNotNull();
        // The log of that time says the commit is what failed, past the broker timeout.
        assertThat(workflowLogDuringOutage).as("workflow's log while the broker was gone")
                .containsPattern("intake-consumer.*fail")
                .containsPattern("(?i)committing offsets|commitSync|CommitFailed");
        assertThat(health.seen("workflow", "intakeConsumer", "DOWN", brokerStopped, brokerStarted))
                .as("workflow's /health said intakeConsumer DOWN while the broker was gone: "
                        + health.changes("workflow", "intakeConsumer")).isTrue();
        assertThat(health.seen("workflow", "intakeConsumer", "UP", brokerStarted, Instant.now()))
                .as("and UP again after: " + health.changes("workflow", "intakeConsumer")).isTrue();
        // Resumed: the dossiers received while the broker was gone, and after, reached workflow (test 1 checks
        // each of them once); here, the consumer's lag is back to nothing.
        await("intake consumer caught up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> HTTP.as(admin).get(services.get("workflow").url()
                        + "/api/v1/dossiers?officeId=" + DISTRICT + "&scope=subtree&size=1").json()
                        .get("total").asLong() == load.acceptedCount());
    }

    // --- the faults ---

    private interface Fault {
        void run() throws Exception;
    }

    private void phase(String name, Fault fault) throws Exception {
        tally.phase(name);
        Instant started = Instant.now();
        System.out.printf("FaultInjectionIT %s: %s (%d receipts accepted so far)%n", Instant.now(), name,
                load.acceptedCount());
        fault.run();
        phases.put(name, Duration.between(started, Instant.now()).toSeconds() + " s");
        tally.phase("after " + name);
    }

    private void awaitMoreAccepted(int more) {
        int target = load.acceptedCount() + more;
        await(more + " more receipts accepted").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> load.acceptedCount() >= target);
    }

    /**
     * kill -9 of a backend serving intake: the postmaster ends every other backend and runs crash recovery; every
     * service loses all its connections at once.
     */
    private void crashPostgres() throws Exception {
        try (Connection witness = connect("workflow"); Connection c = connect("postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = 'intake'"
                     + " AND backend_type = 'client backend' LIMIT 1")) {
            assertThat(rs.next()).as("intake has a connection").isTrue();
            long pid = rs.getLong(1);
            ProcessHandle backend = ProcessHandle.of(pid).orElseThrow();
            assertThat(backend.destroyForcibly()).isTrue();
            backend.onExit().get();
            // The postmaster ends every backend (here another database's) before it recovers.
            await().atMost(Duration.ofMinutes(1)).until(() -> !answers(witness));
        }
        await("PostgreSQL recovered").atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> {
            try (Connection c = connect("postgres")) {
                return answers(c);
            }
        });
        for (ServiceProcess service : services.values()) {
            service.awaitHealthy(Duration.ofMinutes(2));
        }
    }

    /**
     * Stops the broker with workflow's intake consumer in the middle of a batch, so that its offset commit meets
     * the broker gone: the test locks the table the batch writes ({@code dossier_view}), waits until a
     * transaction waits on it (the officer is paused, so it is the consumer's), stops the broker, lets the batch
     * go on. The broker stays away {@link #BROKER_DOWN}, then starts again on the same port and data.
     */
    private void stopTheBrokerWhileACommitIsDue() throws Exception {
        officer.pause();
        Path workflowLog = data.resolve("logs").resolve("workflow-service.log");
        long logMark;
        try (Connection lock = connect("workflow")) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE dossier_view IN SHARE MODE");
                await("a batch waits on dossier_view").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(50)).until(() -> {
                            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted"
                                    + " AND relation = 'dossier_view'::regclass")) {
                                return rs.next() && rs.getLong(1) > 0;
                            }
                        });
            }
            logMark = Files.size(workflowLog);
            kafka.close();
            brokerStopped = Instant.now();
            lock.commit();
        }
        officer.resume();
        Thread.sleep(BROKER_DOWN.toMillis()); // the outage itself, not a wait for something
        kafka = KafkaBroker.start(kafkaOptions);
        brokerStarted = Instant.now();
        workflowLogDuringOutage = readFrom(workflowLog, logMark);
        for (ServiceProcess service : services.values()) {
            service.awaitHealthy(Duration.ofMinutes(3));
        }
    }

    // --- the stack ---

    private void startStack(Path root) throws Exception {
        postgres = PostgresServer.start(new PostgresOptions(data.resolve("postgres"), 0, true));
        kafkaOptions = new KafkaOptions(data.resolve("kafka"), freePort());
        kafka = KafkaBroker.start(kafkaOptions);
        TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), TopicProvisioner.DEFAULT_PARTITIONS);
        Path logs = data.resolve("logs");
        oidc = LocalStack.startOidc(root, freePort(), data.resolve("oidc"), null, logs);
        oidc.awaitHealthy(START);
        String issuer = oidc.url();
        LocalIdentities.Entry client = LocalIdentities.read(LocalStack.identitiesFile(data.resolve("oidc"), null))
                .superClient().orElseThrow();
        admin = new ClientCredentials(issuer, client.name(), client.secret());

        int intake = freePort();
        int workflow = freePort();
        int reporting = freePort();
        specs.put("intake", new Spec("intake", "intake-service", intake,
                withHealthDetails(LocalStack.springProperties(postgres, kafka, "intake", intake, issuer))));
        specs.put("workflow", new Spec("workflow", "workflow-service", workflow,
                withHealthDetails(LocalStack.springProperties(postgres, kafka, "workflow", workflow, issuer))));
        specs.put("reporting", new Spec("reporting", "reporting-service", reporting,
                LocalStack.micronautProperties(postgres, kafka, reporting, issuer)));
        for (Spec spec : specs.values()) {
            startAgain(root, spec);
        }
        for (ServiceProcess service : services.values()) {
            service.awaitHealthy(START);
        }
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((name, service) -> urls.put(name, service.url()));
        health = new HealthWatch(urls);
    }

    /** Spring answers {@code /health} with its components only when asked to; the consumers are among them. */
    private static Map<String, String> withHealthDetails(Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("management.endpoint.health.show-details", "always");
        return all;
    }

    private void startAgain(Path root, Spec spec) throws IOException {
        services.put(spec.key(), ServiceProcess.start(spec.module(), LocalStack.jar(root, spec.module()),
                spec.port(), spec.properties(), data.resolve("logs")));
    }

    private void registerCatalogue(String intake) throws Exception {
        Map<String, String> offices = new LinkedHashMap<>();
        offices.put(PROVINCE, "{\"name\":\"UBND TP Hồ Chí Minh\",\"level\":\"PROVINCE\"}");
        offices.put(DISTRICT, "{\"name\":\"UBND huyện Củ Chi\",\"level\":\"DISTRICT\",\"parentId\":\"" + PROVINCE
                + "\"}");
        for (String commune : COMMUNES) {
            offices.put(commune, "{\"name\":\"UBND xã " + commune + "\",\"level\":\"COMMUNE\",\"parentId\":\""
                    + DISTRICT + "\"}");
        }
        for (Map.Entry<String, String> office : offices.entrySet()) {
            assertThat(HTTP.as(admin).put(intake + "/api/v1/offices/" + office.getKey(), office.getValue())
                    .status()).isIn(200, 201);
        }
        assertThat(HTTP.as(admin).put(intake + "/api/v1/procedures/" + PROCEDURE, "{\"name\":\"Đăng ký khai sinh\","
                + "\"field\":\"Hộ tịch\",\"processingDays\":3,\"onlineMode\":\"FULL\",\"postal\":true}")
                .status()).isIn(200, 201);
    }

    // --- reading what is left ---

    private String reporting(String path) {
        LocalDate today = LocalDate.now(VIETNAM);
        return services.get("reporting").url() + path + "?officeId=" + DISTRICT + "&from=" + today.minusDays(1)
                + "&to=" + today;
    }

    private List<String> reportItems(String figure) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = HTTP.as(admin).get(reporting("/api/v1/reports/dossiers/items") + "&scope=subtree&figure="
                    + figure + "&size=500&page=" + page).json();
            body.get("items").forEach(item -> ids.add(item.get("dossierId").asText()));
            if (body.get("items").size() < 500) {
                assertThat(body.get("total").asLong()).isEqualTo(ids.size());
                return ids;
            }
        }
    }

    private String dossierUrl(Command command) {
        return services.get("workflow").url() + "/api/v1/dossiers/" + command.dossierId();
    }

    private static long historyLines(JsonNode dossier, Kind kind) {
        long n = 0;
        for (JsonNode line : dossier.path("history")) {
            if (kind.historyKind.equals(line.path("kind").asText())) {
                n++;
            }
        }
        return n;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
    }

    private static boolean answers(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException gone) {
            return false;
        }
    }

    private static String readFrom(Path file, long offset) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
    }
}
