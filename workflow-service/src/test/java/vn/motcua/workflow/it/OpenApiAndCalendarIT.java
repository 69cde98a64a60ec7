package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;

/** What integrators read first (the OpenAPI document) and an office's own calendar applied end to end. */
class OpenApiAndCalendarIT extends WorkflowIntegrationTestBase {

    @Test
    void theOpenApiDocumentListsTheContractsPaths() throws Exception {
        Reply<JsonNode> openApi = get("/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        JsonNode paths = openApi.json().path("paths");
        List<String> contract = List.of(
                "/api/v1/dossiers/{dossierId}",
                "/api/v1/dossiers/{dossierId}/transfers",
                "/api/v1/dossiers/{dossierId}/supplement-requests",
                "/api/v1/dossiers/{dossierId}/supplements",
                "/api/v1/dossiers/{dossierId}/apology-letters",
                "/api/v1/dossiers/{dossierId}/apology-letters/{number}",
                "/api/v1/dossiers/{dossierId}/resolution",
                "/api/v1/dossiers/{dossierId}/return",
                "/api/v1/dossiers/{dossierId}/withdrawal",
                "/api/v1/worklists/{officeId}");
        for (String path : contract) {
            assertThat(paths.has(path)).as("%s in %s", path, paths.toString()).isTrue();
        }
        assertThat(paths.path("/api/v1/dossiers/{dossierId}/resolution").has("post")).isTrue();
        assertThat(paths.path("/api/v1/dossiers/{dossierId}/apology-letters").has("post")).isTrue();
        assertThat(paths.path("/api/v1/worklists/{officeId}").has("get")).isTrue();
        // Integrators learn from the document that a bearer token is needed.
        assertThat(openApi.json().path("components").path("securitySchemes").path("bearer").path("scheme")
                .asString()).isEqualTo("bearer");

        // Every error an operation can answer, as problem+json (issue 15); the import's NDJSON body; the forms.
        JsonNode resolution = paths.path("/api/v1/dossiers/{dossierId}/resolution").path("post").path("responses");
        for (String status : List.of("400", "401", "403", "404", "409", "413", "415", "422", "503")) {
            assertThat(resolution.path(status).path("content").has("application/problem+json"))
                    .as("resolution %s", status).isTrue();
        }
        assertThat(resolution.has("500")).isFalse();
        JsonNode lookup = paths.path("/api/v1/public/dossiers/{code}").path("get");
        assertThat(lookup.path("responses").path("429").path("content").has("application/problem+json")).isTrue();
        assertThat(lookup.path("responses").has("401")).as("the citizens' lookup needs no token").isFalse();
        assertThat(lookup.path("security").isArray() && lookup.path("security").isEmpty()).isTrue();
        assertThat(paths.path("/api/v1/imports/dossier-histories").path("post").path("requestBody").path("content")
                .path("application/x-ndjson").path("schema").path("properties").has("steps")).isTrue();
        JsonNode slip = paths.path("/api/v1/dossiers/{dossierId}/documents/control-slip").path("get")
                .path("responses").path("200").path("content");
        assertThat(slip.has("text/html") && slip.has("application/pdf")).isTrue();
    }

    @Test
    void swaggerUiIsPublicAndServedFromTheJar() throws Exception {
        Reply<JsonNode> page = get("/swagger-ui/index.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("//unpkg.com", "//cdn.");
        assertThat(get("/swagger-ui/swagger-ui-bundle.js", null).status()).isEqualTo(200);
        Reply<JsonNode> config = get("/openapi.json/swagger-config", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("/openapi.json").doesNotContain("petstore");
    }

    @Test
    void aSupplementRestartCountsTheOfficesOwnDayOff() throws Exception {
        // Both offices: received Mon 2026-03-02 09:00, supplement asked Tue 03, complete Tue 10 at 14:00.
        Instant withDayOff = restartedDueAt(OFFICE_WITH_DAY_OFF);
        Instant national = restartedDueAt("H49.97");
        assertThat(national).as("3 working days: Friday").isEqualTo(local("2026-03-13T14:00"));
        assertThat(withDayOff).as("its Thursday off pushes it to Monday").isEqualTo(local("2026-03-16T14:00"));
    }

    private Instant restartedDueAt(String office) throws Exception {
        String id = newDossierId(office);
        openDossier(id, office, local("2026-03-02T09:00"), local("2026-03-05T09:00"));
        assertThat(post("/api/v1/dossiers/" + id + "/supplement-requests",
                "{\"reason\":\"missing map\",\"at\":\"" + local("2026-03-03T09:00") + "\"}").status()).isEqualTo(200);
        Reply<JsonNode> received = post("/api/v1/dossiers/" + id + "/supplements",
                "{\"at\":\"" + local("2026-03-10T14:00") + "\"}");
        assertThat(received.status()).as(received.body()).isEqualTo(200);
        return Instant.parse(received.json().path("dueAt").asString());
    }
}
