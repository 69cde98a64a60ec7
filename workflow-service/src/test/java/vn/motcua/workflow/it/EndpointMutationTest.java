package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.motcua.testsupport.JsonMutations.LONG_TEXT;
import static vn.motcua.testsupport.JsonMutations.leaves;
import static vn.motcua.testsupport.JsonMutations.mutate;
import static vn.motcua.testsupport.JsonMutations.variants;

import java.net.URI;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;
import vn.motcua.testsupport.JsonMutations.Leaf;
import vn.motcua.testsupport.JsonMutations.Variant;

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
class EndpointMutationTest extends WorkflowIntegrationTestBase {
    private static final String OFFICE = "MU" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final String BIG_BODY = "{\"filler\":\"" + "y".repeat(12 * 1024 * 1024) + "\"}";

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    private String dossierId;
    private String petitionId;

    /** A valid request: its query and body (null: none). Path variables are filled in by {@link #path}. */
    record Sample(String query, String body) {
    }

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
        Response created = post("/api/v1/petitions", "{\"officeId\":\"" + OFFICE + "\",\"category\":\"phí\"}",
                adminToken());
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        petitionId = created.body().path("petitionId").asString();
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
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, Sample> entry : TABLE.entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            method = "ANY".equals(method) ? "GET" : method;
            String pattern = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            for (Mutation mutation : mutations(pattern, entry.getValue())) {
                long before = written();
                Response response = call(method, mutation);
                sent++;
                String where = "%s %s [%s]".formatted(method, pattern, mutation.name());
                String problem = judge(response, mutation, before);
                if (problem != null) {
                    failures.add(where + ": " + problem);
                }
            }
        }
        assertThat(sent).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    /** The cases of issue 13 by name: each was a 500, Tomcat's HTML page or a cut connection. */
    @Test
    void theReportedCasesAreProblems() throws Exception {
        String transfer = "/api/v1/dossiers/" + dossierId + "/transfers";
        long before = written();
        assertProblem(post(transfer, "{\"toUnit\":\"" + "u".repeat(3_000) + "\"}", adminToken()), 400, "toUnit");
        assertProblem(post(transfer, "{\"toUnit\":\"a\\u0000b\"}", adminToken()), 400, "toUnit");
        assertProblem(post(transfer, "{\"toUnit\":\"" + LONG_TEXT + "\"}", adminToken()), 413, "body");
        assertProblem(post(transfer, BIG_BODY, adminToken()), 413, "body");
        assertProblem(get("/api/v1/dossiers/%00", adminToken()), 400, null);
        assertProblem(get("/api/v1/dossiers/%C3%28", adminToken()), 400, null);
        assertProblem(get("/api/v1/worklists/" + OFFICE + "?kind=a%00b", adminToken()), 400, "kind");
        assertThat(written()).isEqualTo(before);
    }

    /** Null if the answer is right for the mutation, else what is wrong. */
    private String judge(Response response, Mutation mutation, long before) {
        int status = response.status();
        String body = response.raw().body();
        String shown = status + " " + response.contentType() + " " + (body.length() > 300
                ? body.substring(0, 300) : body);
        if (status >= 500) {
            return "answered " + shown;
        }
        if (status < 400 && mutation.path().startsWith("/api/v1/imports") && response.body() != null) {
            // The history import answers 200 and refuses line by line, naming the line's field.
            List<String> fields = new ArrayList<>();
            response.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            if (mutation.mustRefuse() && response.body().path("rejected").asInt() < 1) {
                return "line accepted: " + shown;
            }
            if (mutation.field() != null && !fields.contains(mutation.field())) {
                return "does not name " + mutation.field() + ": " + shown;
            }
            // A line that is not refused is imported: only refusals must not write.
            return !mutation.mustRefuse() || written() == before ? null : "refused line but wrote";
        }
        if (status < 400) {
            return mutation.mustRefuse() ? "accepted: " + shown : null;
        }
        if (!response.contentType().startsWith("application/problem+json") || response.body() == null) {
            return "not problem+json: " + shown;
        }
        if (response.body().path("status").asInt() != status || response.body().path("title").asString().isBlank()) {
            return "incomplete problem: " + shown;
        }
        if (mutation.field() != null) {
            List<String> fields = new ArrayList<>();
            response.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            boolean tooLarge = status == 413 && fields.contains("body");
            if (!tooLarge && !fields.contains(mutation.field())) {
                return "does not name " + mutation.field() + ": " + shown;
            }
        }
        if (written() != before) {
            return "refused (" + status + ") but wrote";
        }
        return null;
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

    // ---- mutations ---------------------------------------------------------------------------------------------

    /**
     * One mutated request. {@code field}: the field the answer must name if it refuses (null: none asked);
     * {@code mustRefuse}: a 2xx is wrong.
     */
    record Mutation(String name, String path, String query, String body, String field, boolean mustRefuse) {
    }

    private List<Mutation> mutations(String pattern, Sample sample) {
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
        String concrete = pattern.replace("/**", "/liveness");
        List<Mutation> out = new ArrayList<>();
        // Path variables: NUL, a broken UTF-8 escape, 10,000 characters.
        for (String var : vars.keySet()) {
            for (String[] bad : List.of(new String[] {"%00", "NUL"}, new String[] {"%C3%28", "invalid UTF-8"},
                    new String[] {"z".repeat(10_000), "10,000 chars"})) {
                Map<String, String> changed = new LinkedHashMap<>(vars);
                changed.put(var, bad[0]);
                out.add(new Mutation("{" + var + "} " + bad[1], fill(concrete, changed), sample.query(),
                        sample.body(), null, true));
            }
        }
        String path = fill(concrete, vars);
        // Query parameters likewise, named by the answer.
        if (!sample.query().isEmpty()) {
            String[] pairs = sample.query().split("&");
            for (int i = 0; i < pairs.length; i++) {
                String name = pairs[i].substring(0, pairs[i].indexOf('='));
                for (String[] bad : List.of(new String[] {"%00", "NUL"}, new String[] {"a%01b", "control"},
                        new String[] {"%C3%28", "invalid UTF-8"}, new String[] {"q".repeat(10_000), "10,000 chars"})) {
                    String[] changed = pairs.clone();
                    changed[i] = name + "=" + bad[0];
                    out.add(new Mutation("?" + name + " " + bad[1], path, String.join("&", changed), sample.body(),
                            name, true));
                }
            }
        }
        if (sample.body() != null) {
            boolean streamed = path.startsWith("/api/v1/imports");
            out.add(new Mutation("12 MB body", path, sample.query(), BIG_BODY, null, !streamed));
            out.add(new Mutation("malformed JSON", path, sample.query(),
                    sample.body().substring(0, sample.body().length() - 1) + ",", null, true));
            out.add(new Mutation("array body", path, sample.query(), "[]", null, true));
            JsonNode root = JSON.readTree(sample.body());
            for (Leaf leaf : leaves(root)) {
                for (Variant variant : variants(leaf.value())) {
                    JsonNode mutated = mutate(root, leaf, variant.value());
                    out.add(new Mutation(leaf.path() + " " + variant.name(), path, sample.query(),
                            JSON.writeValueAsString(mutated), variant.named() ? leaf.path() : null,
                            variant.named()));
                }
            }
        }
        return out;
    }

    private static String fill(String pattern, Map<String, String> vars) {
        String path = pattern;
        for (Map.Entry<String, String> var : vars.entrySet()) {
            path = path.replace("{" + var.getKey() + "}", var.getValue());
        }
        return path;
    }


    private Response call(String method, Mutation mutation) throws Exception {
        String target = "http://localhost:" + port + mutation.path()
                + (mutation.query().isEmpty() ? "" : "?" + mutation.query());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .header("Authorization", adminToken());
        if (mutation.body() == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(mutation.body()));
        }
        return sendExactly(request.build());
    }

    /** Every handler the service registered, as "METHOD pattern" (ANY when it takes every method). */
    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        endpoints.add("ANY " + pattern);
                    }
                    methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
                }
            }
        }
        return endpoints;
    }
}
