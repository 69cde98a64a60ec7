package vn.motcua.intake.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.motcua.infra.Infrastructure;
import vn.motcua.intake.kafka.WorkflowOutcomeConsumer;
import vn.motcua.intake.support.Api;
import vn.motcua.intake.support.IntakeIntegrationTest;
import vn.motcua.intake.support.Tokens;
import vn.motcua.kafka.LoopState;

/**
 * Issue 13, "outages answer 503": PostgreSQL stopped under the running service; a receipt answers 503
 * problem+json with Retry-After, fast, and records nothing; once PostgreSQL is back the same request (same
 * Idempotency-Key) is received, and {@code /health} is UP again without a restart.
 */
class OutageIT extends IntakeIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    WorkflowOutcomeConsumer outcomes;

    @Test
    void aReceiptWhilePostgresIsDownAnswers503RecordsNothingAndIsReceivedOnceItIsBack() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        assumeTrue(infra.canStopPostgres(), "needs the embedded PostgreSQL");
        Api api = api();
        String officeId = api.newOffice();
        String procedure = api.newProcedure("2", "PARTIAL", true);
        String body = Api.dossierBody(officeId, procedure);
        String key = UUID.randomUUID().toString();
        awaitHealth("UP", Duration.ofSeconds(60));

        infra.stopPostgres();
        HttpResponse<String> refused;
        try {
            Instant before = Instant.now();
            refused = receive(body, key);
            assertThat(Duration.between(before, Instant.now())).as("fails fast").isLessThan(Duration.ofSeconds(20));
        } finally {
            infra.startPostgres();
        }
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = Api.JSON.readTree(refused.body());
        assertThat(problem.path("type").asString()).endsWith("/service-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(refused.body()).doesNotContainIgnoringCase("jdbc").doesNotContainIgnoringCase("postgres")
                .doesNotContainIgnoringCase("exception").doesNotContain("079201001234");

        // Back by itself: nothing was recorded for the office, and the same request is now received, once.
        Integer none = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, officeId), n -> n != null);
        assertThat(none).isZero();
        HttpResponse<String> received = await().atMost(Duration.ofSeconds(30)).until(() -> receive(body, key),
                r -> r.statusCode() != 503);
        assertThat(received.statusCode()).as(received.body()).isEqualTo(201);
        assertThat(receive(body, key).statusCode()).isIn(200, 201); // a repeat is answered, not received again
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, officeId))
                .isEqualTo(1);
        awaitHealth("UP", Duration.ofSeconds(120));
        assertThat(outcomes.loop().status().state()).isEqualTo(LoopState.RUNNING);
        assertThat(outcomes.loop().isRunning()).isTrue();
    }

    private HttpResponse<String> receive(String body, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api().uri("/api/v1/dossiers"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .header("Authorization", Tokens.admin()).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitHealth(String status, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> Api.JSON
                .readTree(api().anonymous().get("/health").body()).path("status").asString(), status::equals);
    }
}
