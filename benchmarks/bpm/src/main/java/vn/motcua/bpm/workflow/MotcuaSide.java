package vn.motcua.bpm.workflow;

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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.motcua.infra.ServiceProcess;
import vn.motcua.bpm.run.Cpu;
import vn.motcua.bpm.run.DossierPlan;
import vn.motcua.bpm.run.Side;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.PostgresServer;

/**
 * The lifecycle on motcua's workflow-service, its runnable jar in its own JVM (Spring Boot 4 and Axon stay off
 * this module's classpath), as in production: intake's {@code DossierReceived} on the intake topic opens the
 * dossier; the officer's transfer, resolution and return are HTTP commands with a bearer token.
 *
 * <p>Receive is done when the dossier's row is in the workflow's read model (same transaction as its events):
 * polled in PostgreSQL with a 1 → 20 ms back-off rather than over HTTP, so the measurement costs the service
 * nothing; the polls' own small cost lands in PostgreSQL's CPU, which is counted for this side.
 */
public final class MotcuaSide implements Side {
    public static final String DATABASE = "workflow";

    private final ServiceProcess service;
    private final KafkaProducer<String, byte[]> producer;
    private final Supplier<String> authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String jdbcUrl;
    private final String dbUser;
    private final String dbPassword;
    private final ThreadLocal<Connection> readModel = new ThreadLocal<>();
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicLong polls = new AtomicLong();

    private MotcuaSide(ServiceProcess service, KafkaProducer<String, byte[]> producer, Supplier<String> authorization,
                       PostgresServer postgres) {
        this.service = service;
        this.producer = producer;
        this.authorization = authorization;
        this.jdbcUrl = postgres.jdbcUrl(DATABASE);
        this.dbUser = postgres.username();
        this.dbPassword = postgres.password();
    }

    /** Starts workflow-service from {@code jar} on {@code postgres} and {@code kafka}, trusting {@code issuer}. */
    public static MotcuaSide start(Path jar, PostgresServer postgres, KafkaBroker kafka, String issuer,
                                   Supplier<String> authorization, Path logDir) throws Exception {
        int port = ServiceProcess.freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.datasource.url", postgres.jdbcUrl(DATABASE));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("motcua.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("motcua.security.issuer", issuer);
        properties.put("motcua.security.jwk-set-uri", issuer + "/oauth2/jwks");
        // deploy/local's heap for a service.
        List<String> jvm = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
        if (System.getProperty("bench.jfr") != null) {
            // -Dbench.jfr=DIR: a flight recording of the service's JVM, to see where its CPU goes (not for figures).
            Path recording = Path.of(System.getProperty("bench.jfr")).toAbsolutePath().resolve("workflow-service.jfr");
            Files.createDirectories(recording.getParent());
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        ServiceProcess service = ServiceProcess.start("workflow-service", jar, port, properties, logDir, jvm);
        try {
            service.awaitHealthy(Duration.ofMinutes(4));
        } catch (RuntimeException | InterruptedException e) {
            service.close();
            throw e;
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new MotcuaSide(service, new KafkaProducer<>(producerConfig), authorization, postgres);
    }

    public String url() {
        return service.url();
    }

    public long pid() {
        return service.pid();
    }

    /** How many read-model lookups the receive steps needed so far. */
    public long polls() {
        return polls.get();
    }

    @Override
    public String name() {
        return "motcua workflow-service";
    }

    @Override
    public void receive(DossierPlan dossier) throws Exception {
        DossierReceived event = new DossierReceived(dossier.dossierId(), dossier.dossierId(), dossier.officeId(),
                "1.001612", "Đất đai", Channel.IN_PERSON, true, DossierPlan.PROCESSING_DAYS, dossier.receivedAt(),
                dossier.dueAt());
        producer.send(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake", event))).get();
        long pause = 1_000_000;
        while (!opened(dossier.dossierId())) {
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 20_000_000);
        }
    }

    private boolean opened(String dossierId) throws SQLException {
        polls.incrementAndGet();
        try (PreparedStatement query = connection().prepareStatement(
                "SELECT 1 FROM dossier_view WHERE dossier_id = ?")) {
            query.setString(1, dossierId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = readModel.get();
        if (connection == null) {
            connection = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
            readModel.set(connection);
            synchronized (connections) {
                connections.add(connection);
            }
        }
        return connection;
    }

    @Override
    public void transfer(String dossierId) throws Exception {
        command(dossierId, "transfers", "{\"toUnit\":\"land office\",\"toOfficeId\":\"H49.17\"}");
    }

    @Override
    public void resolve(String dossierId) throws Exception {
        command(dossierId, "resolution", "{\"outcome\":\"APPROVED\"}");
    }

    @Override
    public void returnResult(String dossierId) throws Exception {
        command(dossierId, "return", "{\"method\":\"IN_PERSON\"}");
    }

    private void command(String dossierId, String command, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(service.url() + "/api/v1/dossiers/" + dossierId + "/" + command))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization.get())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException("POST " + command + " of " + dossierId + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    /** GET /api/v1/dossiers/{id}: the dossier's state and history as JSON (for checks, not timed). */
    public String view(String dossierId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.url() + "/api/v1/dossiers/" + dossierId))
                .header("Authorization", authorization.get()).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + dossierId + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The service's JVM, from /proc (the load generator and the broker run in the benchmark's JVM). */
    @Override
    public Duration engineCpu() {
        return Cpu.of(service.pid());
    }

    @Override
    public String database() {
        return DATABASE;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        synchronized (connections) {
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }
        service.close();
    }
}
