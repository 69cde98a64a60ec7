package vn.motcua.intake.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static vn.motcua.testsupport.JsonMutations.LONG_TEXT;
import static vn.motcua.testsupport.JsonMutations.leaves;
import static vn.motcua.testsupport.JsonMutations.mutate;
import static vn.motcua.testsupport.JsonMutations.variants;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
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
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import tools.jackson.databind.JsonNode;
import vn.motcua.testsupport.JsonMutations.Leaf;
import vn.motcua.testsupport.JsonMutations.Variant;
import vn.motcua.intake.support.Api;
import vn.motcua.intake.support.IntakeIntegrationTest;
import vn.motcua.intake.support.Tokens;

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
class EndpointMutationIT extends IntakeIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BIG_BODY = "{\"filler\":\"" + "y".repeat(12 * 1024 * 1024) + "\"}";
    private static String PROCEDURE;

    @Autowired
    ApplicationContext context;

    private String office;
    private String dossierId;
    private String dossierCode;

    /** A valid request: its query and body (null: none). Path variables are filled in by the mutations. */
    record Sample(String query, String body) {
    }

    /** Every "METHOD pattern" of the service ("*": any method) and a valid request for it, in the order sent. */
    private Map<String, Sample> table() {
        Map<String, Sample> table = new LinkedHashMap<>();
        table.put("GET /api/v1/offices", new Sample("", null));
        table.put("GET /api/v1/procedures", new Sample("", null));
        table.put("PUT /api/v1/offices/{officeId}", new Sample("", Api.json(Map.of("name", "Xã Mẫu",
                "level", "COMMUNE", "parentId", office))));
        table.put("PUT /api/v1/procedures/{code}", new Sample("", "{\"name\":\"Đăng ký khai sinh\","
                + "\"field\":\"hộ tịch\",\"processingDays\":3,\"onlineMode\":\"FULL\",\"postal\":false,"
                + "\"fee\":50000,\"onlinePayment\":true,\"decidedAt\":\"2025-01-02\",\"effectiveAt\":\"2025-02-01\","
                + "\"publishedAt\":\"2025-01-15\",\"contentComplete\":true}"));
        table.put("POST /api/v1/imports/catalogue", new Sample("", "{\"offices\":[{\"officeId\":\""
                + Api.uniqueId("MU") + "\",\"name\":\"x\",\"level\":\"DISTRICT\"}],\"procedures\":[]}"));
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
        Api admin = api();
        office = admin.newOffice("DISTRICT", null);
        PROCEDURE = admin.newProcedure("3", "NONE", false);
        Api.Response received = admin.post("/api/v1/dossiers", Api.dossierBody(office, PROCEDURE));
        assertThat(received.status()).as(received.body()).isEqualTo(201);
        dossierId = received.text("dossierId");
        dossierCode = admin.get("/api/v1/dossiers/" + dossierId).text("code");
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
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, Sample> entry : table().entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            method = "*".equals(method) ? "GET" : method;
            String pattern = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            for (Mutation mutation : mutations(pattern, entry.getValue())) {
                long before = written();
                Response response = call(method, mutation);
                sent++;
                String problem = judge(response, mutation, before);
                if (problem != null) {
                    failures.add("%s %s [%s]: %s".formatted(method, pattern, mutation.name(), problem));
                }
            }
        }
        assertThat(sent).isGreaterThan(300);
        assertThat(failures).isEmpty();
    }

    record Response(int status, String contentType, JsonNode body, String text) {
    }

    /** Null if the answer is right for the mutation, else what is wrong. */
    private String judge(Response response, Mutation mutation, long before) {
        int status = response.status();
        String body = response.text();
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
            // A line longer than the import reads is refused as a whole, like a body as a 413.
            boolean lineTooLong = mutation.name().endsWith("70,000 chars") && fields.contains("line");
            if (mutation.field() != null && !fields.contains(mutation.field()) && !lineTooLong) {
                return "does not name " + mutation.field() + ": " + shown;
            }
            // An entry that is not refused is imported (its siblings are in any case): only refusals must not write.
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

    /** Everything a request of intake could write: events, dossiers, offices, procedures. */
    private long written() {
        Long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        Long rows = jdbc.queryForObject("SELECT (SELECT count(*) FROM dossier) + (SELECT count(*) FROM office)"
                + " + (SELECT count(*) FROM procedure)", Long.class);
        return events * 1_000_000L + rows;
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
        for (String var : List.of("dossierId", "code", "officeId")) {
            if (pattern.contains("{" + var + "}")) {
                vars.put(var, switch (var) {
                    case "dossierId" -> dossierId;
                    case "code" -> pattern.startsWith("/api/v1/procedures") ? PROCEDURE : dossierCode;
                    default -> pattern.startsWith("/api/v1/offices") ? Api.uniqueId("MU") : office;
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
            JsonNode root = Api.JSON.readTree(sample.body());
            for (Leaf leaf : leaves(root)) {
                for (Variant variant : variants(leaf.value())) {
                    JsonNode mutated = mutate(root, leaf, variant.value());
                    out.add(new Mutation(leaf.path() + " " + variant.name(), path, sample.query(),
                            Api.JSON.writeValueAsString(mutated), variant.named() ? leaf.path() : null,
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
                .header("Authorization", Tokens.admin());
        if (mutation.body() == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(mutation.body()));
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String contentType = r.headers().firstValue("Content-Type").orElse("");
        JsonNode body = null;
        if (contentType.contains("json") && !r.body().isBlank()) {
            try {
                body = Api.JSON.readTree(r.body());
            } catch (RuntimeException e) {
                body = null; // judged as "not problem+json"
            }
        }
        return new Response(r.statusCode(), contentType, body, r.body());
    }

    /** "METHOD pattern" of every handler Spring MVC knows (controllers, actuator, OpenAPI); "*" for any method. */
    private Set<String> endpoints() {
        Set<String> keys = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                if (methods.isEmpty()) {
                    methods.add("*");
                }
                for (String pattern : info.getPatternValues()) {
                    methods.forEach(m -> keys.add(m + " " + pattern));
                }
            }
        }
        return keys;
    }
}
