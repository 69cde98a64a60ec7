package vn.motcua.reporting.access;

import static vn.motcua.reporting.ReportingInfra.accept;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.office;
import static vn.motcua.reporting.EventFeed.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.motcua.access.Role;
import vn.motcua.events.OfficeLevel;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.BadTokens;
import vn.motcua.testsupport.TestIssuer;

/**
 * The contract's access rules against the running service with real signed tokens: every route of the router
 * has a row below (the test fails for a route without one), every role against every row, office scopes over
 * the projected catalogue tree, and every bad token answered 401 with the contract's header and body.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlIT implements TestPropertyProvider {
    private static final String BEARER = "Bearer";
    private static final String INVALID = "Bearer error=\"invalid_token\"";
    private static final String PERIOD = "from=2024-01-01&to=2024-01-31";

    @Inject
    EmbeddedServer server;
    @Inject
    Router router;
    @Inject
    DataSource dataSource;

    private final TestIssuer issuer = ReportingInfra.issuer();
    // The tree: province P > district D > commune C, and district S beside D.
    private final String province = unique("H98.P");
    private final String district = unique("H98.D");
    private final String commune = unique("H98.C");
    private final String sibling = unique("H98.S");
    private JsonHttp<JsonNode> client;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_access_it", ReportingInfra.uniqueGroup("reporting-access-it"));
    }

    @BeforeAll
    void registerTheTree() {
        client = ReportingInfra.client(server.getURI());
        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers())) {
            feed.send(office(province, null, OfficeLevel.PROVINCE), office(district, province, OfficeLevel.DISTRICT),
                    office(commune, district, OfficeLevel.COMMUNE), office(sibling, province, OfficeLevel.DISTRICT));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> officesProjected() == 4);
    }

    // ---- the endpoints: one row per route of the router (and the static OpenAPI document) ----

    /** How a row is called: {office} is replaced by the office a case asks for. */
    record Endpoint(String method, String route, String example, Set<Role> roles, boolean officeScoped) {
        boolean isPublic() {
            return roles.isEmpty();
        }

        String call(String officeId) {
            return example.replace("{office}", officeId);
        }

        @Override
        public String toString() {
            return method + " " + route;
        }
    }

    private static Endpoint open(String method, String route, String example) {
        return new Endpoint(method, route, example, Set.of(), false);
    }

    private static Endpoint role(String method, String route, String example, Role role) {
        return new Endpoint(method, route, example, Set.of(role), false);
    }

    private static Endpoint scoped(String method, String route, String example, Role role) {
        return new Endpoint(method, route, example, Set.of(role), true);
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            scoped("GET", "/api/v1/reports/dossiers", "/api/v1/reports/dossiers?officeId={office}&" + PERIOD,
                    Role.ANALYST),
            scoped("GET", "/api/v1/reports/dossiers/breakdown",
                    "/api/v1/reports/dossiers/breakdown?officeId={office}&by=office&" + PERIOD, Role.ANALYST),
            scoped("GET", "/api/v1/reports/dossiers/ranking",
                    "/api/v1/reports/dossiers/ranking?officeId={office}&by=onTime&" + PERIOD, Role.ANALYST),
            scoped("GET", "/api/v1/reports/service-index",
                    "/api/v1/reports/service-index?officeId={office}&scope=subtree&" + PERIOD, Role.ANALYST),
            scoped("GET", "/api/v1/reports/service-index/ranking",
                    "/api/v1/reports/service-index/ranking?officeId={office}&" + PERIOD, Role.ANALYST),
            scoped("GET", "/api/v1/reports/dossiers/series",
                    "/api/v1/reports/dossiers/series?officeId={office}&interval=week&" + PERIOD, Role.ANALYST),
            scoped("GET", "/api/v1/reports/dossiers/items",
                    "/api/v1/reports/dossiers/items?officeId={office}&figure=resolved.late&" + PERIOD, Role.ANALYST),
            scoped("GET", "/api/v1/reports/offices", "/api/v1/reports/offices?officeId={office}", Role.ANALYST),
            role("GET", "/api/v1/projections/status", "/api/v1/projections/status", Role.ADMIN),
            role("POST", "/api/v1/projections/rebuild", "/api/v1/projections/rebuild", Role.ADMIN),
            role("GET", "/prometheus", "/prometheus", Role.ADMIN),
            role("GET", "/metrics", "/metrics", Role.ADMIN),
            role("GET", "/metrics/{name}", "/metrics/jvm.memory.used", Role.ADMIN),
            role("GET", "/info", "/info", Role.ADMIN),
            role("GET", "/flyway", "/flyway", Role.ADMIN),
            role("GET", "/routes", "/routes", Role.ADMIN),
            role("GET", "/threaddump", "/threaddump", Role.ADMIN),
            role("POST", "/refresh", "/refresh", Role.ADMIN),
            open("GET", "/health", "/health"),
            open("GET", "/health/{selector}", "/health/liveness"),
            open("GET", "/openapi/**", "/openapi/motcua-reporting-service-v1.yml"),
            open("GET", "/swagger-ui/**", "/swagger-ui/index.html"),
            // The analysts' console: the page, its static files, its sign-in settings, the code exchange.
            open("GET", "/", "/"),
            open("GET", "/console/**", "/console/console.js"),
            open("GET", "/console/config.json", "/console/config.json"),
            open("GET", "/console/lib/echarts.min.js", "/console/lib/echarts.min.js"),
            open("POST", "/console/token", "/console/token"));

    @Test
    void everyRouteOfTheRouterHasARowInTheTable() {
        Set<String> rows = new TreeSet<>();
        ENDPOINTS.forEach(e -> rows.add(e.toString()));
        Set<String> missing = new TreeSet<>();
        router.uriRoutes().forEach(route -> {
            // Micronaut adds a HEAD route to every GET one; HEAD is judged as GET (AccessTable.Row.matches).
            String method = route.getHttpMethodName().equals("HEAD") ? "GET" : route.getHttpMethodName();
            String key = method + " " + route.getUriMatchTemplate().toPathString();
            if (!rows.contains(key)) {
                missing.add(key);
            }
        });
        assertThat(missing).as("routes without a row in AccessControlIT.ENDPOINTS (and a rule in AccessTable)")
                .isEmpty();
    }

    // ---- every role against every endpoint ----

    /** A caller: the roles and offices its token claims. */
    record Who(String name, List<String> roles, List<String> offices) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void everyRoleAgainstEveryEndpoint() {
        List<Who> callers = new ArrayList<>();
        for (Role role : Role.values()) {
            callers.add(new Who(role.claim() + " of the district", List.of(role.claim()), List.of(district)));
        }
        List<String> failures = new ArrayList<>();
        String rebuildBefore = client.get("/api/v1/projections/status", accept("application/json")).json().get("rebuild")
                .toString();
        // Rebuilds are started for real, so the allowed ones run last (after every refusal was checked).
        List<Endpoint> ordered = Stream.concat(ENDPOINTS.stream().filter(e -> !e.method().equals("POST")),
                ENDPOINTS.stream().filter(e -> e.method().equals("POST"))).toList();
        for (Endpoint endpoint : ordered) {
            for (Who who : callers) {
                boolean roleAllowed = endpoint.isPublic() || who.roles().contains(Role.ADMIN.claim())
                        || endpoint.roles().stream().anyMatch(r -> who.roles().contains(r.claim()));
                if (endpoint.method().equals("POST") && roleAllowed) {
                    continue; // below
                }
                JsonHttp<JsonNode> as = client.as(issuer.bearer(who.name(), who.roles(), who.offices()));
                if (!endpoint.officeScoped()) {
                    expect(failures, as, endpoint, endpoint.call(""), who, roleAllowed, null);
                    continue;
                }
                // Its own office and the commune below: allowed; the province above and the sibling: 403.
                expect(failures, as, endpoint, endpoint.call(district), who, roleAllowed, null);
                expect(failures, as, endpoint, endpoint.call(commune), who, roleAllowed, null);
                expect(failures, as, endpoint, endpoint.call(province), who, false, roleAllowed ? province : null);
                expect(failures, as, endpoint, endpoint.call(sibling), who, false, roleAllowed ? sibling : null);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(client.get("/api/v1/projections/status", accept("application/json")).json().get("rebuild").toString())
                .as("a refused rebuild starts nothing").isEqualTo(rebuildBefore);

        Reply<JsonNode> refreshed = client.as(issuer.bearer("admin", district)).send("POST", "/refresh", null, accept("application/json"));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        Reply<JsonNode> started = client.as(issuer.bearer("admin", district)).send("POST", "/api/v1/projections/rebuild", null, accept("application/json"));
        assertThat(started.status()).as(started.body()).isIn(202, 409);
        await().atMost(Duration.ofSeconds(60)).until(() -> !rebuildRunning());
    }

    @Test
    void noTokenIsA401WithTheBareChallengeOnEveryNonPublicEndpoint() {
        JsonHttp<JsonNode> anonymous = client.anonymous();
        for (Endpoint endpoint : ENDPOINTS) {
            Reply<JsonNode> r = anonymous.send(endpoint.method(), endpoint.call(district), null, accept("application/json"));
            if (endpoint.isPublic()) {
                assertThat(r.status()).as(endpoint + ": " + r.body()).isEqualTo(openStatus(endpoint));
            } else {
                assertProblem(r, 401, "unauthorized", endpoint.toString());
                assertThat(r.headers("WWW-Authenticate")).as(endpoint.toString()).containsExactly(BEARER);
            }
        }
    }

    @Test
    void unknownRolesGrantNothing() {
        JsonHttp<JsonNode> unknown = client.as(issuer.bearer("someone", List.of("superuser", "ADMIN", "root"),
                List.of("*")));
        for (Endpoint endpoint : ENDPOINTS) {
            Reply<JsonNode> r = unknown.send(endpoint.method(), endpoint.call(district), null, accept("application/json"));
            if (endpoint.isPublic()) {
                assertThat(r.status()).as(endpoint.toString()).isEqualTo(openStatus(endpoint));
            } else {
                assertProblem(r, 403, "forbidden", endpoint.toString());
            }
        }
    }

    @Test
    void officesThatDoNotExistGrantNothingAndNeverFail() {
        JsonHttp<JsonNode> ghost = client.as(issuer.bearer("analyst", "NO.SUCH.OFFICE", "", "../" + province));
        for (String officeId : List.of(district, province, "NO.SUCH.OFFICE.EITHER")) {
            Reply<JsonNode> r = ghost.get("/api/v1/reports/dossiers?officeId=" + officeId + "&" + PERIOD, accept("application/json"));
            assertProblem(r, 403, "forbidden", officeId);
        }
        // No offices at all, or an offices claim that is not a list of strings.
        JsonHttp<JsonNode> none = client.as(issuer.bearer("nobody", List.of("analyst"), List.of()));
        assertProblem(none.get("/api/v1/reports/dossiers?officeId=" + district + "&" + PERIOD, accept("application/json")),
                403, "forbidden", "empty offices");
        String odd = "Bearer " + issuer.token("odd", List.of("analyst"), List.of(),
                c -> c.claim("offices", Map.of("id", district)));
        assertProblem(client.as(odd).get("/api/v1/reports/dossiers?officeId=" + district + "&" + PERIOD, accept("application/json")), 403, "forbidden", "offices as an object");
    }

    @Test
    void anAdminForEveryOfficeIsAllowedEverywhereAndAnOfficeTheCatalogueLacksIsA404() {
        JsonHttp<JsonNode> admin = client.as(issuer.bearer("admin", "*"));
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.method().equals("POST")) {
                continue; // started by everyRoleAgainstEveryEndpoint
            }
            for (String officeId : List.of(province, sibling, commune)) {
                Reply<JsonNode> r = admin.send(endpoint.method(), endpoint.call(officeId), null, accept("*/*"));
                assertThat(r.status()).as(endpoint + " " + officeId + ": " + r.body()).isEqualTo(200);
            }
        }
        assertThat(admin.get("/api/v1/reports/dossiers?officeId=NEVER.SEEN.9&" + PERIOD, accept("application/json"))
                .status()).isEqualTo(404);
        // Two officeId parameters: both must be in scope, whichever one the controller reads.
        Reply<JsonNode> two = client.as(issuer.bearer("analyst", district)).get(
                "/api/v1/reports/dossiers?officeId=" + district + "&officeId=" + sibling + "&" + PERIOD, accept("application/json"));
        assertProblem(two, 403, "forbidden", "two offices");
    }

    @Test
    void anythingWithoutARuleIsClosed() {
        JsonHttp<JsonNode> admin = client.as(issuer.bearer("admin", "*"));
        for (String path : List.of("/api/v1/elsewhere", "/beans", "/index.html",
                "/api/v1/reports/../projections/status")) {
            assertProblem(admin.get(path, accept("application/json")), 403, "forbidden", path);
            Reply<JsonNode> anonymous = client.anonymous().get(path, accept("application/json"));
            assertProblem(anonymous, 401, "unauthorized", path);
        }
        // A method the table does not open on a reporting path.
        assertProblem(admin.send("DELETE", "/api/v1/reports/dossiers?officeId=" + district, null, accept("application/json")),
                403, "forbidden", "DELETE");
    }

    // ---- tokens that do not authenticate ----

    Stream<BadTokens.Case> badTokens() {
        return BadTokens.all(ReportingInfra.issuer(), List.of("admin"), List.of("*")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void everyBadTokenIsA401InvalidToken(BadTokens.Case bad) {
        for (Endpoint endpoint : ENDPOINTS) {
            Reply<JsonNode> r = client.as(bad.authorization())
                    .send(endpoint.method(), endpoint.call(district), null, accept("*/*"));
            if (endpoint.isPublic() && !bad.authorization().startsWith("Bearer")) {
                assertThat(r.status()).as(bad.name() + " on " + endpoint).isEqualTo(openStatus(endpoint)); // not bearer
                continue;
            }
            assertProblem(r, 401, "invalid-token", bad.name() + " on " + endpoint);
            assertThat(r.headers("WWW-Authenticate")).as(bad.name()).containsExactly(INVALID);
        }
    }

    @Test
    void theClockSkewIsThirtySecondsEachWay() {
        Instant now = Instant.now();
        String url = "/api/v1/reports/dossiers?officeId=" + district + "&" + PERIOD;
        String lateButWithinSkew = issuer.token("skew", List.of("analyst"), List.of(district),
                c -> c.expirationTime(Date.from(now.minusSeconds(10))));
        String earlyButWithinSkew = issuer.token("skew", List.of("analyst"), List.of(district),
                c -> c.notBeforeTime(Date.from(now.plusSeconds(10))));
        String expired = issuer.token("skew", List.of("analyst"), List.of(district),
                c -> c.expirationTime(Date.from(now.minusSeconds(60))));
        String notYet = issuer.token("skew", List.of("analyst"), List.of(district),
                c -> c.notBeforeTime(Date.from(now.plusSeconds(60))));
        String neverExpires = issuer.token("skew", List.of("analyst"), List.of(district),
                c -> c.expirationTime(null));
        assertThat(client.as("Bearer " + lateButWithinSkew).get(url, accept("application/json")).status()).isEqualTo(200);
        assertThat(client.as("Bearer " + earlyButWithinSkew).get(url, accept("application/json")).status()).isEqualTo(200);
        for (String token : List.of(expired, notYet, neverExpires)) {
            assertProblem(client.as("Bearer " + token).get(url, accept("application/json")), 401, "invalid-token", "skew");
        }
    }

    // ---- helpers ----

    /** What a public endpoint answers a call without its input: the code exchange wants a code (400). */
    private static int openStatus(Endpoint endpoint) {
        return endpoint.route().equals("/console/token") ? 400 : 200;
    }

    private void expect(List<String> failures, JsonHttp<JsonNode> as, Endpoint endpoint, String call, Who who,
                        boolean allowed, String deniedOffice) {
        if (endpoint.method().equals("GET")) {
            int head = as.send("HEAD", call, null, accept("*/*")).status();
            if (head != (allowed ? 200 : 403)) {
                failures.add("HEAD answered " + head + ", " + who + " -> " + call);
            }
        }
        Reply<JsonNode> r = as.send(endpoint.method(), call, null, accept("*/*"));
        String what = who + " -> " + endpoint.method() + " " + call + ": " + r.status() + " " + r.body();
        if (allowed) {
            if (r.status() != 200 && r.status() != 202) {
                failures.add("expected allowed, " + what);
            }
            return;
        }
        if (r.status() != 403 || !r.contentType().startsWith("application/problem+json")) {
            failures.add("expected 403 problem+json, " + what);
            return;
        }
        JsonNode body = r.json();
        if (!body.path("type").asText().equals("https://motcua.vn/problems/forbidden")
                || body.path("status").asInt() != 403 || body.path("title").asText().isEmpty()) {
            failures.add("expected the forbidden problem, " + what);
        } else if (deniedOffice != null && !body.path("detail").asText().contains(deniedOffice)) {
            failures.add("expected the office named in the detail, " + what);
        } else if (deniedOffice == null && !body.path("detail").asText().contains("roles")) {
            failures.add("expected the missing role in the detail, " + what);
        }
    }

    private static void assertProblem(Reply<JsonNode> r, int status, String type, String what) {
        assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(status);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        JsonNode body = r.json();
        assertThat(body.path("type").asText()).as(what).isEqualTo("https://motcua.vn/problems/" + type);
        assertThat(body.path("status").asInt()).as(what).isEqualTo(status);
        assertThat(body.path("title").asText()).as(what).isNotEmpty();
        assertThat(body.path("detail").asText()).as(what).isNotEmpty();
    }

    private boolean rebuildRunning() {
        JsonNode rebuild = client.get("/api/v1/projections/status", accept("application/json")).json().get("rebuild");
        String state = rebuild == null || rebuild.isNull() ? "IDLE" : rebuild.path("state").asText();
        return !Set.of("IDLE", "DONE", "FAILED").contains(state);
    }

    private int officesProjected() throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement count = c.prepareStatement("select count(*) from office where office_id in (?,?,?,?)")) {
            count.setString(1, province);
            count.setString(2, district);
            count.setString(3, commune);
            count.setString(4, sibling);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
