package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.Topics;
import vn.motcua.infra.Infrastructure;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.testsupport.Problem;
import vn.motcua.testsupport.TestIssuer;
import vn.motcua.testsupport.TopicProbe;

/**
 * One Spring context for every integration test (same annotations, so Spring caches it), on the real
 * PostgreSQL and Kafka of motcua-infra, and a real token issuer ({@link TestIssuer}: its own key pair, its JWKS on
 * loopback) that the service trusts. Tests use their own dossier ids, so they never see each other's data. The
 * HTTP helpers send an officer's token for every office unless a test says otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WorkflowIntegrationTestBase {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static TopicProbe topics;
    /** The workflow topic from its start; it keeps every record read (shared by the tests of a class). */
    private static TopicProbe.Reader workflowReader;

    @LocalServerPort
    int port;

    /** One issuer for the whole JVM: the cached Spring context keeps trusting the same keys. */
    static final TestIssuer ISSUER = startIssuer();
    /** The {@code sub} of the default caller: what the history's {@code by} shows for the tests' commands. */
    static final String OFFICER = "it-officer";

    private static TestIssuer startIssuer() {
        TestIssuer issuer = TestIssuer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close));
        return issuer;
    }

    /** The default caller: an officer of every office (a fresh token each time, so none expires mid-run). */
    static String officerToken() {
        return ISSUER.bearer(OFFICER, List.of("officer"), List.of("*"));
    }

    /** An admin of every office (metrics). */
    static String adminToken() {
        return ISSUER.bearer("it-admin", List.of("admin"), List.of("*"));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infra = Infrastructure.shared();
        registry.add("spring.datasource.url", () -> infra.jdbcUrl("workflow_it"));
        registry.add("spring.datasource.username", infra::username);
        registry.add("spring.datasource.password", infra::password);
        registry.add("motcua.kafka.bootstrap-servers", infra::bootstrapServers);
        registry.add("motcua.workflow.calendar-dir", WorkflowIntegrationTestBase::calendarDir);
        registry.add("motcua.security.issuer", ISSUER::issuer);
        registry.add("motcua.security.jwk-set-uri", ISSUER::jwkSetUri);
    }

    /** Office {@value #OFFICE_WITH_DAY_OFF} closes on Thursday 2026-03-12 (its own calendar override file). */
    static final String OFFICE_WITH_DAY_OFF = "H49.98";
    private static Path calendarDir;

    private static synchronized String calendarDir() {
        if (calendarDir == null) {
            try {
                calendarDir = Files.createTempDirectory("workflow-calendars-");
                calendarDir.toFile().deleteOnExit();
                Path file = Files.writeString(calendarDir.resolve(OFFICE_WITH_DAY_OFF + ".csv"),
                        "date,kind,note\n2026-03-12,OFF,provincial day off\n");
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return calendarDir.toString();
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant();
    }

    static String newDossierId(String office) {
        return office + "-" + UUID.randomUUID().toString().substring(0, 8) + "-" + SEQUENCE.incrementAndGet();
    }

    // ---- Kafka -------------------------------------------------------------------------------------------------

    /** test-support's probe on the shared broker: publishes as intake does, reads the workflow topic. */
    static synchronized TopicProbe topics() {
        if (topics == null) {
            topics = new TopicProbe(Infrastructure.shared().bootstrapServers());
        }
        return topics;
    }

    @AfterAll
    static synchronized void closeClients() {
        // Kept open across classes would leak threads into other JVM users; reopened on demand.
        if (workflowReader != null) {
            workflowReader.close();
            workflowReader = null;
        }
        if (topics != null) {
            topics.close();
            topics = null;
        }
    }

    static DossierReceived received(String dossierId, String office, Instant receivedAt, Instant dueAt) {
        return new DossierReceived(dossierId, dossierId, office, "1.001612", "Đất đai", Channel.IN_PERSON, true,
                new BigDecimal("3"), receivedAt, dueAt);
    }

    /** Publishes as intake does and returns where the record landed. */
    static RecordMetadata publishIntake(EventEnvelope envelope) throws Exception {
        return topics().publish(CloudEventsCodec.encode(envelope));
    }

    /** Registers an office on the catalogue topic, as intake's catalogue does; returns where it landed. */
    static RecordMetadata registerOffice(String officeId, String parentId, Instant registeredAt) throws Exception {
        OfficeLevel level = parentId == null ? OfficeLevel.PROVINCE : OfficeLevel.COMMUNE;
        return topics().publish(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                new OfficeRegistered(officeId, "Office " + officeId, level, parentId, registeredAt))));
    }

    /** Registers the offices (child to parent pairs, in order) and waits until workflow has recorded them all. */
    static void registerOffices(String... childParentPairs) throws Exception {
        Instant at = Instant.now();
        RecordMetadata last = null;
        List<RecordMetadata> sent = new ArrayList<>();
        for (int i = 0; i < childParentPairs.length; i += 2) {
            last = registerOffice(childParentPairs[i], childParentPairs[i + 1], at);
            sent.add(last);
        }
        sent.forEach(r -> awaitConsumed(r, CATALOGUE_GROUP));
    }

    static final String CATALOGUE_GROUP = "workflow-service-catalogue";

    /** Waits until the workflow's consumer group has committed past {@code record}: it was handled. */
    static void awaitConsumed(RecordMetadata record) {
        awaitConsumed(record, "workflow-service");
    }

    /** Waits until {@code group} has committed past {@code record}. */
    static void awaitConsumed(RecordMetadata record, String group) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    /** Waits for a record on the workflow topic that matches and returns it. */
    static synchronized ConsumerRecord<String, byte[]> awaitPublished(Predicate<ConsumerRecord<String, byte[]>> match) {
        if (workflowReader == null) {
            workflowReader = topics().read(Topics.DOSSIER_WORKFLOW);
        }
        return workflowReader.await(match, Duration.ofSeconds(30));
    }

    static synchronized List<ConsumerRecord<String, byte[]>> publishedFor(String dossierId) {
        return workflowReader == null ? List.of()
                : workflowReader.seen().stream().filter(r -> dossierId.equals(r.key())).toList();
    }

    static Predicate<ConsumerRecord<String, byte[]>> ofType(String dossierId, String ceType) {
        return r -> dossierId.equals(r.key()) && ceType.equals(header(r, "ce_type"));
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return TopicProbe.header(record, name);
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    /** The service on its random port (test-support's client, parsing with the service's Jackson 3), sending no token. */
    JsonHttp<JsonNode> http() {
        return JsonHttp.at("http://localhost:" + port, JSON::readTree);
    }

    Reply<JsonNode> get(String path) {
        return get(path, officerToken());
    }

    /** GET with this {@code Authorization} header value; null sends none. */
    Reply<JsonNode> get(String path, String authorization) {
        return http().as(authorization).get(path);
    }

    Reply<JsonNode> post(String path, String json) {
        return post(path, json, officerToken());
    }

    /** POST with this {@code Authorization} header value; null sends none. */
    Reply<JsonNode> post(String path, String json, String authorization) {
        return http().as(authorization).post(path, json);
    }

    URI uri(String path) {
        return http().uri(path);
    }

    /** Sends the request, with the default officer's token if it has no {@code Authorization} header. */
    Reply<JsonNode> send(HttpRequest request) {
        if (request.headers().firstValue("Authorization").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", officerToken()).build();
        }
        return sendExactly(request);
    }

    /** Sends the request as it is (no token added). */
    Reply<JsonNode> sendExactly(HttpRequest request) {
        return http().exactly(request);
    }

    /** Publishes a DossierReceived and waits until the workflow answers for it. */
    JsonNode openDossier(String dossierId, String office, Instant receivedAt, Instant dueAt) throws Exception {
        publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                received(dossierId, office, receivedAt, dueAt)));
        return await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/dossiers/" + dossierId),
                r -> r.status() == 200).json();
    }

    /**
     * The officers' steps in a dossier's history: announcements (DUE_SOON, OVERDUE) are left out, since the
     * deadline watcher adds them on its own schedule for the (past-dated) test dossiers.
     */
    static List<String> steps(JsonNode view) {
        List<String> kinds = new ArrayList<>();
        view.path("history").forEach(line -> kinds.add(line.path("kind").asString()));
        return kinds.stream().filter(k -> !k.equals("DUE_SOON") && !k.equals("OVERDUE")).toList();
    }

    /** ce_types published for a dossier, announcements left out (see {@link #steps}). */
    static List<String> publishedSteps(String dossierId) {
        return publishedFor(dossierId).stream().map(r -> header(r, "ce_type"))
                .filter(t -> !t.endsWith(".due-soon.v1") && !t.endsWith(".overdue.v1")).toList();
    }

    /** test-support's {@link Problem#check}: the status, a complete problem naming {@code field} (null: none asked). */
    static void assertProblem(Reply<?> response, int status, String field) {
        assertThat(Problem.check(response, status, field)).isEmpty();
    }
}
