package vn.motcua.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.EndpointMutations;
import vn.motcua.testsupport.EndpointMutations.Answer;
import vn.motcua.testsupport.JsonHttp;

/**
 * Bad input never answers 500 (issue 13): every route of the router (one without a row fails the test), called by
 * an admin of every office with a valid request mutated: each query parameter, form field and path variable as
 * {@code %00}, a control character, an invalid UTF-8 escape and 10,000 characters; each body as 12 MB and as
 * malformed JSON. Never a 5xx; every 4xx is problem+json and names the parameter at fault; a refused request
 * starts no rebuild (the only thing a request writes). The service's own checks and Micronaut's (request size,
 * undecodable paths, through {@link ProblemErrorResponseProcessor}) already answer all of this.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointMutationIT implements TestPropertyProvider {
    private static final String PERIOD = "from=2024-01-01&to=2024-01-31";
    private static final String BIG_BODY = "{\"filler\":\"" + "y".repeat(12 * 1024 * 1024) + "\"}";

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_mutation_it", ReportingInfra.uniqueGroup("reporting-mutation"));
    }

    /** A valid request: path, query, body and its type (null: none). */
    record Sample(String path, String query, String body, String contentType) {
    }

    /** Every "METHOD route" of the router and a valid request for it. */
    private static Map<String, Sample> table() {
        Map<String, Sample> t = new LinkedHashMap<>();
        String office = "officeId=H49";
        t.put("GET /api/v1/reports/dossiers", new Sample("/api/v1/reports/dossiers", office + "&scope=subtree&"
                + PERIOD, null, null));
        t.put("GET /api/v1/reports/dossiers/breakdown", new Sample("/api/v1/reports/dossiers/breakdown",
                office + "&by=office&" + PERIOD, null, null));
        t.put("GET /api/v1/reports/dossiers/ranking", new Sample("/api/v1/reports/dossiers/ranking",
                office + "&by=onTime&" + PERIOD, null, null));
        t.put("GET /api/v1/reports/service-index", new Sample("/api/v1/reports/service-index",
                office + "&scope=subtree&" + PERIOD, null, null));
        t.put("GET /api/v1/reports/service-index/ranking", new Sample("/api/v1/reports/service-index/ranking",
                office + "&period=2024-H1", null, null));
        t.put("GET /api/v1/reports/dossiers/series", new Sample("/api/v1/reports/dossiers/series",
                office + "&interval=week&" + PERIOD, null, null));
        t.put("GET /api/v1/reports/dossiers/items", new Sample("/api/v1/reports/dossiers/items",
                office + "&figure=resolved.late&page=1&size=10&" + PERIOD, null, null));
        t.put("GET /api/v1/reports/offices", new Sample("/api/v1/reports/offices", office, null, null));
        t.put("GET /api/v1/projections/status", new Sample("/api/v1/projections/status", "", null, null));
        t.put("GET /prometheus", new Sample("/prometheus", "", null, null));
        t.put("GET /metrics", new Sample("/metrics", "", null, null));
        t.put("GET /metrics/{name}", new Sample("/metrics/jvm.memory.used", "", null, null));
        t.put("GET /info", new Sample("/info", "", null, null));
        t.put("GET /flyway", new Sample("/flyway", "", null, null));
        t.put("GET /routes", new Sample("/routes", "", null, null));
        t.put("GET /threaddump", new Sample("/threaddump", "", null, null));
        t.put("GET /health", new Sample("/health", "", null, null));
        t.put("GET /health/{selector}", new Sample("/health/liveness", "", null, null));
        t.put("GET /openapi/**", new Sample("/openapi/motcua-reporting-service-v1.yml", "", null, null));
        t.put("GET /swagger-ui/**", new Sample("/swagger-ui/index.html", "", null, null));
        t.put("GET /", new Sample("/", "", null, null));
        t.put("GET /console/**", new Sample("/console/console.js", "", null, null));
        t.put("GET /console/config.json", new Sample("/console/config.json", "", null, null));
        t.put("GET /console/lib/echarts.min.js", new Sample("/console/lib/echarts.min.js", "", null, null));
        t.put("POST /console/token", new Sample("/console/token", "", "grant_type=authorization_code&code=abc"
                + "&code_verifier=xyz&redirect_uri=http%3A%2F%2Flocalhost%2F", "application/x-www-form-urlencoded"));
        t.put("POST /refresh", new Sample("/refresh", "", "{\"force\":false}", "application/json"));
        // Last: an accepted rebuild really starts (in this test's own database).
        t.put("POST /api/v1/projections/rebuild", new Sample("/api/v1/projections/rebuild", "", null, null));
        return t;
    }

    @Test
    void everyRouteHasARow() {
        Set<String> routes = new TreeSet<>();
        router.uriRoutes().forEach(route -> {
            String method = route.getHttpMethodName().equals("HEAD") ? "GET" : route.getHttpMethodName();
            routes.add(method + " " + route.getUriMatchTemplate().toPathString());
        });
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(table().keySet());
        assertThat(missing).as("routes without a row in the mutation table").isEmpty();
        // The static resources (/openapi/**, /console/**) are served without a route of the router.
        assertThat(routes).as("rows for routes that no longer exist")
                .containsAll(table().keySet().stream().filter(k -> !k.endsWith("/**")).toList());
    }

    /** One mutated request; {@code field}: the parameter the answer must name if it refuses (null: none asked). */
    record Mutation(String name, String path, String query, String body, String contentType, String field,
                    boolean mustRefuse) {
    }

    @Test
    void noMutationOfAnyRequestAnswers5xxOrWrites() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, Sample> entry : table().entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            Sample sample = entry.getValue();
            // The sign-in exchange forwards (URL-encoded) to the provider, which the tests do not run: the valid
            // request answers its 503, and so may the mutations, as long as the answer is that same outage.
            Answer valid = entry.getKey().equals("POST /console/token") ? call(method, new Mutation("valid",
                    sample.path(), sample.query(), sample.body(), sample.contentType(), null, false)) : null;
            for (Mutation mutation : mutations(sample)) {
                String before = method.equals("POST") ? rebuild() : null;
                Answer response = call(method, mutation);
                sent++;
                String problem = valid != null && valid.status() == 503 && response.status() == 503
                        && response.text().equals(valid.text()) ? null : judge(response, mutation);
                if (problem == null && before != null && response.status() >= 400 && !before.equals(rebuild())) {
                    problem = "refused but started a rebuild";
                }
                if (problem != null) {
                    failures.add("%s [%s]: %s".formatted(entry.getKey(), mutation.name(), problem));
                }
            }
        }
        assertThat(sent).isGreaterThan(150);
        assertThat(failures).isEmpty();
    }

    private static List<Mutation> mutations(Sample sample) {
        List<String[]> bad = List.of(new String[] {"%00", "NUL"}, new String[] {"a%01b", "control"},
                new String[] {"%C3%28", "invalid UTF-8"}, new String[] {"q".repeat(10_000), "10,000 chars"});
        List<Mutation> out = new ArrayList<>();
        // The last path segment (every variable and wildcard of the routes is there); the root has none.
        if (!sample.path().equals("/")) {
            String head = sample.path().substring(0, sample.path().lastIndexOf('/') + 1);
            for (String[] b : bad) {
                out.add(new Mutation("path " + b[1], head + b[0], sample.query(), sample.body(), sample.contentType(),
                        null, true));
            }
        }
        for (String[] b : bad) {
            out.add(new Mutation("extra path " + b[1], sample.path() + "/" + b[0], sample.query(), sample.body(),
                    sample.contentType(), null, true));
        }
        if (!sample.query().isEmpty()) {
            for (Map.Entry<String, String[]> m : mutatedPairs(sample.query(), bad).entrySet()) {
                out.add(new Mutation("?" + m.getKey(), sample.path(), m.getValue()[0], sample.body(),
                        sample.contentType(), m.getValue()[1], true));
            }
        }
        boolean form = "application/x-www-form-urlencoded".equals(sample.contentType());
        if (form) {
            for (Map.Entry<String, String[]> m : mutatedPairs(sample.body(), bad).entrySet()) {
                out.add(new Mutation("form " + m.getKey(), sample.path(), sample.query(), m.getValue()[0],
                        sample.contentType(), null, false));
            }
        }
        if (sample.body() != null || sample.path().contains("rebuild")) {
            String type = form ? sample.contentType() : "application/json";
            out.add(new Mutation("12 MB body", sample.path(), sample.query(), BIG_BODY, type, null,
                    sample.body() != null));
            out.add(new Mutation("malformed JSON", sample.path(), sample.query(), "{\"force\":", type, null,
                    sample.body() != null && !form));
            if (!form && sample.body() != null) {
                out.add(new Mutation("force as string", sample.path(), sample.query(), "{\"force\":\"twelve\"}", type,
                        null, false));
                out.add(new Mutation("force with NUL", sample.path(), sample.query(), "{\"force\":\"a\\u0000\"}", type,
                        null, false));
            }
        }
        return out;
    }

    /** Each parameter of {@code pairs} replaced by each bad value: name -> {pairs, parameter name}. */
    private static Map<String, String[]> mutatedPairs(String pairs, List<String[]> bad) {
        Map<String, String[]> out = new LinkedHashMap<>();
        String[] split = pairs.split("&");
        for (int i = 0; i < split.length; i++) {
            String name = split[i].substring(0, split[i].indexOf('='));
            for (String[] b : bad) {
                String[] changed = split.clone();
                changed[i] = name + "=" + b[0];
                out.put(name + " " + b[1], new String[] {String.join("&", changed), name});
            }
        }
        return out;
    }

    /**
     * The shared judge (test-support's {@link EndpointMutations#judge}). Here only a 400 must name the parameter:
     * Micronaut refuses an oversized query as a whole (413) before any parameter is read. What a refused request
     * writes is checked by the caller, against the rebuild's status.
     */
    private static String judge(Answer answer, Mutation mutation) {
        String field = answer.status() == 400 ? mutation.field() : null;
        return EndpointMutations.judge(answer, new EndpointMutations.Mutation(mutation.name(), mutation.path(),
                mutation.query(), mutation.body(), field, mutation.mustRefuse()), 0, () -> 0);
    }

    private String rebuild() throws Exception {
        Answer status = call("GET", new Mutation("status", "/api/v1/projections/status", "", null, null, null,
                false));
        return status.body() == null ? status.text() : String.valueOf(vn.motcua.testsupport.Json.member(
                status.body(), "rebuild"));
    }

    private Answer call(String method, Mutation mutation) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept", "application/json"));
        if (mutation.body() != null) {
            headers.put("Content-Type", mutation.contentType());
        }
        JsonHttp.Reply<Object> r = JsonHttp.at(server.getURI().toString(), vn.motcua.testsupport.Json::parse)
                .as(ReportingInfra.adminBearer()).send(method, mutation.path()
                        + (mutation.query().isEmpty() ? "" : "?" + mutation.query()), mutation.body(), headers);
        return new Answer(r.status(), r.contentType(), r.body());
    }
}
