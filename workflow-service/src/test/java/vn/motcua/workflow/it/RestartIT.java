package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.events.EventEnvelope;
import vn.motcua.infra.Infrastructure;
import vn.motcua.workflow.WorkflowApplication;
import vn.motcua.workflow.deadline.DeadlineWatcher;

/**
 * The service stops and starts again on the same database: deadlines fire once across the restart, and a
 * dossier received while it was down is opened and announced when it is back. (A real process, its own
 * database and consumer group; the shared test context keeps running beside it.)
 */
class RestartIT {
    private static final String DATABASE = "workflow_restart_it";

    private static ConfigurableApplicationContext startService() {
        Infrastructure infra = Infrastructure.shared();
        // As the launcher starts the jar: command-line properties over application.yml.
        return new SpringApplicationBuilder(WorkflowApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + infra.jdbcUrl(DATABASE),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--motcua.kafka.bootstrap-servers=" + infra.bootstrapServers(),
                "--motcua.kafka.group-id=workflow-restart-it",
                "--motcua.security.issuer=" + WorkflowIntegrationTestBase.ISSUER.issuer(),
                "--motcua.security.jwk-set-uri=" + WorkflowIntegrationTestBase.ISSUER.jwkSetUri());
    }

    @Test
    void deadlinesFireOnceAcrossARestartAndNothingReceivedMeanwhileIsLost() throws Exception {
        Instant now = Instant.now();
        String before = WorkflowIntegrationTestBase.newDossierId("R49");
        String meanwhile = WorkflowIntegrationTestBase.newDossierId("R49");

        ConfigurableApplicationContext first = startService();
        try {
            publish(before, now);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(jdbc, before, "DossierOverdue") == 1);
        } finally {
            first.close();
        }

        publish(meanwhile, now); // the service is down: the record waits in Kafka, its deadline passes

        ConfigurableApplicationContext second = startService();
        try {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            DeadlineWatcher watcher = second.getBean(DeadlineWatcher.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(jdbc, meanwhile, "DossierOverdue") == 1);
            long target = watcher.passes() + 2;
            await().atMost(Duration.ofSeconds(30)).until(() -> watcher.passes() >= target);

            for (String id : new String[] {before, meanwhile}) {
                assertThat(stored(jdbc, id, "DossierOpened")).as(id).isEqualTo(1);
                assertThat(stored(jdbc, id, "DossierDueSoon")).as(id).isEqualTo(1);
                assertThat(stored(jdbc, id, "DossierOverdue")).as(id).isEqualTo(1);
            }
        } finally {
            second.close();
        }
    }

    private static void publish(String dossierId, Instant now) throws Exception {
        WorkflowIntegrationTestBase.publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                WorkflowIntegrationTestBase.received(dossierId, "R49", now.minusSeconds(7_200),
                        now.minusSeconds(600))));
    }

    private static int stored(JdbcTemplate jdbc, String dossierId, String eventType) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Integer.class, dossierId, "%." + eventType);
    }
}
