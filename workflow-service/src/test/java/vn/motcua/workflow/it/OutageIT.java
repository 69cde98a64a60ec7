package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.motcua.events.EventEnvelope;
import vn.motcua.infra.Infrastructure;
import vn.motcua.kafka.LoopState;
import vn.motcua.workflow.kafka.IntakeConsumer;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Issue 13: consumers that cannot die silently, outages that answer 503. On the real broker and database: the
 * intake consumer's commits fail for a while (fault injected in its loop), {@code /health} says DOWN, the consumer
 * carries on and the dossier is opened exactly once; PostgreSQL stopped under the running service answers a
 * command 503 with Retry-After and writes nothing, and once it is back the same command succeeds.
 */
class OutageIT extends WorkflowIntegrationTestBase {
    @Autowired
    IntakeConsumer intakeConsumer;

    @Test
    void aConsumerWhoseCommitsFailIsDownMeanwhileThenResumesAndOpensTheDossierOnce() throws Exception {
        awaitHealth("UP", Duration.ofSeconds(90));
        String dossierId = newDossierId("H29.21");
        intakeConsumer.loop().failCommits(true);
        try {
            RecordMetadata sent = publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                    received(dossierId, "H29.21", local("2026-03-02T08:00:00"), local("2026-03-05T17:00:00"))));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> intakeConsumer.loop().status().state() == LoopState.BACKING_OFF);
            awaitHealth("DOWN", Duration.ofSeconds(60));
            assertThat(intakeConsumer.loop().isRunning()).isTrue();
            assertThat(intakeConsumer.loop().status().lastError()).contains("fault injected");
            intakeConsumer.loop().failCommits(false);
            awaitConsumed(sent);
        } finally {
            intakeConsumer.loop().failCommits(false);
        }
        awaitHealth("UP", Duration.ofSeconds(90));
        assertThat(intakeConsumer.loop().status().state()).isEqualTo(LoopState.RUNNING);
        // Redelivered several times, opened once (opening is idempotent).
        JsonNode view = get("/api/v1/dossiers/" + dossierId).json();
        assertThat(steps(view)).containsExactly("RECEIVED");
    }

    @Test
    void aCommandWhilePostgresIsDownAnswers503WritesNothingAndSucceedsOnceItIsBack() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        assumeTrue(infra.canStopPostgres(), "needs the embedded PostgreSQL");
        String dossierId = newDossierId("H29.21");
        openDossier(dossierId, "H29.21", local("2026-03-02T08:00:00"), local("2026-03-05T17:00:00"));
        String path = "/api/v1/dossiers/" + dossierId + "/transfers";
        String transfer = "{\"toUnit\":\"Phòng Tài nguyên\",\"at\":\"2026-03-03T09:00:00+07:00\"}";

        infra.stopPostgres();
        Reply<JsonNode> refused;
        try {
            Instant before = Instant.now();
            refused = post(path, transfer);
            assertThat(Duration.between(before, Instant.now())).as("fails fast").isLessThan(Duration.ofSeconds(20));
        } finally {
            infra.startPostgres();
        }
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(refused.json().path("type").asString()).endsWith("/service-unavailable");
        assertThat(refused.json().path("title").asString()).isNotBlank();
        assertThat(refused.body()).doesNotContainIgnoringCase("jdbc").doesNotContainIgnoringCase("postgres")
                .doesNotContainIgnoringCase("exception");

        // Back by itself: nothing of the refused command was recorded, and the same request now succeeds.
        JsonNode before = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> get("/api/v1/dossiers/" + dossierId), r -> r.status() == 200).json();
        assertThat(steps(before)).containsExactly("RECEIVED");
        Reply<JsonNode> accepted = await().atMost(Duration.ofSeconds(30)).until(() -> post(path, transfer),
                r -> r.status() != 503);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(steps(get("/api/v1/dossiers/" + dossierId).json())).containsExactly("RECEIVED", "TRANSFERRED");
        awaitHealth("UP", Duration.ofSeconds(120));
    }

    private void awaitHealth(String status, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get("/health", null).json().path("status").asString(), status::equals);
    }
}
