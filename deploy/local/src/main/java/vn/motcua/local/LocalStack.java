package vn.motcua.local;

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

/**
 * The whole motcua set on one machine: embedded PostgreSQL (one server, a database per service) and an
 * in-process Kafka broker, then the three services as separate JVMs from their runnable jars. Everything lives
 * under the data directory, so a restart resumes with every dossier, offset and token where it was.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final int DEFAULT_DEMO_DOSSIERS = 3000;
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Map<String, ServiceProcess> services;

    private LocalStack(PostgresServer postgres, KafkaBroker kafka, Map<String, ServiceProcess> services) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.services = services;
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
            Map<String, String> intake = springProperties(postgres, kafka, "intake", options.intakePort());
            intake.put("motcua.intake.load-seed-catalogue", Boolean.toString(options.seedCatalogue()));
            services.put("intake", ServiceProcess.start("intake-service", jar(root, "intake-service"),
                    options.intakePort(), intake, logs));
            services.put("workflow", ServiceProcess.start("workflow-service", jar(root, "workflow-service"),
                    options.workflowPort(), springProperties(postgres, kafka, "workflow", options.workflowPort()),
                    logs));
            services.put("reporting", ServiceProcess.start("reporting-service", jar(root, "reporting-service"),
                    options.reportingPort(), micronautProperties(postgres, kafka, options.reportingPort()), logs));
            for (ServiceProcess service : services.values()) {
                service.awaitHealthy(START_TIMEOUT);
            }
            return new LocalStack(postgres, kafka, services);
        } catch (Exception | Error e) {
            new LocalStack(postgres, kafka, services).close();
            throw e;
        }
    }

    public String url(String service) {
        return services.get(service).url();
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
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

    /** Connection settings for a Spring Boot service (intake, workflow) on its own database. */
    static Map<String, String> springProperties(PostgresServer postgres, KafkaBroker kafka, String database,
                                                int port) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(port));
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("motcua.kafka.bootstrap-servers", kafka.bootstrapServers());
        return properties;
    }

    /** Connection settings for the Micronaut reporting service. */
    static Map<String, String> micronautProperties(PostgresServer postgres, KafkaBroker kafka, int port) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.put("datasources.default.url", postgres.jdbcUrl("reporting"));
        properties.put("datasources.default.username", postgres.username());
        properties.put("datasources.default.password", postgres.password());
        properties.put("motcua.kafka.bootstrap-servers", kafka.bootstrapServers());
        return properties;
    }

    /** What the command line asked for: the stack, and optionally a demo stream of dossiers. */
    record Command(StackOptions options, int demoDossiers) {
    }

    public static void main(String[] args) throws Exception {
        Command command = parse(args);
        StackOptions options = command.options();
        System.out.println("motcua: starting PostgreSQL, Kafka and the three services (data in "
                + options.dataDir().toAbsolutePath() + ") ...");
        LocalStack stack = start(options);
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
                  Kafka              %s
                  PostgreSQL         localhost:%d (databases intake, workflow, reporting)
                  logs               %s
                Press Ctrl-C to stop; data stays in %s.
                """, stack.url("intake"), stack.url("workflow"), stack.url("reporting"), stack.bootstrapServers(),
                options.postgresPort(), options.dataDir().toAbsolutePath().resolve("logs"),
                options.dataDir().toAbsolutePath());
        if (command.demoDossiers() > 0) {
            runDemo(stack, command.demoDossiers());
        }
        stopped.await();
    }

    private static void runDemo(LocalStack stack, int dossiers) throws Exception {
        CatalogueLoader.Catalogue catalogue = CatalogueLoader.fetch(stack.url("intake"));
        System.out.printf("demo: %d offices, %d procedures; now %d dossiers through every channel and lifecycle%n",
                catalogue.offices().size(), catalogue.procedures().size(), dossiers);
        new DemoDriver(stack.url("intake"), stack.url("workflow"), catalogue, dossiers).run(6);
        System.out.printf("demo: done. Try %s/api/v1/reports/dossiers?officeId=H29.21&scope=subtree&from=%s&to=%s%n",
                stack.url("reporting"), LocalDate.now(VIETNAM).minusMonths(4), LocalDate.now(VIETNAM));
    }

    static Command parse(String[] args) {
        Path root = Path.of(System.getProperty("motcua.repository.root", ".")).toAbsolutePath().normalize();
        StackOptions options = StackOptions.defaults(root);
        int postgres = options.postgresPort();
        int kafka = options.kafkaPort();
        int demoDossiers = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> options = options.withDataDir(Path.of(value(args, ++i, arg)));
                case "--postgres-port" -> postgres = Integer.parseInt(value(args, ++i, arg));
                case "--kafka-port" -> kafka = Integer.parseInt(value(args, ++i, arg));
                case "--demo" -> demoDossiers = Math.max(demoDossiers, DEFAULT_DEMO_DOSSIERS);
                case "--demo-dossiers" -> demoDossiers = Integer.parseInt(value(args, ++i, arg));
                case "--help", "-h" -> {
                    System.out.println("usage: ./run-local [--data-dir DIR] [--postgres-port N] [--kafka-port N]"
                            + " [--demo] [--demo-dossiers N] [--rebuild]");
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
