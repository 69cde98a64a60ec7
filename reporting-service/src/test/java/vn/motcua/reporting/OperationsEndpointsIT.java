package vn.motcua.reporting;

import static vn.motcua.reporting.ReportingInfra.accept;
import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the launcher, monitoring and integrators rely on: health and the OpenAPI document (public, no token),
 * metrics and projection status (admin token).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndpointsIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_it", ReportingInfra.uniqueGroup("reporting-it-ops"));
    }

    @Test
    void healthIsUpWithTheDatabase() {
        Reply<JsonNode> health = ReportingInfra.client(server.getURI()).anonymous()
                .get("/health", accept("application/json"));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("details").has("jdbc")).isTrue();
    }

    @Test
    void projectionCountsAndLagAreExportedForPrometheus() {
        JsonHttp<JsonNode> client = ReportingInfra.client(server.getURI());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = client.get("/prometheus", accept("text/plain")).body();
            assertThat(metrics).contains("motcua_reporting_events_applied_total")
                    .contains("motcua_reporting_events_duplicates_total")
                    .contains("motcua_consumer_lag{consumer=\"reporting-projector\"");
            assertThat(client.get("/api/v1/projections/status", accept("application/json")).json()
                    .get("projectorRunning").asBoolean()).isTrue();
        });
    }

    @Test
    void theOpenApiDocumentDescribesTheReport() {
        Reply<JsonNode> doc = ReportingInfra.client(server.getURI()).anonymous()
                .get("/openapi/motcua-reporting-service-v1.yml", accept("*/*"));
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).contains("/api/v1/reports/dossiers:").contains("/api/v1/reports/dossiers/breakdown:")
                .contains("DossierReport");
    }
}
