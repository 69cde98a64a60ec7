package vn.motcua.intake.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Tokens;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;
import vn.motcua.testsupport.BadTokens;

/** Every token the contract refuses: 401, the exact {@code WWW-Authenticate}, a problem+json body, nothing written. */
class BadTokensIT extends IntakeIntegrationBase {
    private static final String INVALID = "Bearer error=\"invalid_token\"";

    static Stream<BadTokens.Case> badTokens() {
        // Claims that would grant everything, were the token accepted.
        return BadTokens.all(Tokens.ISSUER, List.of("admin"), List.of("*")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedWith401InvalidToken(BadTokens.Case bad) {
        JsonHttp<JsonNode> api = api().as(bad.authorization());

        assertUnauthorized(api.get("/api/v1/offices"), INVALID);
        assertUnauthorized(api.get("/prometheus"), INVALID);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenWritesNothing(BadTokens.Case bad) {
        JsonHttp<JsonNode> admin = api();
        String office = Fixtures.newOffice(admin);
        String procedure = Fixtures.newProcedure(admin, "1", "NONE", false);

        assertUnauthorized(admin.as(bad.authorization()).post("/api/v1/dossiers", Fixtures.dossierBody(office, procedure)),
                INVALID);
        String stranger = Fixtures.uniqueId("T");
        assertUnauthorized(admin.as(bad.authorization()).put("/api/v1/offices/" + stranger,
                Fixtures.json(Map.of("name", "x", "level", "DISTRICT"))), INVALID);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, office))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, stranger)).isZero();
    }

    @Test
    void noAuthorizationHeaderIs401WithAPlainBearerChallenge() {
        JsonHttp<JsonNode> anonymous = api().anonymous();

        assertUnauthorized(anonymous.get("/api/v1/offices"), "Bearer");
        assertUnauthorized(anonymous.get("/api/v1/dossiers/" + java.util.UUID.randomUUID()), "Bearer");
        assertUnauthorized(anonymous.post("/api/v1/imports/dossiers", ""), "Bearer");
        assertUnauthorized(anonymous.get("/prometheus"), "Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "bearer", "Bearer  x.y.z", "Bearer x y", "Token abc", "Basic",
            "Bearer ===", "Bearer a.b.c.d.e", "Negotiate YII=", "Bearer \"quoted\""})
    void malformedAuthorizationHeadersAre401InvalidToken(String header) {
        assertUnauthorized(api().as(header).get("/api/v1/offices"), INVALID);
    }

    @Test
    void publicEndpointsNeedNoToken() {
        JsonHttp<JsonNode> anonymous = api().anonymous();

        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
    }

    static void assertUnauthorized(Reply<JsonNode> r, String challenge) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate").orElse(null)).isEqualTo(challenge);
        assertThat(r.contentType()).startsWith("application/problem+json");
        var json = r.json();
        assertThat(json.get("status").asInt()).isEqualTo(401);
        assertThat(json.get("type").asString()).startsWith("https://motcua.vn/problems/");
        assertThat(json.hasNonNull("title")).isTrue();
        assertThat(json.hasNonNull("detail")).isTrue();
        assertThat(r.body()).doesNotContain("Exception");
    }
}
