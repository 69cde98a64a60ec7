package vn.motcua.infra;

import java.util.Locale;

/**
 * The PostgreSQL + Kafka pair that service integration tests share: one per JVM, started on first use,
 * stopped by a shutdown hook.
 *
 * <p>System property {@code motcua.infra}: {@code embedded} (default, also when empty) runs a real PostgreSQL
 * and a real Kafka broker inside/next to this JVM, no Docker needed; {@code containers} uses Testcontainers
 * (needs a Docker engine). Testcontainers classes are only loaded in the second case.
 */
public final class Infrastructure {

    public static final String MODE_PROPERTY = "motcua.infra";

    /** What a backend must provide; package-private so the public surface stays this class. */
    interface Backend extends AutoCloseable {
        String jdbcUrl(String database);

        String username();

        String password();

        String bootstrapServers();

        default void stopPostgres() {
            throw new UnsupportedOperationException("stopping PostgreSQL needs the embedded backend");
        }

        default void startPostgres() {
            throw new UnsupportedOperationException("starting PostgreSQL again needs the embedded backend");
        }

        /** Whether {@link #stopPostgres()} works here. */
        default boolean canStopPostgres() {
            return false;
        }

        @Override
        void close();
    }

    private static volatile Infrastructure shared;

    private final Backend backend;

    private Infrastructure(Backend backend) {
        this.backend = backend;
    }

    /** The one instance of this JVM (lazy, thread-safe). */
    public static Infrastructure shared() {
        Infrastructure result = shared;
        if (result == null) {
            synchronized (Infrastructure.class) {
                result = shared;
                if (result == null) {
                    result = new Infrastructure(startBackend(System.getProperty(MODE_PROPERTY, "")));
                    Backend backend = result.backend;
                    Runtime.getRuntime().addShutdownHook(new Thread(backend::close, "motcua-infra-shutdown"));
                    shared = result;
                }
            }
        }
        return result;
    }

    /** JDBC URL of {@code database}, created first if missing. */
    public String jdbcUrl(String database) {
        return backend.jdbcUrl(database);
    }

    public String username() {
        return backend.username();
    }

    public String password() {
        return backend.password();
    }

    public String bootstrapServers() {
        return backend.bootstrapServers();
    }

    /**
     * Outage tests: stops the shared PostgreSQL (fast shutdown, open connections cut), keeping its data and port,
     * until {@link #startPostgres()}. Embedded backend only (see {@link #canStopPostgres()}).
     */
    public void stopPostgres() {
        backend.stopPostgres();
    }

    /** Starts the shared PostgreSQL again after {@link #stopPostgres()}. */
    public void startPostgres() {
        backend.startPostgres();
    }

    public boolean canStopPostgres() {
        return backend.canStopPostgres();
    }

    /** Creates the topics that do not exist yet; idempotent. */
    public void createTopics(int partitions, String... names) {
        KafkaBroker.createTopics(backend.bootstrapServers(), partitions, names);
    }

    private static Backend startBackend(String mode) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "", "embedded" -> EmbeddedBackend.start();
            // Loaded only here, so Testcontainers/Docker are never touched in embedded mode.
            case "containers" -> ContainersBackend.start();
            default -> throw new IllegalArgumentException(
                    "unknown " + MODE_PROPERTY + "=" + mode + " (expected 'embedded' or 'containers')");
        };
    }

    /** Real PostgreSQL and Kafka on temp dirs, non-durable (tests do not need fsync). */
    private record EmbeddedBackend(PostgresServer postgres, KafkaBroker kafka) implements Backend {

        static EmbeddedBackend start() {
            PostgresServer pg = PostgresServer.start(PostgresOptions.ephemeral());
            try {
                return new EmbeddedBackend(pg, KafkaBroker.start(KafkaOptions.ephemeral()));
            } catch (RuntimeException | Error e) {
                pg.close();
                throw e;
            }
        }

        @Override
        public String jdbcUrl(String database) {
            return postgres.jdbcUrl(database);
        }

        @Override
        public String username() {
            return postgres.username();
        }

        @Override
        public String password() {
            return postgres.password();
        }

        @Override
        public String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public void stopPostgres() {
            postgres.stopForOutage();
        }

        @Override
        public void startPostgres() {
            postgres.startAgain();
        }

        @Override
        public boolean canStopPostgres() {
            return true;
        }

        @Override
        public void close() {
            try {
                kafka.close();
            } finally {
                postgres.close();
            }
        }
    }
}
