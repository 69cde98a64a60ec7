package vn.motcua.infra;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Testcontainers variant of the shared infrastructure (needs Docker). Kept in its own class so that
 * Testcontainers is loaded only when {@code -Dmotcua.infra=containers} is chosen.
 */
final class ContainersBackend implements Infrastructure.Backend {

    static final String POSTGRES_IMAGE = "postgres:17";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

    private final PostgreSQLContainer postgres;
    private final KafkaContainer kafka;

    private ContainersBackend(PostgreSQLContainer postgres, KafkaContainer kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static ContainersBackend start() {
        PostgreSQLContainer pg = new PostgreSQLContainer(POSTGRES_IMAGE)
                // Same tuning as the embedded server: many pooled services, no need for fsync in tests.
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        pg.start();
        try {
            kafka.start();
        } catch (RuntimeException e) {
            pg.stop();
            throw e;
        }
        return new ContainersBackend(pg, kafka);
    }

    @Override
    public String jdbcUrl(String database) {
        String base = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/";
        Support.ensureDatabase(base + postgres.getDatabaseName(), username(), password(), database);
        return base + database;
    }

    @Override
    public String username() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
        }
    }
}
