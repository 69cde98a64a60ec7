package vn.motcua.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;
import vn.motcua.local.demo.CatalogueLoader;
import vn.motcua.local.demo.DemoDriver;
import vn.motcua.local.oidc.ClientCredentials;
import vn.motcua.local.oidc.LocalIdentities;
import vn.motcua.infra.ServiceProcess;

/**
 * The whole motcua set on one machine: embedded PostgreSQL (one server, a database per service), an in-process
 * Kafka broker and the local OpenID Provider, then the three services as separate JVMs from their runnable jars,
 * each trusting that provider's tokens. Everything lives under the data directory (the provider's signing key
 * too), so a restart resumes with every dossier, offset and token where it was.
 *
 * <p>Over 300 lines on purpose: the start order (database, broker, provider, services) and its reverse on close are one
 * sequence, read in one place; the command line and the demo at the bottom are its only entry.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int DEFAULT_DEMO_DOSSIERS = 3000;
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Map<String, ServiceProcess> services;
    private final Path identitiesFile;

    private LocalStack(PostgresServer postgres, KafkaBroker kafka, Map<String, ServiceProcess> services,
                       Path identitiesFile) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.services = services;
        this.identitiesFile = identitiesFile;
    }

    public static LocalStack start(StackOptions options) throws Exception {
        Path data = options.dataDir().toAbsolutePath();
        Files.createDirectories(data);
        PostgresServer postgres = PostgresServer.start(
                new PostgresOptions(data.resolve("postgres"), options.postgresPort(), options.durable()));
        KafkaBroker kafka = null;
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        try {
            kafka = KafkaBroker.start(new KafkaOptions(data.resolve("kafka"), options.kafkaPort()));
            TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), TopicProvisioner.DEFAULT_PARTITIONS);
            Path root = options.repositoryRoot().toAbsolutePath();
            Path logs = data.resolve("logs");
            // The provider first: a broken identities file stops the stack before any service starts.
            ServiceProcess oidc = startOidc(root, options.oidcPort(), data.resolve("oidc"), options.identities(),
                    logs);
            services.put("oidc", oidc);
            oidc.awaitHealthy(START_TIMEOUT);
            String issuer = oidc.url();
            Map<String, String> intake = springProperties(postgres, kafka, "intake", options.intakePort(), issuer);
            intake.put("motcua.intake.load-seed-catalogue", Boolean.toString(options.seedCatalogue()));
            services.put("intake", ServiceProcess.start("intake-service", jar(root, "intake-service"),
                    options.intakePort(), intake, logs, jvmOptions(options, "intake-service")));
            services.put("workflow", ServiceProcess.start("workflow-service", jar(root, "workflow-service"),
                    options.workflowPort(),
                    springProperties(postgres, kafka, "workflow", options.workflowPort(), issuer), logs,
                    jvmOptions(options, "workflow-service")));
            services.put("reporting", ServiceProcess.start("reporting-service", jar(root, "reporting-service"),
                    options.reportingPort(), micronautProperties(postgres, kafka, options.reportingPort(), issuer),
                    logs, jvmOptions(options, "reporting-service")));
            for (ServiceProcess service : services.values()) {
                service.awaitHealthy(START_TIMEOUT);
            }
            return new LocalStack(postgres, kafka, services, identitiesFile(data.resolve("oidc"),
                    options.identities()));
        } catch (Exception | Error e) {
            new LocalStack(postgres, kafka, services, null).close();
            throw e;
        }
    }

    /**
     * The local OpenID Provider from its runnable jar, issuing tokens as {@code http://localhost:<port>}; its
     * signing key (and the demo set, without an identities file) live in {@code dataDir}.
     */
    public static ServiceProcess startOidc(Path root, int port, Path dataDir, Path identities, Path logDir)
            throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("motcua.oidc.issuer", "http://localhost:" + port);
        properties.put("motcua.oidc.data-dir", dataDir.toAbsolutePath().toString());
        if (identities != null) {
            properties.put("motcua.oidc.identities", identities.toAbsolutePath().toString());
        }
        return ServiceProcess.start("oidc", oidcJar(root), port, properties, logDir);
    }

    /** A flight recording per service when asked for (a benchmark's profile), written when the service stops. */
    static List<String> jvmOptions(StackOptions options, String module) throws IOException {
        if (options.flightRecordings() == null) {
            return List.of();
        }
        Path dir = Files.createDirectories(options.flightRecordings().toAbsolutePath());
        return List.of("-XX:StartFlightRecording=name=motcua,settings=profile,dumponexit=true,filename="
                + dir.resolve(module + ".jfr"));
    }

    /** The file the provider's identities come from: the operator's, or the demo set it keeps in its data dir. */
    public static Path identitiesFile(Path oidcDataDir, Path identities) {
        return identities != null ? identities.toAbsolutePath() : oidcDataDir.resolve("demo-identities.json");
    }

    public String url(String service) {
        return services.get(service).url();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The issuer of every token the services accept; its token endpoint is {@code <issuer>/oauth2/token}. */
    public String issuer() {
        return url("oidc");
    }

    public LocalIdentities identities() throws IOException {
        return LocalIdentities.read(identitiesFile);
    }

    /** Signs in as a client of the identities, with the client-credentials grant. */
    public ClientCredentials signIn(String clientId) throws IOException {
        LocalIdentities.Entry client = identities().client(clientId)
                .orElseThrow(() -> new IllegalArgumentException("no client " + clientId + " in " + identitiesFile));
        return new ClientCredentials(issuer(), client.name(), client.secret());
    }

    /** Signs in as the client that may do everything (role admin, offices "*"): the demo's and the tests' caller. */
    public ClientCredentials signInAsAdmin() throws IOException {
        LocalIdentities.Entry client = identities().superClient().orElseThrow(() -> new IllegalStateException(
                identitiesFile + " has no client with role admin and offices [\"*\"]; the demo signs in as one"));
        return new ClientCredentials(issuer(), client.name(), client.secret());
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(services.values());
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
        postgres.close();
    }

    static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
    }

    static Path oidcJar(Path root) {
        return root.resolve("deploy").resolve("oidc").resolve("target").resolve("motcua-oidc-0.1.0-SNAPSHOT.jar");
    }

    /** Connection settings for a Spring Boot service (intake, workflow) on its own database. */
    static Map<String, String> springProperties(PostgresServer postgres, KafkaBroker kafka, String database,
                                                int port, String issuer) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("motcua.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.putAll(securityProperties(issuer));
        if (database.equals("intake")) {
            // The key that wraps each dossier's applicant key: beside the data, created on the first start, shared
            // by every intake instance of the stack (losing it loses the applicants' data, as a backup would).
            properties.put("motcua.personal-data.master-key-file", postgres.dataDir().toAbsolutePath().getParent()
                    .resolve("keys").resolve("personal-data-master.key").toString());
        }
        return properties;
    }

    /** Connection settings for the Micronaut reporting service. */
    static Map<String, String> micronautProperties(PostgresServer postgres, KafkaBroker kafka, int port,
                                                   String issuer) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.put("datasources.default.url", postgres.jdbcUrl("reporting"));
        properties.put("datasources.default.username", postgres.username());
        properties.put("datasources.default.password", postgres.password());
        properties.put("motcua.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.putAll(securityProperties(issuer));
        return properties;
    }

    /** The same two properties in the Spring and the Micronaut services: whose tokens to trust. */
    static Map<String, String> securityProperties(String issuer) {
        return Map.of("motcua.security.issuer", issuer, "motcua.security.jwk-set-uri", issuer + "/oauth2/jwks");
    }

    /** What the command line asked for: the stack, and optionally a demo stream of dossiers. */
    record Command(StackOptions options, int demoDossiers) {
    }

    public static void main(String[] args) throws Exception {
        Command command = parse(args);
        StackOptions options = command.options();
        System.out.println("motcua: starting PostgreSQL, Kafka, the OpenID Provider and the three services (data in "
                + options.dataDir().toAbsolutePath() + ") ...");
        LocalStack stack;
        try {
            stack = start(options);
        } catch (IllegalStateException notStarted) {
            // A process that would not start (a broken identities file, a port in use): its own words, no trace.
            System.err.println("motcua: " + notStarted.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nmotcua: stopping ...");
            stack.close();
            stopped.countDown();
        }, "motcua-stop"));
        System.out.printf("""

                motcua is running.
                  intake-service     %s   (offices, procedures, dossiers)
                  workflow-service   %s   (routing, decisions, deadlines)
                  reporting-service  %s   (GET /api/v1/reports/dossiers)
                  OpenID Provider    %s   (tokens; /.well-known/openid-configuration)
                  Kafka              %s
                  PostgreSQL         localhost:%d (databases intake, workflow, reporting)
                  logs               %s
                """, stack.url("intake"), stack.url("workflow"), stack.url("reporting"), stack.issuer(),
                stack.bootstrapServers(), options.postgresPort(), options.dataDir().toAbsolutePath().resolve("logs"));
        System.out.println(describeIdentities(stack, options.identities() == null));
        System.out.printf("Press Ctrl-C to stop; data stays in %s.%n", options.dataDir().toAbsolutePath());
        if (command.demoDossiers() > 0) {
            runDemo(stack, command.demoDossiers());
        }
        stopped.await();
    }

    /** Who may sign in, and how to get a token: the demo set with its secrets; an operator's file only counted. */
    static String describeIdentities(LocalStack stack, boolean demo) throws IOException {
        LocalIdentities identities = stack.identities();
        StringBuilder text = new StringBuilder();
        if (demo) {
            text.append("Demo identities (secrets generated on the first start, kept in ")
                    .append(stack.identitiesFile).append("; start with --identities FILE for your own):\n");
            for (LocalIdentities.Entry client : identities.clients()) {
                text.append(String.format("  client %-10s secret   %-26s roles %-20s offices %s%n", client.name(),
                        client.secret(), client.roles(), client.offices()));
            }
            for (LocalIdentities.Entry user : identities.users()) {
                text.append(String.format("  user   %-10s password %-26s roles %-20s offices %s%n", user.name(),
                        user.secret(), user.roles(), user.offices()));
            }
        } else {
            text.append(String.format("Identities from %s: %d clients, %d users.%n", stack.identitiesFile,
                    identities.clients().size(), identities.users().size()));
        }
        LocalIdentities.Entry example = identities.superClient().or(() -> identities.clients().stream().findFirst())
                .orElse(null);
        if (example != null) {
            String secret = demo ? example.secret() : "<its clientSecret>";
            text.append(String.format("""
                    Get a token (client credentials, valid 15 minutes) and call the API with it:
                      TOKEN=$(curl -s -u %s:%s -d grant_type=client_credentials %s/oauth2/token \\
                              | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                      curl -H "Authorization: Bearer $TOKEN" %s/api/v1/offices
                    People sign in to the console with the authorization-code flow and PKCE (client motcua-console).
                    """, example.name(), secret, stack.issuer(), stack.url("intake")));
        }
        return text.toString();
    }

    private static void runDemo(LocalStack stack, int dossiers) throws Exception {
        ClientCredentials demoClient = stack.signInAsAdmin();
        System.out.printf("demo: signed in as client %s (client credentials)%n", demoClient.clientId());
        CatalogueLoader.Catalogue catalogue = CatalogueLoader.fetch(stack.url("intake"), demoClient);
        System.out.printf("demo: %d offices, %d procedures; now %d dossiers through every channel and lifecycle%n",
                catalogue.offices().size(), catalogue.procedures().size(), dossiers);
        new DemoDriver(stack.url("intake"), stack.url("workflow"), catalogue, dossiers, demoClient).run(6);
        System.out.printf("demo: done. Try %s/api/v1/reports/dossiers?officeId=H29.21&scope=subtree&from=%s&to=%s"
                        + " (with a token of the analyst)%n",
                stack.url("reporting"), LocalDate.now(VIETNAM).minusMonths(4), LocalDate.now(VIETNAM));
    }

    static Command parse(String[] args) {
        Path root = Path.of(System.getProperty("motcua.repository.root", ".")).toAbsolutePath().normalize();
        // ./run-local changes to the repository root; paths on its command line are the caller's.
        Path caller = Path.of(System.getProperty("motcua.caller.dir", root.toString()));
        StackOptions options = StackOptions.defaults(root);
        int postgres = options.postgresPort();
        int kafka = options.kafkaPort();
        int demoDossiers = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> options = options.withDataDir(caller.resolve(value(args, ++i, arg)));
                case "--postgres-port" -> postgres = Integer.parseInt(value(args, ++i, arg));
                case "--kafka-port" -> kafka = Integer.parseInt(value(args, ++i, arg));
                case "--oidc-port" -> options = options.withOidcPort(Integer.parseInt(value(args, ++i, arg)));
                case "--identities" -> {
                    Path file = caller.resolve(value(args, ++i, arg)).normalize();
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalArgumentException("--identities: no file " + file);
                    }
                    options = options.withIdentities(file);
                }
                case "--demo" -> demoDossiers = Math.max(demoDossiers, DEFAULT_DEMO_DOSSIERS);
                case "--demo-dossiers" -> demoDossiers = Integer.parseInt(value(args, ++i, arg));
                case "--help", "-h" -> {
                    System.out.println("usage: ./run-local [--data-dir DIR] [--postgres-port N] [--kafka-port N]"
                            + " [--oidc-port N] [--identities FILE] [--demo] [--demo-dossiers N] [--rebuild]");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
            }
        }
        return new Command(options.withPorts(postgres, kafka, options.intakePort(), options.workflowPort(),
                options.reportingPort()).withSeedCatalogue(demoDossiers > 0), demoDossiers);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
