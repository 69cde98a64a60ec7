package vn.motcua.reporting.report;

import static vn.motcua.reporting.ReportingInfra.accept;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.reporting.ReportingInfra;

/** Bad query input gets a 4xx application/problem+json that names the field, never a 500. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadReportQueryIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    private JsonHttp<JsonNode> client;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_it", ReportingInfra.uniqueGroup("reporting-it-bad"));
    }

    @BeforeEach
    void connect() {
        client = ReportingInfra.client(server.getURI());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/reports/dossiers?from=2020-01-01&to=2020-01-31|400|officeId",
        "/api/v1/reports/dossiers?officeId=H49&from=2020-02-01&to=2020-01-01|400|from",
        "/api/v1/reports/dossiers?officeId=H49&from=2020-13-01&to=2020-12-31|400|from",
        "/api/v1/reports/dossiers?officeId=H49&from=2020-01-01&to=31/12/2020|400|to",
        "/api/v1/reports/dossiers?officeId=H49&from=2020-01-01|400|to",
        "/api/v1/reports/dossiers?officeId=H49&from=2020-01-01&to=2020-01-31&scope=world|400|scope",
        "/api/v1/reports/dossiers?officeId=H49&period=2020-H3|400|period",
        "/api/v1/reports/dossiers?officeId=H49&period=2020-H1&from=2020-01-01|400|period",
        "/api/v1/reports/dossiers?officeId=H49%3Bdrop&from=2020-01-01&to=2020-01-31|400|officeId",
        "/api/v1/reports/dossiers/breakdown?officeId=H49&from=2020-01-01&to=2020-01-31&by=colour|400|by",
        "/api/v1/reports/dossiers/breakdown?officeId=H49&from=2020-01-01&to=2020-01-31|400|by",
        "/api/v1/reports/dossiers/ranking?officeId=H49&from=2020-01-01&to=2020-01-31&by=speed|400|by",
        "/api/v1/reports/dossiers?officeId=NEVER.SEEN.1&from=2020-01-01&to=2020-01-31|404|officeId",
        "/api/v1/reports/dossiers/breakdown?officeId=NEVER.SEEN.1&from=2020-01-01&to=2020-01-31&by=field|404|officeId",
    })
    void answersProblemJsonNamingTheField(String path, int status, String field) {
        Reply<JsonNode> r = client.get(path, accept("application/json"));
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo(field);
            assertThat(e.get("message").asText()).isNotBlank();
        });
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at vn.motcua");
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/reports/nothing-here,404", "/api/v1/reports/dossiers/breakdown/x,404"})
    void unknownPathsAreProblemsToo(String path, int status) {
        Reply<JsonNode> r = client.get(path, accept("application/json"));
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
    }
}
