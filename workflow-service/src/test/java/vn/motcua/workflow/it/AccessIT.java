package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;
import vn.motcua.spring.web.Endpoints;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.testsupport.BadTokens;

/**
 * The contract's access rules (CONTRACT.md, "Access") against the running service with real signed tokens: bad
 * tokens, and every kind of caller against every endpoint the service has. The endpoints are read from Spring's
 * handler registry, so an endpoint added without a row here fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessIT extends WorkflowIntegrationTestBase {
    /** A small tree of its own: province, two districts, a commune in each (the second is the neighbour). */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final String PROVINCE = "AC" + RUN;
    private static final String DISTRICT = PROVINCE + ".1";
    private static final String COMMUNE = DISTRICT + ".01";
    private static final String OTHER_DISTRICT = PROVINCE + ".2";
    private static final String NEIGHBOUR = OTHER_DISTRICT + ".01";

    @Autowired
    ApplicationContext context;

    @BeforeAll
    void catalogue() throws Exception {
        registerOffices(PROVINCE, null, DISTRICT, PROVINCE, COMMUNE, DISTRICT, OTHER_DISTRICT, PROVINCE,
                NEIGHBOUR, OTHER_DISTRICT);
    }

    // ---- 401 ------------------------------------------------------------------------------------------------

    static Stream<BadTokens.Case> badTokens() {
        return BadTokens.all(ISSUER, List.of("officer"), List.of("*")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void everyBadTokenIs401InvalidToken(BadTokens.Case bad) throws Exception {
        for (Reply<JsonNode> response : List.of(get("/api/v1/dossiers/ANY-1", bad.authorization()),
                post("/api/v1/dossiers/ANY-1/resolution", "{\"outcome\":\"APPROVED\"}", bad.authorization()),
                get("/api/v1/worklists/" + COMMUNE + "?kind=overdue", bad.authorization()))) {
            assertUnauthorized(response, "Bearer error=\"invalid_token\"");
            assertThat(response.json().path("type").asString()).endsWith("/invalid-token");
        }
    }

    @Test
    void noTokenIs401Bearer() throws Exception {
        Reply<JsonNode> response = get("/api/v1/dossiers/ANY-1", null);
        assertUnauthorized(response, "Bearer");
        assertThat(response.json().path("type").asString()).endsWith("/unauthorized");
        assertUnauthorized(post("/api/v1/dossiers/ANY-1/withdrawal", "{}", null), "Bearer");
        assertUnauthorized(get("/prometheus", null), "Bearer");
        assertUnauthorized(get("/api/v1/nothing-here", null), "Bearer");
    }

    private static void assertUnauthorized(Reply<JsonNode> response, String challenge) {
        assertProblem(response, 401, null);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
    }

    // ---- 403: every caller against every endpoint ----------------------------------------------------------

    /** Who calls: the kinds of caller the contract distinguishes. */
    enum Caller {
        NO_TOKEN, OFFICER_IN_SCOPE, OFFICER_OF_NEIGHBOUR, CLERK, ANALYST, ADMIN, UNKNOWN_ROLES, OFFICER_OF_NOWHERE;

        String authorization() {
            return switch (this) {
                case NO_TOKEN -> null;
                // The district's officer: its commune is in scope through the catalogue's tree.
                case OFFICER_IN_SCOPE -> ISSUER.bearer("officer-district", List.of("officer"), List.of(DISTRICT));
                case OFFICER_OF_NEIGHBOUR -> ISSUER.bearer("officer-neighbour", List.of("officer"),
                        List.of(NEIGHBOUR));
                case CLERK -> ISSUER.bearer("clerk-all", List.of("clerk"), List.of("*"));
                case ANALYST -> ISSUER.bearer("analyst-all", List.of("analyst"), List.of("*"));
                case ADMIN -> ISSUER.bearer("admin-all", List.of("admin"), List.of("*"));
                case UNKNOWN_ROLES -> ISSUER.bearer("stranger", List.of("superuser", "root", "OFFICER"),
                        List.of("*"));
                case OFFICER_OF_NOWHERE -> ISSUER.bearer("officer-nowhere", List.of("officer"),
                        List.of("NO-SUCH-OFFICE", "ALSO.MISSING"));
            };
        }
    }

    /** What an endpoint asks of its caller. */
    enum Rule {
        PUBLIC, OFFICER_OF_THE_OFFICE, OFFICER, ADMIN, DENIED;

        boolean allows(Caller caller) {
            return switch (this) {
                case PUBLIC -> true;
                // The role alone (the history import checks each line's office itself).
                case OFFICER -> caller == Caller.OFFICER_IN_SCOPE || caller == Caller.OFFICER_OF_NEIGHBOUR
                        || caller == Caller.OFFICER_OF_NOWHERE || caller == Caller.ADMIN;
                case OFFICER_OF_THE_OFFICE -> caller == Caller.OFFICER_IN_SCOPE || caller == Caller.ADMIN;
                case ADMIN -> caller == Caller.ADMIN;
                case DENIED -> false;
            };
        }
    }

    /** One endpoint: how to call it and what it asks. A body of null sends none. */
    record Row(Rule rule, String query, String body) {
        boolean writes() {
            return body != null;
        }
    }

    /** The table: "METHOD pattern" of every handler the service has. */
    private static final Map<String, Row> TABLE = new LinkedHashMap<>();

    static {
        String dossier = "/api/v1/dossiers/{dossierId}";
        TABLE.put("GET " + dossier, new Row(Rule.OFFICER_OF_THE_OFFICE, "", null));
        TABLE.put("POST " + dossier + "/transfers", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"toUnit\":\"Phòng TN-MT\",\"note\":\"thẩm định\"}"));
        TABLE.put("POST " + dossier + "/supplement-requests", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"reason\":\"thiếu bản đồ\"}"));
        TABLE.put("POST " + dossier + "/supplements", new Row(Rule.OFFICER_OF_THE_OFFICE, "", "{}"));
        TABLE.put("POST " + dossier + "/apology-letters", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"reason\":\"chờ khảo sát\",\"newDueAt\":\"2099-01-05T09:00:00+07:00\"}"));
        TABLE.put("GET " + dossier + "/apology-letters/{number}", new Row(Rule.OFFICER_OF_THE_OFFICE, "", null));
        // The printable documents (forms 02, 03, 05): an open dossier has no supplement request or refusal (409).
        TABLE.put("GET " + dossier + "/documents/supplement-request", new Row(Rule.OFFICER_OF_THE_OFFICE, "", null));
        TABLE.put("GET " + dossier + "/documents/refusal", new Row(Rule.OFFICER_OF_THE_OFFICE, "", null));
        TABLE.put("GET " + dossier + "/documents/control-slip", new Row(Rule.OFFICER_OF_THE_OFFICE, "", null));
        TABLE.put("POST " + dossier + "/resolution", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"outcome\":\"APPROVED\"}"));
        TABLE.put("POST " + dossier + "/return", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"method\":\"IN_PERSON\"}"));
        TABLE.put("POST " + dossier + "/withdrawal", new Row(Rule.OFFICER_OF_THE_OFFICE, "", "{}"));
        TABLE.put("POST " + dossier + "/payments", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"amount\":50000,\"online\":true}"));
        TABLE.put("POST " + dossier + "/ratings", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"rating\":\"SATISFIED\"}"));
        // Petitions: a new one for the office its body names, an existing one for its office.
        TABLE.put("POST /api/v1/petitions", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"officeId\":\"" + COMMUNE + "\",\"category\":\"thái độ phục vụ\"}"));
        String petition = "/api/v1/petitions/{petitionId}";
        TABLE.put("GET " + petition, new Row(Rule.OFFICER_OF_THE_OFFICE, "", null));
        TABLE.put("POST " + petition + "/answer", new Row(Rule.OFFICER_OF_THE_OFFICE, "", "{}"));
        TABLE.put("POST " + petition + "/rating", new Row(Rule.OFFICER_OF_THE_OFFICE, "",
                "{\"rating\":\"NEUTRAL\"}"));
        TABLE.put("GET /api/v1/worklists/{officeId}/petitions", new Row(Rule.OFFICER_OF_THE_OFFICE, "?kind=overdue",
                null));
        TABLE.put("GET /api/v1/worklists/{officeId}", new Row(Rule.OFFICER_OF_THE_OFFICE, "?kind=overdue", null));
        // Contract 1.1: the dossier list, by code ({code} is a dossier of the commune), the citizens' lookup, the
        // history import (a line about an unknown dossier: answered 200 with the line rejected).
        TABLE.put("GET /api/v1/dossiers", new Row(Rule.OFFICER_OF_THE_OFFICE, "?officeId=" + COMMUNE, null));
        TABLE.put("GET /api/v1/dossiers/by-code/{code}", new Row(Rule.OFFICER_OF_THE_OFFICE, "", null));
        TABLE.put("GET /api/v1/public/dossiers/{code}", new Row(Rule.PUBLIC, "?pin=ABCD2345", null));
        TABLE.put("POST /api/v1/imports/dossier-histories", new Row(Rule.OFFICER, "",
                "{\"dossierId\":\"NO-SUCH-DOSSIER\",\"steps\":[]}"));
        TABLE.put("GET /prometheus", new Row(Rule.ADMIN, "", null));
        TABLE.put("GET /health", new Row(Rule.PUBLIC, "", null));
        TABLE.put("GET /health/**", new Row(Rule.PUBLIC, "", null));
        TABLE.put("GET /openapi.json", new Row(Rule.PUBLIC, "", null));
        TABLE.put("GET /openapi.json.yaml", new Row(Rule.PUBLIC, "", null));
        // Swagger UI on the document: its page (a redirect to the webjar's index) and its settings.
        TABLE.put("GET /swagger-ui.html", new Row(Rule.PUBLIC, "", null));
        TABLE.put("GET /openapi.json/swagger-config", new Row(Rule.PUBLIC, "", null));
        // Spring's error dispatch: open so that an error answer is never turned into a 401; called directly it
        // has no error to render (500 "None"), so only "no 401/403" is asked of it.
        TABLE.put("ANY /error", new Row(Rule.PUBLIC, "", null));
        // Exposed by actuator, named by no rule of the contract: closed to everyone.
        TABLE.put("GET /info", new Row(Rule.DENIED, "", null));
    }

    private Set<String> endpoints() {
        return Endpoints.of(context, "ANY");
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> endpoints = endpoints();
        List<String> missing = endpoints.stream().filter(e -> !TABLE.containsKey(e)).toList();
        if (!missing.isEmpty()) {
            fail("endpoints without a row in the access table: %s (all: %s)", missing, endpoints);
        }
        assertThat(TABLE.keySet()).as("rows for endpoints that no longer exist").isSubsetOf(endpoints);
    }

    @Test
    void everyCallerAgainstEveryEndpoint() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Row> entry : TABLE.entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            String pattern = entry.getKey().substring(method.length() + 1);
            Row row = entry.getValue();
            String dossierId = pattern.contains("{dossierId}") || pattern.contains("{code}") ? openInCommune() : null;
            String petitionId = pattern.contains("{petitionId}") ? petitionInCommune() : null;
            // A test dossier's code is its id (received(...)).
            String path = pattern.replace("{dossierId}", dossierId == null ? "" : dossierId)
                    .replace("{code}", dossierId == null ? "" : dossierId)
                    .replace("{petitionId}", petitionId == null ? "" : petitionId)
                    .replace("{officeId}", COMMUNE).replace("{number}", "1").replace("/**", "/liveness")
                    + row.query();
            String before = dossierId == null ? null : state(dossierId);
            // Refused callers first: afterwards the dossier must be exactly as it was.
            List<Caller> order = Stream.of(Caller.values()).sorted((a, b) -> Boolean.compare(row.rule().allows(a),
                    row.rule().allows(b))).toList();
            for (Caller caller : order) {
                Reply<JsonNode> response = call("ANY".equals(method) ? "GET" : method, path, row.body(),
                        caller.authorization());
                String expected = expectation(row.rule(), caller);
                String actual = describe(response);
                if (!matches(expected, response, "/error".equals(pattern))) {
                    failures.add("%s %s as %s: expected %s, got %s".formatted(method, path, caller, expected,
                            actual));
                }
                if (!row.rule().allows(caller) && dossierId != null && !before.equals(state(dossierId))) {
                    failures.add("%s %s as %s was refused but changed the dossier".formatted(method, path, caller));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aForbiddenAnswerIsAProblemNamingTheOffice() throws Exception {
        String id = openInCommune();
        Reply<JsonNode> response = get("/api/v1/dossiers/" + id, Caller.OFFICER_OF_NEIGHBOUR.authorization());
        assertProblem(response, 403, null);
        assertThat(response.json().path("type").asString()).endsWith("/forbidden");
        assertThat(response.json().path("detail").asString()).contains(COMMUNE);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();

        Reply<JsonNode> worklist = get("/api/v1/worklists/" + PROVINCE + "?kind=overdue",
                Caller.OFFICER_IN_SCOPE.authorization());
        assertProblem(worklist, 403, null);
        assertThat(worklist.json().path("detail").asString()).as("the province is above the district")
                .contains(PROVINCE);
    }

    @Test
    void anUnknownDossierStillAnswers404ToAnOfficer() throws Exception {
        assertProblem(get("/api/v1/dossiers/NOPE-" + RUN, Caller.OFFICER_OF_NEIGHBOUR.authorization()), 404, null);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static String expectation(Rule rule, Caller caller) {
        if (rule == Rule.PUBLIC) {
            return "not 401/403";
        }
        if (caller == Caller.NO_TOKEN) {
            return "401";
        }
        return rule.allows(caller) ? "not 401/403" : "403";
    }

    private static boolean matches(String expected, Reply<JsonNode> response, boolean errorDispatch) {
        int status = response.status();
        if (errorDispatch) {
            return status != 401 && status != 403;
        }
        return switch (expected) {
            case "401" -> status == 401 && response.contentType().startsWith("application/problem+json");
            case "403" -> status == 403 && response.contentType().startsWith("application/problem+json")
                    && response.json().path("status").asInt() == 403;
            default -> status != 401 && status != 403 && status < 500;
        };
    }

    private static String describe(Reply<JsonNode> response) {
        String body = response.body();
        return response.status() + " " + (body.length() > 200 ? body.substring(0, 200) : body);
    }

    private Reply<JsonNode> call(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if ("GET".equals(method)) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body));
        }
        return sendExactly(request.build());
    }

    /** A fresh dossier of the commune, received an hour ago, due in three days. */
    private String openInCommune() throws Exception {
        String id = newDossierId(COMMUNE);
        Instant now = Instant.now();
        openDossier(id, COMMUNE, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3)));
        return id;
    }

    /** A petition about the commune, received by an officer of every office. */
    private String petitionInCommune() throws Exception {
        Reply<JsonNode> created = post("/api/v1/petitions", "{\"officeId\":\"" + COMMUNE + "\",\"category\":\"phí\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("petitionId").asString();
    }

    /** The dossier as an admin reads it. */
    private String state(String dossierId) throws Exception {
        JsonNode body = get("/api/v1/dossiers/" + dossierId, adminToken()).json();
        return body == null ? "none" : body.toString();
    }
}
