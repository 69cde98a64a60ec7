package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.motcua.testsupport.JsonMutations.LONG_TEXT;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.spring.web.Endpoints;
import vn.motcua.testsupport.EndpointMutations;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.testsupport.EndpointMutations.Sample;
import tools.jackson.databind.JsonNode;

/**
 * Bad input never answers 500 (issue 13): every endpoint the service has (read from Spring's handler registry; one
 * without a row fails the test), called by an admin of every office with a valid request mutated in every way that
 * matters: each body string as 70,000 characters, with NUL and other control characters, as a number, an array, an
 * object, null and an unknown enum value; each number as a string, a huge number, a negative one; the body as 12 MB
 * and as malformed JSON; each path variable and query parameter as {@code %00}, an invalid UTF-8 escape and 10,000
 * characters. Never a 5xx; every 4xx is problem+json, names the field at fault for text it refuses, and writes
 * nothing (the events of the test's dossier and petition, the office's dossiers and petitions are counted). The
 * history import answers 200 and refuses the line instead, naming its field.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointMutationIT extends WorkflowIntegrationTestBase {
    private static final String OFFICE = "MU" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    private String dossierId;
    private String petitionId;

    /** Every "METHOD pattern" of the service and a valid request for it. */
    private static final Map<String, Sample> TABLE = new LinkedHashMap<>();

    static {
        String dossier = "/api/v1/dossiers/{dossierId}";
        TABLE.put("GET " + dossier, new Sample("", null));
        TABLE.put("POST " + dossier + "/transfers", new Sample("",
                "{\"toUnit\":\"Phòng TN-MT\",\"toOfficeId\":\"" + OFFICE + "\",\"note\":\"thẩm định\","
                        + "\"at\":\"2026-03-02T09:00:00+07:00\"}"));
        TABLE.put("POST " + dossier + "/supplement-requests", new Sample("", "{\"reason\":\"thiếu bản đồ\"}"));
        TABLE.put("POST " + dossier + "/supplements", new Sample("", "{\"at\":\"2026-03-03T09:00:00+07:00\"}"));
        TABLE.put("POST " + dossier + "/apology-letters", new Sample("",
                "{\"reason\":\"chờ khảo sát\",\"newDueAt\":\"2099-01-05T09:00:00+07:00\","
                        + "\"responsibleUnit\":\"Phòng TN-MT\"}"));
        TABLE.put("GET " + dossier + "/apology-letters/{number}", new Sample("", null));
        TABLE.put("GET " + dossier + "/documents/supplement-request", new Sample("", null));
        TABLE.put("GET " + dossier + "/documents/refusal", new Sample("", null));
        TABLE.put("GET " + dossier + "/documents/control-slip", new Sample("", null));
        TABLE.put("POST " + dossier + "/resolution", new Sample("", "{\"outcome\":\"APPROVED\",\"reason\":\"đủ\"}"));
        TABLE.put("POST " + dossier + "/return", new Sample("",
                "{\"method\":\"IN_PERSON\",\"electronicResult\":false}"));
        TABLE.put("POST " + dossier + "/withdrawal", new Sample("", "{\"reason\":\"công dân rút\"}"));
        TABLE.put("POST " + dossier + "/payments", new Sample("", "{\"amount\":50000,\"online\":true}"));
        TABLE.put("POST " + dossier + "/ratings", new Sample("", "{\"rating\":\"SATISFIED\"}"));
        TABLE.put("POST /api/v1/petitions", new Sample("",
                "{\"officeId\":\"" + OFFICE + "\",\"category\":\"thái độ phục vụ\"}"));
        String petition = "/api/v1/petitions/{petitionId}";
        TABLE.put("GET " + petition, new Sample("", null));
        TABLE.put("POST " + petition + "/answer", new Sample("", "{\"at\":\"2026-03-03T09:00:00+07:00\"}"));
        TABLE.put("POST " + petition + "/rating", new Sample("", "{\"rating\":\"NEUTRAL\"}"));
        TABLE.put("GET /api/v1/worklists/{officeId}/petitions", new Sample("kind=overdue", null));
        TABLE.put("GET /api/v1/worklists/{officeId}", new Sample("kind=overdue&page=1&size=10", null));
        TABLE.put("GET /api/v1/dossiers", new Sample("officeId=" + OFFICE
                + "&scope=office&status=OPEN&overdue=false&page=1&size=10", null));
        TABLE.put("GET /api/v1/dossiers/by-code/{code}", new Sample("", null));
        TABLE.put("GET /api/v1/public/dossiers/{code}", new Sample("pin=ABCD2345", null));
        TABLE.put("POST /api/v1/imports/dossier-histories", new Sample("",
                "{\"dossierId\":\"NO-SUCH-DOSSIER\",\"steps\":[]}"));
        TABLE.put("GET /prometheus", new Sample("", null));
        TABLE.put("GET /health", new Sample("", null));
        TABLE.put("GET /health/**", new Sample("", null));
        TABLE.put("GET /openapi.json", new Sample("", null));
        TABLE.put("GET /openapi.json.yaml", new Sample("", null));
        TABLE.put("GET /swagger-ui.html", new Sample("", null));
        TABLE.put("GET /openapi.json/swagger-config", new Sample("", null));
        TABLE.put("ANY /error", new Sample("", null));
        TABLE.put("GET /info", new Sample("", null));
    }

    @BeforeAll
    void fixtures() throws Exception {
        registerOffices(OFFICE, null);
        dossierId = newDossierId(OFFICE);
        Instant now = Instant.now();
        openDossier(dossierId, OFFICE, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        Reply<JsonNode> created = post("/api/v1/petitions", "{\"officeId\":\"" + OFFICE + "\",\"category\":\"phí\"}",
                adminToken());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        petitionId = created.json().path("petitionId").asString();
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> endpoints = endpoints();
        List<String> missing = endpoints.stream().filter(e -> !TABLE.containsKey(e)).toList();
        if (!missing.isEmpty()) {
            fail("endpoints without a row in the mutation table: %s", missing);
        }
        assertThat(TABLE.keySet()).as("rows for endpoints that no longer exist").isSubsetOf(endpoints);
    }

    @Test
    void noMutationOfAnyRequestAnswers5xxOrWrites() throws Exception {
        EndpointMutations.Outcome outcome = EndpointMutations.run(TABLE, this::vars, "http://localhost:" + port,
                adminToken(), this::written);
        assertThat(outcome.sent()).isGreaterThan(300);
        assertThat(outcome.failures()).isEmpty();
    }

    /** The cases of issue 13 by name: each was a 500, Tomcat's HTML page or a cut connection. */
    @Test
    void theReportedCasesAreProblems() throws Exception {
        String transfer = "/api/v1/dossiers/" + dossierId + "/transfers";
        long before = written();
        assertProblem(post(transfer, "{\"toUnit\":\"" + "u".repeat(3_000) + "\"}", adminToken()), 400, "toUnit");
        assertProblem(post(transfer, "{\"toUnit\":\"a\\u0000b\"}", adminToken()), 400, "toUnit");
        assertProblem(post(transfer, "{\"toUnit\":\"" + LONG_TEXT + "\"}", adminToken()), 413, "body");
        assertProblem(post(transfer, EndpointMutations.BIG_BODY, adminToken()), 413, "body");
        assertProblem(get("/api/v1/dossiers/%00", adminToken()), 400, null);
        assertProblem(get("/api/v1/dossiers/%C3%28", adminToken()), 400, null);
        assertProblem(get("/api/v1/worklists/" + OFFICE + "?kind=a%00b", adminToken()), 400, "kind");
        assertThat(written()).isEqualTo(before);
    }

    /**
     * What the test's fixtures hold: the events of its dossier and petition, its office's dossiers and petitions.
     * Anything a refused request wrote shows here (every endpoint acts on these or on nothing).
     */
    private long written() {
        Long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?)",
                Long.class, dossierId, petitionId);
        Long petitions = jdbc.queryForObject("SELECT count(*) FROM petition_view WHERE office_id = ?", Long.class,
                OFFICE);
        Long dossiers = jdbc.queryForObject("SELECT count(*) FROM dossier_view WHERE office_id = ?", Long.class,
                OFFICE);
        return events * 1_000_000L + petitions * 1_000L + dossiers;
    }

    /** The fixtures' ids for the pattern's path variables. */
    private Map<String, String> vars(String pattern) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String var : List.of("dossierId", "code", "petitionId", "officeId", "number")) {
            if (pattern.contains("{" + var + "}")) {
                vars.put(var, switch (var) {
                    case "dossierId", "code" -> dossierId;
                    case "petitionId" -> petitionId;
                    case "officeId" -> OFFICE;
                    default -> "1";
                });
            }
        }
        return vars;
    }

    private Set<String> endpoints() {
        return Endpoints.of(context, "ANY");
    }
}
