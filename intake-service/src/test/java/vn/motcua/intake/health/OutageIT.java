package vn.motcua.intake.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.motcua.infra.Infrastructure;
import vn.motcua.intake.kafka.WorkflowOutcomeConsumer;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Tokens;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.kafka.LoopState;

/**
 * Issue 13, "outages answer 503": PostgreSQL stopped under the running service; a receipt answers 503
 * problem+json with Retry-After, fast, and records nothing; once PostgreSQL is back the same request (same
 * Idempotency-Key) is received, and {@code /health} is UP again without a restart.
 */
class OutageIT extends IntakeIntegrationBase {
    @Autowired
    WorkflowOutcomeConsumer outcomes;

    @Test
    void aReceiptWhilePostgresIsDownAnswers503RecordsNothingAndIsReceivedOnceItIsBack() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        assumeTrue(infra.canStopPostgres(), "needs the embedded PostgreSQL");
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "2", "PARTIAL", true);
        String body = Fixtures.dossierBody(officeId, procedure);
        String key = UUID.randomUUID().toString();
        awaitHealth("UP", Duration.ofSeconds(60));

        infra.stopPostgres();
        Reply<JsonNode> refused;
        try {
            Instant before = Instant.now();
            refused = receive(body, key);
            assertThat(Duration.between(before, Instant.now())).as("fails fast").isLessThan(Duration.ofSeconds(20));
        } finally {
            infra.startPostgres();
        }
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).hasValue("5");
        JsonNode problem = refused.json();
        assertThat(problem.path("type").asString()).endsWith("/service-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(refused.body()).doesNotContainIgnoringCase("jdbc").doesNotContainIgnoringCase("postgres")
                .doesNotContainIgnoringCase("exception").doesNotContain("079201001234");

        // Back by itself: nothing was recorded for the office, and the same request is now received, once.
        Integer none = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, officeId), n -> n != null);
        assertThat(none).isZero();
        Reply<JsonNode> received = await().atMost(Duration.ofSeconds(30)).until(() -> receive(body, key),
                r -> r.status() != 503);
        assertThat(received.status()).as(received.body()).isEqualTo(201);
        assertThat(receive(body, key).status()).isIn(200, 201); // a repeat is answered, not received again
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, officeId))
                .isEqualTo(1);
        awaitHealth("UP", Duration.ofSeconds(120));
        assertThat(outcomes.loop().status().state()).isEqualTo(LoopState.RUNNING);
        assertThat(outcomes.loop().isRunning()).isTrue();
    }

    private Reply<JsonNode> receive(String body, String key) {
        return api().timeout(Duration.ofSeconds(60)).post("/api/v1/dossiers", body, Map.of("Idempotency-Key", key));
    }

    private void awaitHealth(String status, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> api().anonymous()
                .get("/health").json().path("status").asString(), status::equals);
    }
}
