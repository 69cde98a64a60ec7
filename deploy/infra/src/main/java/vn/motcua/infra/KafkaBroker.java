package vn.motcua.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * A real single-node Kafka broker (KRaft, combined broker+controller) running inside this JVM from Kafka's own
 * jars: the same code as {@code kafka.Kafka}, minus the process. Clients connect to {@link #bootstrapServers()}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private KafkaBroker(KafkaRaftServer server, Path dataDir, boolean deleteDataDirOnClose, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
        this.bootstrapServers = "127.0.0.1:" + port;
        this.shutdownHook = new Thread(this::stop, "motcua-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static KafkaBroker start(KafkaOptions options) {
        boolean temporary = options.dataDir() == null;
        Path dataDir;
        try {
            dataDir = temporary
                    ? Files.createTempDirectory("motcua-kafka-")
                    : Files.createDirectories(options.dataDir().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create Kafka data dir", e);
        }
        int port = options.port() != 0 ? options.port() : Support.freePort();
        int controllerPort = Support.freePort();
        while (controllerPort == port) {
            controllerPort = Support.freePort();
        }
        KafkaRaftServer server = null;
        try {
            KafkaConfig config = new KafkaConfig(config(dataDir, port, controllerPort), false);
            // Format once; meta.properties marks a formatted dir, so restarts keep topics and committed offsets.
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(dataDir);
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, dataDir, temporary, port);
            broker.awaitReady(Duration.ofSeconds(60));
            return broker;
        } catch (RuntimeException | Error e) {
            if (server != null) {
                shutdownQuietly(server);
            }
            if (temporary) {
                Support.deleteRecursively(dataDir);
            }
            throw e;
        } catch (Exception e) {
            if (server != null) {
                shutdownQuietly(server);
            }
            if (temporary) {
                Support.deleteRecursively(dataDir);
            }
            throw new IllegalStateException("could not start embedded Kafka", e);
        }
    }

    /** e.g. {@code 127.0.0.1:39092} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the topics that do not exist yet (replication factor 1); existing topics are left alone. */
    public void createTopics(int partitions, String... names) {
        createTopics(bootstrapServers, partitions, names);
    }

    @Override
    public void close() {
        stop();
        Support.removeShutdownHook(shutdownHook);
    }

    static void createTopics(String bootstrapServers, int partitions, String... names) {
        if (names.length == 0) {
            return;
        }
        List<NewTopic> topics = Arrays.stream(names).distinct()
                .map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + Arrays.toString(names), e);
        }
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        shutdownQuietly(server);
        if (deleteDataDirOnClose) {
            Support.deleteRecursively(dataDir);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            System.err.println("motcua-infra: Kafka shutdown failed: " + e);
        }
    }

    /** startup() returns before the broker is unfenced; wait until a client actually sees it. */
    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker not ready after " + timeout, e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker not ready after " + timeout);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    }

    private static Map<String, Object> config(Path dataDir, int port, int controllerPort) {
        Map<String, Object> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // Static quorum: the voter list is config, not stored state, so the controller port may change per start.
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        // Single node: every internal topic must live with replication factor 1.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Keep the footprint small: several brokers may run on a 2-core CI box (the cleaner buffer defaults to 128 MiB).
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    private static void format(Path dataDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(Set.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .run();
    }
}
