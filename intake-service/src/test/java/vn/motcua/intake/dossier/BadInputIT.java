package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.intake.support.Problems.assertProblem;
import static vn.motcua.intake.dossier.DossierReceiptIT.dossier;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.IntakeIntegrationBase;

/** Whatever an integrator sends wrong, the answer is a 4xx problem+json naming the field, and nothing is written. */
class BadInputIT extends IntakeIntegrationBase {
    private JsonHttp<JsonNode> api;
    private String officeId;
    private String procedure;

    @BeforeEach
    void catalogue() {
        api = api();
        officeId = Fixtures.newOffice(api);
        procedure = Fixtures.newProcedure(api, "1", "NONE", false);
    }

    private Reply<JsonNode> post(Map<String, Object> body) {
        return api.post("/api/v1/dossiers", Fixtures.json(body));
    }

    @Test
    void malformedJson() {
        assertProblem(api.post("/api/v1/dossiers", "{\"officeId\": \"" + officeId + "\", "), 400, "body");
    }

    @Test
    void missingFields() {
        var body = dossier(officeId, procedure, "IN_PERSON", null);
        body.remove("channel");
        assertProblem(post(body), 400, "channel");
        body = dossier(officeId, procedure, "IN_PERSON", null);
        body.put("applicant", Map.of("phone", "0901"));
        assertProblem(post(body), 400, "applicant.fullName");
    }

    @Test
    void wrongEnum() {
        Reply<JsonNode> r = post(dossier(officeId, procedure, "FAX", null));
        assertProblem(r, 400, "channel");
        assertThat(r.body()).contains("IN_PERSON", "ONLINE", "POSTAL");
    }

    @Test
    void wrongTypes() {
        var body = dossier(officeId, procedure, "IN_PERSON", null);
        body.put("documents", java.util.List.of(Map.of("name", "Tờ khai", "copies", "many")));
        assertProblem(post(body), 400, "documents[0].copies");
        body = dossier(officeId, procedure, "IN_PERSON", "yesterday");
        assertProblem(post(body), 400, "receivedAt");
        body = dossier(officeId, procedure, "IN_PERSON", null);
        body.put("applicant", "Nguyễn Văn An");
        assertProblem(post(body), 400, "applicant");
    }

    @Test
    void unknownOfficeOrProcedure() {
        assertProblem(post(dossier(Fixtures.uniqueId("NONE"), procedure, "IN_PERSON", null)), 422, "officeId");
        assertProblem(post(dossier(officeId, Fixtures.uniqueId("0."), "IN_PERSON", null)), 422, "procedureCode");
    }

    @Test
    void futureReceipt() {
        String tomorrow = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(1).toString();
        assertProblem(post(dossier(officeId, procedure, "IN_PERSON", tomorrow)), 400, "receivedAt");
    }

    @Test
    void postalForAProcedureWithoutPostalService() {
        assertProblem(post(dossier(officeId, procedure, "POSTAL", null)), 422, "channel");
    }

    @Test
    void oversizeBody() {
        var body = dossier(officeId, procedure, "IN_PERSON", null);
        body.put("externalRef", "x".repeat(200_000));
        assertProblem(post(body), 413, "body");
    }

    @Test
    void nothingIsWrittenForRefusedInput() {
        post(dossier(officeId, procedure, "POSTAL", null));
        post(dossier(officeId, procedure, "IN_PERSON", "2999-01-01T00:00:00+07:00"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, officeId))
                .isZero();
        // and the first good dossier still gets number 0001
        Reply<JsonNode> ok = post(dossier(officeId, procedure, "IN_PERSON", null));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("code").asString()).endsWith("-0001");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        // A path or method the access table does not name is closed, even to an admin: 403, never a route's 404/405.
        Reply<JsonNode> unknown = api.get("/api/v1/nothing-here");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Reply<JsonNode> method = api.delete("/api/v1/dossiers");
        assertThat(method.status()).isEqualTo(403);
        assertThat(method.contentType()).startsWith("application/problem+json");
        assertThat(method.body()).doesNotContain("Exception");
    }

    @Test
    void healthAndMetricsAreExposed() {
        Reply<JsonNode> health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        // ONLINE needs a procedure offered online (contract 1.1); this class's procedure is counter-only
        String online = Fixtures.newProcedure(api, "1", "FULL", false);
        assertThat(api.post("/api/v1/dossiers", Fixtures.json(dossier(officeId, online, "ONLINE", null))).status())
                .isEqualTo(201);
        Reply<JsonNode> metrics = api.get("/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes")
                .contains("motcua_intake_dossiers_received_total{channel=\"ONLINE\"}");
        Reply<JsonNode> openApi = api.get("/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/api/v1/dossiers")).isTrue();
        assertThat(openApi.json().get("paths").has("/api/v1/offices/{officeId}")).isTrue();
    }
}
