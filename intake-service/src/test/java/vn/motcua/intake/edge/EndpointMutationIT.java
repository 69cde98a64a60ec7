package vn.motcua.intake.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import vn.motcua.spring.web.Endpoints;
import vn.motcua.testsupport.EndpointMutations;
import vn.motcua.testsupport.EndpointMutations.Sample;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Tokens;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;

/**
 * Bad input never answers 500 (issue 13): every endpoint intake has (read from Spring's handler registry; one
 * without a row fails the test), called by an admin of every office with a valid request mutated in every way that
 * matters: each body string as 70,000 characters, with NUL and other control characters, as a number, an array, an
 * object, null and an unknown enum value; each number as a string, a huge number, a negative one; the body as 12 MB
 * and as malformed JSON; each path variable and query parameter as {@code %00}, an invalid UTF-8 escape and 10,000
 * characters. Never a 5xx; every 4xx is problem+json, names the field at fault for text it refuses, and writes
 * nothing (events, dossiers, offices and procedures are counted). The bulk imports answer 200 and refuse the line,
 * naming its field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointMutationIT extends IntakeIntegrationBase {
    private static String PROCEDURE;

    @Autowired
    ApplicationContext context;

    private String office;
    private String dossierId;
    private String dossierCode;

    /** Every "METHOD pattern" of the service ("*": any method) and a valid request for it, in the order sent. */
    private Map<String, Sample> table() {
        Map<String, Sample> table = new LinkedHashMap<>();
        table.put("GET /api/v1/offices", new Sample("", null));
        table.put("GET /api/v1/procedures", new Sample("", null));
        table.put("PUT /api/v1/offices/{officeId}", new Sample("", Fixtures.json(Map.of("name", "Xã Mẫu",
                "level", "COMMUNE", "parentId", office))));
        table.put("PUT /api/v1/procedures/{code}", new Sample("", "{\"name\":\"Đăng ký khai sinh\","
                + "\"field\":\"hộ tịch\",\"processingDays\":3,\"onlineMode\":\"FULL\",\"postal\":false,"
                + "\"fee\":50000,\"onlinePayment\":true,\"decidedAt\":\"2025-01-02\",\"effectiveAt\":\"2025-02-01\","
                + "\"publishedAt\":\"2025-01-15\",\"contentComplete\":true}"));
        table.put("POST /api/v1/imports/catalogue", new Sample("", "{\"offices\":[{\"officeId\":\""
                + Fixtures.uniqueId("MU") + "\",\"name\":\"x\",\"level\":\"DISTRICT\"}],\"procedures\":[]}"));
        String receipt = "{\"officeId\":\"" + office + "\",\"procedureCode\":\"" + PROCEDURE + "\","
                + "\"channel\":\"IN_PERSON\",\"receivedAt\":\"2026-03-02T09:00:00+07:00\",\"applicant\":{"
                + "\"fullName\":\"Nguyễn Văn An\",\"idNumber\":\"079201001234\",\"phone\":\"0901234567\","
                + "\"address\":\"12 Lê Lợi\"},\"documents\":[{\"name\":\"Tờ khai\",\"copies\":1,"
                + "\"digitised\":true,\"reused\":false}],\"externalRef\":\"DVC-1\"}";
        table.put("POST /api/v1/dossiers", new Sample("", receipt));
        table.put("POST /api/v1/imports/dossiers", new Sample("", receipt));
        table.put("GET /api/v1/dossiers/{dossierId}", new Sample("", null));
        table.put("GET /api/v1/dossiers/{dossierId}/receipt", new Sample("", null));
        table.put("GET /api/v1/dossiers", new Sample("officeId=" + office
                + "&scope=office&from=2026-01-01&to=2026-12-31&q=An&page=1&size=10", null));
        table.put("GET /api/v1/dossiers/by-code/{code}", new Sample("", null));
        table.put("GET /api/v1/audit/personal-data", new Sample("dossierId=" + dossierId, null));
        table.put("DELETE /api/v1/dossiers/{dossierId}/applicant", new Sample("", null));
        table.put("POST /api/v1/dossiers/{dossierId}/corrections", new Sample("", "{\"reason\":\"sai số bản\","
                + "\"procedureCode\":\"" + PROCEDURE + "\",\"channel\":\"ONLINE\",\"applicant\":{\"fullName\":\"Nguyễn Văn B\"},"
                + "\"documents\":[{\"name\":\"Tờ khai\",\"copies\":2}]}"));
        table.put("POST /api/v1/dossiers/{dossierId}/cancellation", new Sample("", "{\"reason\":\"nhận nhầm\"}"));
        table.put("GET /prometheus", new Sample("", null));
        table.put("GET /info", new Sample("", null));
        table.put("GET /health", new Sample("", null));
        table.put("GET /health/**", new Sample("", null));
        table.put("GET /openapi.json", new Sample("", null));
        table.put("GET /openapi.json.yaml", new Sample("", null));
        table.put("GET /swagger-ui.html", new Sample("", null));
        table.put("GET /openapi.json/swagger-config", new Sample("", null));
        table.put("* /error", new Sample("", null));
        return table;
    }

    @BeforeAll
    void fixtures() {
        JsonHttp<JsonNode> admin = api();
        office = Fixtures.newOffice(admin, "DISTRICT", null);
        PROCEDURE = Fixtures.newProcedure(admin, "3", "NONE", false);
        Reply<JsonNode> received = admin.post("/api/v1/dossiers", Fixtures.dossierBody(office, PROCEDURE));
        assertThat(received.status()).as(received.body()).isEqualTo(201);
        dossierId = received.json().get("dossierId").asString();
        dossierCode = admin.get("/api/v1/dossiers/" + dossierId).json().get("code").asString();
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> missing = new TreeSet<>(endpoints());
        missing.removeAll(table().keySet());
        assertThat(missing).as("endpoints without a row in the mutation table").isEmpty();
        assertThat(endpoints()).as("rows for endpoints that no longer exist").containsAll(table().keySet());
    }

    @Test
    void noMutationOfAnyRequestAnswers5xxOrWrites() throws Exception {
        EndpointMutations.Outcome outcome = EndpointMutations.run(table(), this::vars, "http://localhost:" + port,
                Tokens.admin(), this::written);
        assertThat(outcome.sent()).isGreaterThan(300);
        assertThat(outcome.failures()).isEmpty();
    }

    /** Everything a request of intake could write: events, dossiers, offices, procedures. */
    private long written() {
        Long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        Long rows = jdbc.queryForObject("SELECT (SELECT count(*) FROM dossier) + (SELECT count(*) FROM office)"
                + " + (SELECT count(*) FROM procedure)", Long.class);
        return events * 1_000_000L + rows;
    }

    /** The fixtures' ids for the pattern's path variables. */
    private Map<String, String> vars(String pattern) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String var : List.of("dossierId", "code", "officeId")) {
            if (pattern.contains("{" + var + "}")) {
                vars.put(var, switch (var) {
                    case "dossierId" -> dossierId;
                    case "code" -> pattern.startsWith("/api/v1/procedures") ? PROCEDURE : dossierCode;
                    default -> pattern.startsWith("/api/v1/offices") ? Fixtures.uniqueId("MU") : office;
                });
            }
        }
        return vars;
    }

    private Set<String> endpoints() {
        return Endpoints.of(context, "*");
    }
}
