package vn.motcua.intake.access;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.intake.access.AccessTableIT.Who.ADMIN;
import static vn.motcua.intake.access.AccessTableIT.Who.ANALYST;
import static vn.motcua.intake.access.AccessTableIT.Who.ANONYMOUS;
import static vn.motcua.intake.access.AccessTableIT.Who.CLERK_HERE;
import static vn.motcua.intake.access.AccessTableIT.Who.CLERK_NEIGHBOUR;
import static vn.motcua.intake.access.AccessTableIT.Who.GHOST_OFFICES;
import static vn.motcua.intake.access.AccessTableIT.Who.NO_ROLE;
import static vn.motcua.intake.access.AccessTableIT.Who.OFFICER_DISTRICT;
import static vn.motcua.intake.access.AccessTableIT.Who.OFFICER_ELSEWHERE;
import static vn.motcua.intake.access.AccessTableIT.Who.UNKNOWN_ROLE;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import vn.motcua.spring.web.Endpoints;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.Tokens;

/**
 * The contract's role table, every role against every endpoint of intake. The endpoints come from Spring MVC's own
 * handler registry: a new endpoint without a row here fails {@link #everyEndpointHasARow()}.
 *
 * <p>The tree: district D with communes HERE and NEIGHBOUR, another district E. The dossier read is one received at
 * HERE. A caller not named in a row's {@code allowed} gets 403 problem+json (401 without a token), and writes nothing.
 */
class AccessTableIT extends IntakeIntegrationBase {

    enum Who {
        ANONYMOUS, ADMIN, CLERK_HERE, CLERK_NEIGHBOUR, OFFICER_DISTRICT, OFFICER_ELSEWHERE, ANALYST, UNKNOWN_ROLE,
        NO_ROLE, GHOST_OFFICES
    }

    private static final int ANSWERED = 0;
    private static final Set<Who> EVERYONE = EnumSet.allOf(Who.class);
    private static final Set<Who> SIGNED_IN = EnumSet.complementOf(EnumSet.of(ANONYMOUS));

    /** The catalogue and a dossier the rows act on, made once by an admin. */
    record Fixture(JsonHttp<JsonNode> admin, String district, String here, String neighbour, String elsewhere, String procedure,
                   String dossier, Map<Who, String> tokens) {
        /** A dossier of its own for a request that erases, so no row depends on another's effect. */
        String freshDossier() {
            return admin.post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure)).json().get("dossierId").asString();
        }
    }

    private static Fixture fixture;

    @Autowired
    ApplicationContext context;

    private synchronized Fixture fixture() {
        if (fixture == null) {
            JsonHttp<JsonNode> admin = api();
            String district = Fixtures.newOffice(admin, "DISTRICT", null);
            String here = Fixtures.newOffice(admin, "COMMUNE", district);
            String neighbour = Fixtures.newOffice(admin, "COMMUNE", district);
            String elsewhereDistrict = Fixtures.newOffice(admin, "DISTRICT", null);
            String elsewhere = Fixtures.newOffice(admin, "COMMUNE", elsewhereDistrict);
            String procedure = Fixtures.newProcedure(admin, "1", "NONE", false);
            String dossier = admin.post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure)).json().get("dossierId").asString();
            Map<Who, String> tokens = new EnumMap<>(Who.class);
            tokens.put(ADMIN, Tokens.admin());
            tokens.put(CLERK_HERE, Tokens.bearer("clerk-here", List.of("clerk"), List.of(here)));
            tokens.put(CLERK_NEIGHBOUR, Tokens.bearer("clerk-neighbour", List.of("clerk"), List.of(neighbour)));
            tokens.put(OFFICER_DISTRICT, Tokens.bearer("officer-d", List.of("officer"), List.of(district)));
            tokens.put(OFFICER_ELSEWHERE, Tokens.bearer("officer-e", List.of("officer"), List.of(elsewhereDistrict)));
            tokens.put(ANALYST, Tokens.bearer("analyst", List.of("analyst"), List.of(district)));
            tokens.put(UNKNOWN_ROLE, Tokens.bearer("auditor", List.of("auditor", "superuser", "ADMIN "), List.of("*")));
            tokens.put(NO_ROLE, Tokens.bearer("nobody", List.of(), List.of("*")));
            tokens.put(GHOST_OFFICES, Tokens.bearer("ghost", List.of("clerk", "officer"),
                    List.of("NO.SUCH.OFFICE", "", "H99.99.99")));
            fixture = new Fixture(admin, district, here, neighbour, elsewhere, procedure, dossier, tokens);
        }
        return fixture;
    }

    /**
     * One endpoint: how to call it, and who gets which success status (everyone else 403, or 401 anonymous);
     * {@link #ANSWERED} for "whatever the endpoint answers, as long as it is not a refusal".
     */
    record Row(String method, String pattern, Function<Fixture, Call> call, Map<Who, Integer> allowed) {
        String key() {
            return method + " " + pattern;
        }
    }

    record Call(String method, String path, String body) {
    }

    private static Row row(String method, String pattern, Function<Fixture, Call> call, int status, Set<Who> who) {
        Map<Who, Integer> allowed = new EnumMap<>(Who.class);
        who.forEach(w -> allowed.put(w, status));
        return new Row(method, pattern, call, allowed);
    }

    private static Function<Fixture, Call> get(Function<Fixture, String> path) {
        return f -> new Call("GET", path.apply(f), null);
    }

    /** The table: the contract's "Access" section for intake. */
    static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        // catalogue: anyone signed in reads, only an admin writes
        rows.add(row("GET", "/api/v1/offices", get(f -> "/api/v1/offices"), 200, SIGNED_IN));
        rows.add(row("GET", "/api/v1/procedures", get(f -> "/api/v1/procedures"), 200, SIGNED_IN));
        rows.add(row("PUT", "/api/v1/offices/{officeId}", f -> new Call("PUT", "/api/v1/offices/"
                + Fixtures.uniqueId("T"), Fixtures.json(Map.of("name", "x", "level", "DISTRICT"))), 201, EnumSet.of(ADMIN)));
        rows.add(row("PUT", "/api/v1/procedures/{code}", f -> new Call("PUT", "/api/v1/procedures/"
                + Fixtures.uniqueId("9."), Fixtures.json(Map.of("name", "p", "field", "f", "processingDays", 1,
                "onlineMode", "NONE", "postal", false))), 201, EnumSet.of(ADMIN)));
        rows.add(row("POST", "/api/v1/imports/catalogue", f -> new Call("POST", "/api/v1/imports/catalogue",
                Fixtures.json(Map.of("offices", List.of(Map.of("officeId", Fixtures.uniqueId("T"), "name", "x",
                        "level", "DISTRICT")), "procedures", List.of()))), 200, EnumSet.of(ADMIN)));
        // receipt at HERE: its clerk (and an admin); the neighbour's clerk is refused by the body's office
        rows.add(row("POST", "/api/v1/dossiers", f -> new Call("POST", "/api/v1/dossiers",
                Fixtures.dossierBody(f.here(), f.procedure())), 201, EnumSet.of(ADMIN, CLERK_HERE)));
        // bulk import: the role is checked up front; each line's office by the import (see AccessIT)
        rows.add(row("POST", "/api/v1/imports/dossiers", f -> new Call("POST", "/api/v1/imports/dossiers",
                Fixtures.dossierBody(f.here(), f.procedure())), 200, EnumSet.of(ADMIN, CLERK_HERE, CLERK_NEIGHBOUR,
                GHOST_OFFICES)));
        // intake records of HERE: its clerk, the district's officer, an admin
        Set<Who> readers = EnumSet.of(ADMIN, CLERK_HERE, OFFICER_DISTRICT);
        rows.add(row("GET", "/api/v1/dossiers/{dossierId}", get(f -> "/api/v1/dossiers/" + f.dossier()), 200,
                readers));
        rows.add(row("GET", "/api/v1/dossiers/{dossierId}/receipt",
                get(f -> "/api/v1/dossiers/" + f.dossier() + "/receipt"), 200, readers));
        // search of HERE's dossiers, by code: the same readers
        rows.add(row("GET", "/api/v1/dossiers", get(f -> "/api/v1/dossiers?officeId=" + f.here()), 200, readers));
        rows.add(row("GET", "/api/v1/dossiers/by-code/{code}", get(f -> "/api/v1/dossiers/by-code/"
                + f.admin().get("/api/v1/dossiers/" + f.dossier()).json().get("code").asString()), 200, readers));
        // corrections and cancellation: HERE's clerk (and an admin), each on a dossier of its own
        rows.add(row("POST", "/api/v1/dossiers/{dossierId}/corrections", f -> new Call("POST",
                "/api/v1/dossiers/" + f.freshDossier() + "/corrections", Fixtures.json(Map.of("reason", "sai số bản",
                "documents", List.of(Map.of("name", "Tờ khai", "copies", 2))))), 200, EnumSet.of(ADMIN, CLERK_HERE)));
        rows.add(row("POST", "/api/v1/dossiers/{dossierId}/cancellation", f -> new Call("POST",
                "/api/v1/dossiers/" + f.freshDossier() + "/cancellation", Fixtures.json(Map.of("reason", "nhận nhầm"))),
                200, EnumSet.of(ADMIN, CLERK_HERE)));
        // personal data: admin only
        rows.add(row("GET", "/api/v1/audit/personal-data",
                get(f -> "/api/v1/audit/personal-data?dossierId=" + f.dossier()), 200, EnumSet.of(ADMIN)));
        rows.add(row("DELETE", "/api/v1/dossiers/{dossierId}/applicant", f -> new Call("DELETE",
                "/api/v1/dossiers/" + f.freshDossier() + "/applicant", null), 204, EnumSet.of(ADMIN)));
        // operations
        rows.add(row("GET", "/prometheus", get(f -> "/prometheus"), 200, EnumSet.of(ADMIN)));
        rows.add(row("GET", "/info", get(f -> "/info"), 200, EnumSet.of(ADMIN)));
        // public
        rows.add(row("GET", "/health", get(f -> "/health"), 200, EVERYONE));
        rows.add(row("GET", "/health/**", get(f -> "/health/db"), ANSWERED, EVERYONE));
        rows.add(row("GET", "/openapi.json", get(f -> "/openapi.json"), 200, EVERYONE));
        rows.add(row("GET", "/openapi.json.yaml", get(f -> "/openapi.json.yaml"), 200, EVERYONE));
        // Swagger UI on the document: its page (a redirect to the webjar's index) and its settings
        rows.add(row("GET", "/swagger-ui.html", get(f -> "/swagger-ui.html"), ANSWERED, EVERYONE));
        rows.add(row("GET", "/openapi.json/swagger-config", get(f -> "/openapi.json/swagger-config"), 200, EVERYONE));
        // the error dispatch of the container; called directly it answers a problem, never a refusal
        rows.add(row("*", "/error", get(f -> "/error"), ANSWERED, EVERYONE));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyRoleAgainstEveryEndpoint() {
        Fixture f = fixture();
        JsonHttp<JsonNode> admin = f.admin();
        Set<String> registered = endpoints();
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : table()) {
            boolean exists = registered.contains(row.key());
            for (Who who : Who.values()) {
                Integer success = row.allowed().get(who);
                if (success != null && !exists) {
                    continue; // an endpoint still to come: its refusals are checked, its answer is not
                }
                tests.add(DynamicTest.dynamicTest(row.key() + " as " + who, () -> {
                    Call call = row.call().apply(f);
                    JsonHttp<JsonNode> api = who == ANONYMOUS ? admin.anonymous() : admin.as(f.tokens().get(who));
                    Reply<JsonNode> r = send(api, call);
                    if (success != null && success == ANSWERED) {
                        assertThat(r.status()).as(r.body()).isNotIn(401, 403);
                    } else if (success != null) {
                        assertThat(r.status()).as(r.body()).isEqualTo(success);
                    } else if (who == ANONYMOUS) {
                        assertThat(r.status()).as(r.body()).isEqualTo(401);
                        assertThat(r.contentType()).startsWith("application/problem+json");
                    } else {
                        assertThat(r.status()).as(r.body()).isEqualTo(403);
                        assertThat(r.contentType()).startsWith("application/problem+json");
                        assertThat(r.json().get("status").asInt()).isEqualTo(403);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> rows = new TreeSet<>(table().stream().map(Row::key).toList());
        // the registry really is the service's: controllers, actuator and the OpenAPI document are all in it
        assertThat(endpoints()).contains("POST /api/v1/dossiers", "GET /api/v1/dossiers/{dossierId}",
                "GET /prometheus", "GET /openapi.json");
        Set<String> missing = new TreeSet<>(endpoints());
        missing.removeAll(rows);
        assertThat(missing).as("endpoints without a row in the access table").isEmpty();
    }

    private Set<String> endpoints() {
        return Endpoints.of(context, "*");
    }

    static Reply<JsonNode> send(JsonHttp<JsonNode> api, Call call) {
        return api.send(call.method(), call.path(), call.body(), Map.of());
    }
}
