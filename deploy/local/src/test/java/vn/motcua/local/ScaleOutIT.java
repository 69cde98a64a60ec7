package vn.motcua.local;

import static vn.motcua.infra.ServiceProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierDueSoon;
import vn.motcua.events.DossierOverdue;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.Topics;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;
import vn.motcua.local.oidc.ClientCredentials;
import vn.motcua.local.oidc.LocalIdentities;
import vn.motcua.testsupport.Jackson2;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.testsupport.TopicProbe;
import vn.motcua.infra.ServiceProcess;

/**
 * Two instances of every service share one PostgreSQL and one Kafka (Axon segments through the shared token
 * store, Kafka partitions through consumer groups). Thousands of dossiers go in through both intakes; one instance
 * of each service is killed mid-run, without a graceful stop, and started again after the receipts. Afterwards every
 * dossier is counted exactly once and every deadline was announced exactly once.
 */
class ScaleOutIT {
    /** Full URLs (the services run on ports of their own); JSON parsed with Jackson 2. */
    private static final JsonHttp<JsonNode> HTTP = JsonHttp.at("", Jackson2::tree).header("Accept", "application/json");
    private static final int DOSSIERS = 3000;
    private static final int KILL_AFTER = 1000;
    private static final int RESOLVED = 300;
    private static final String OFFICE = "H29.20.15";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path data;

    private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();
    private static Supplier<String> admin;

    @Test
    void twoInstancesOfEachServiceShareTheWorkAndAKilledOneLosesAndDoublesNothing() throws Exception {
        Path root = Path.of(System.getProperty("motcua.repository.root", "../..")).toAbsolutePath().normalize();
        try (PostgresServer postgres = PostgresServer.start(new PostgresOptions(data.resolve("postgres"), 0, false));
             KafkaBroker kafka = KafkaBroker.start(new KafkaOptions(data.resolve("kafka"), 0))) {
            TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), TopicProvisioner.DEFAULT_PARTITIONS);
            try {
                // One OpenID Provider for all six instances; the test signs in as its demo admin client.
                ServiceProcess oidc = LocalStack.startOidc(root, freePort(), data.resolve("oidc"), null,
                        data.resolve("logs"));
                started.add(oidc);
                oidc.awaitHealthy(Duration.ofMinutes(4));
                String issuer = oidc.url();
                LocalIdentities.Entry client = LocalIdentities.read(LocalStack.identitiesFile(data.resolve("oidc"),
                        null)).superClient().orElseThrow();
                admin = new ClientCredentials(issuer, client.name(), client.secret());
                Settings intake = port -> LocalStack.springProperties(postgres, kafka, "intake", port, issuer);
                Settings workflow = port -> LocalStack.springProperties(postgres, kafka, "workflow", port, issuer);
                Settings reporting = port -> LocalStack.micronautProperties(postgres, kafka, port, issuer);
                List<ServiceProcess> intakes = pair(root, "intake-service", intake);
                List<ServiceProcess> workflows = pair(root, "workflow-service", workflow);
                List<ServiceProcess> reportings = pair(root, "reporting-service", reporting);
                for (ServiceProcess service : started) {
                    service.awaitHealthy(Duration.ofMinutes(4));
                }
                registerCatalogue(intakes.get(0).url());

                List<String> dossierIds = receiveAll(intakes, () -> {
                    // A crash, not a shutdown: no hooks, batches cut in the middle.
                    for (List<ServiceProcess> pair : List.of(intakes, workflows, reportings)) {
                        pair.get(1).kill();
                    }
                });
                assertThat(dossierIds).hasSize(DOSSIERS).doesNotHaveDuplicates();

                // The killed instances start again on their ports and resume from the shared stores.
                List<ServiceProcess> restarted = List.of(
                        restart(root, "intake-service", intakes.get(1).port(), intake),
                        restart(root, "workflow-service", workflows.get(1).port(), workflow),
                        restart(root, "reporting-service", reportings.get(1).port(), reporting));
                for (ServiceProcess service : restarted) {
                    service.awaitHealthy(Duration.ofMinutes(4));
                }

                String workflowUrl = workflows.get(0).url();
                Set<String> resolved = new HashSet<>(dossierIds.subList(0, RESOLVED));
                for (String id : resolved) {
                    String dossier = workflowUrl + "/api/v1/dossiers/" + id;
                    await().atMost(Duration.ofMinutes(3))
                            .until(() -> HTTP.as(admin).get(dossier).status() == 200);
                    assertThat(HTTP.as(admin).post(dossier + "/resolution", "{\"outcome\":\"APPROVED\"}")
                            .status())
                            .isEqualTo(200);
                }

                String report = reportings.get(0).url() + "/api/v1/reports/dossiers?officeId=" + OFFICE
                        + "&from=" + LocalDate.now(VIETNAM).minusDays(40) + "&to=" + LocalDate.now(VIETNAM);
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    JsonNode figures = HTTP.as(admin).get(report).json();
                    assertThat(figures.at("/received/total").asLong()).isEqualTo(DOSSIERS);
                    assertThat(figures.at("/resolved/total").asLong()).isEqualTo(RESOLVED);
                    assertThat(figures.at("/resolved/late").asLong()).isEqualTo(RESOLVED);
                    assertThat(figures.at("/inProgress/total").asLong()).isEqualTo(DOSSIERS - RESOLVED);
                    assertThat(figures.at("/inProgress/overdue").asLong()).isEqualTo(DOSSIERS - RESOLVED);
                    assertThat(figures.at("/apologies/lateWithoutLetter").asLong()).isZero();
                });

                assertEveryDeadlineAnnouncedOnce(kafka.bootstrapServers(), dossierIds, resolved);
            } finally {
                started.forEach(ServiceProcess::close);
            }
        }
    }

    private interface Settings {
        Map<String, String> forPort(int port);
    }

    private List<ServiceProcess> pair(Path root, String module, Settings settings) throws IOException {
        List<ServiceProcess> pair = new ArrayList<>();
        for (String instance : List.of("a", "b")) {
            int port = freePort();
            ServiceProcess service = ServiceProcess.start(module + "-" + instance, LocalStack.jar(root, module), port,
                    settings.forPort(port), data.resolve("logs"));
            started.add(service);
            pair.add(service);
        }
        return pair;
    }

    private ServiceProcess restart(Path root, String module, int port, Settings settings) throws IOException {
        ServiceProcess service = ServiceProcess.start(module + "-b-restarted", LocalStack.jar(root, module), port,
                settings.forPort(port), data.resolve("logs"));
        started.add(service);
        return service;
    }

    private static void registerCatalogue(String intake) throws Exception {
        for (String[] office : List.of(new String[] {"H29", "{\"name\":\"UBND TP Hồ Chí Minh\",\"level\":\"PROVINCE\"}"},
                new String[] {"H29.20", "{\"name\":\"UBND huyện Củ Chi\",\"level\":\"DISTRICT\",\"parentId\":\"H29\"}"},
                new String[] {OFFICE, "{\"name\":\"UBND xã Tân Thạnh Đông\",\"level\":\"COMMUNE\","
                        + "\"parentId\":\"H29.20\"}"})) {
            assertThat(HTTP.as(admin).put(intake + "/api/v1/offices/" + office[0], office[1]).status())
                    .isIn(200, 201);
        }
        assertThat(HTTP.as(admin).put(intake + "/api/v1/procedures/1.001193", "{\"name\":\"Đăng ký khai sinh\","
                + "\"field\":\"Hộ tịch\",\"processingDays\":0.5,\"onlineMode\":\"FULL\",\"postal\":true}").status())
                .isIn(200, 201);
    }

    /**
     * Historical receipts (a month old, so every deadline has passed) spread over both intakes; after
     * {@link #KILL_AFTER} receipts one instance of each service is killed, and requests it was serving are retried
     * on the survivor with the same Idempotency-Key, as an integrator's client would.
     */
    private List<String> receiveAll(List<ServiceProcess> intakes, KillSwitch kill) throws Exception {
        Instant base = Instant.now().minus(Duration.ofDays(30));
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Set<Integer> killed = Collections.newSetFromMap(new ConcurrentHashMap<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            work.add(clients.submit(() -> {
                for (int n = next.getAndIncrement(); n < DOSSIERS; n = next.getAndIncrement()) {
                    String key = UUID.randomUUID().toString();
                    String body = "{\"officeId\":\"" + OFFICE + "\",\"procedureCode\":\"1.001193\",\"channel\":\""
                            + (n % 3 == 0 ? "ONLINE" : "IN_PERSON") + "\",\"receivedAt\":\""
                            + base.plusSeconds(n) + "\",\"applicant\":{\"fullName\":\"Người nộp " + n + "\"}}";
                    ids.put(n, receive(intakes, n, key, body, killed));
                    if (done.incrementAndGet() == KILL_AFTER && killed.add(1)) {
                        kill.now();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        clients.shutdown();
        List<String> inOrder = new ArrayList<>();
        for (int n = 0; n < DOSSIERS; n++) {
            inOrder.add(ids.get(n));
        }
        return inOrder;
    }

    private interface KillSwitch {
        void now() throws Exception;
    }

    private static String receive(List<ServiceProcess> intakes, int n, String key, String body, Set<Integer> killed)
            throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            int instance = killed.isEmpty() ? (n + attempt) % 2 : 0;
            try {
                Reply<JsonNode> answer = HTTP.as(admin).post(intakes.get(instance).url() + "/api/v1/dossiers", body,
                        Map.of("Idempotency-Key", key));
                if (answer.status() == 201 || answer.status() == 200) {
                    return answer.json().get("dossierId").asText();
                }
                assertThat(answer.status()).as(answer.body()).isGreaterThanOrEqualTo(500);
            } catch (UncheckedIOException instanceDied) {
                // retried on the other instance with the same key
            }
        }
        throw new AssertionError("dossier " + n + " was never received");
    }

    /** Reads the whole workflow topic: one due-soon and one overdue event id per unresolved dossier, never two. */
    private static void assertEveryDeadlineAnnouncedOnce(String bootstrap, List<String> dossierIds,
                                                         Set<String> resolved) {
        Map<String, Set<String>> overdue = new HashMap<>();
        Map<String, Set<String>> dueSoon = new HashMap<>();
        try (TopicProbe topics = new TopicProbe(bootstrap);
             TopicProbe.Reader workflow = topics.read(Topics.DOSSIER_WORKFLOW)) {
            Set<String> unresolved = new HashSet<>(dossierIds);
            unresolved.removeAll(resolved);
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : workflow.poll(Duration.ofMillis(500))) {
                    EventEnvelope event = CloudEventsCodec.decode(record);
                    if (event.data() instanceof DossierOverdue late) {
                        overdue.computeIfAbsent(late.dossierId(), k -> new HashSet<>()).add(event.id().toString());
                    } else if (event.data() instanceof DossierDueSoon soon) {
                        dueSoon.computeIfAbsent(soon.dossierId(), k -> new HashSet<>()).add(event.id().toString());
                    }
                }
                return overdue.keySet().containsAll(unresolved) && dueSoon.keySet().containsAll(unresolved);
            });
        }
        assertThat(overdue.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(dueSoon.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(overdue.keySet()).isSubsetOf(dossierIds);
    }
}
