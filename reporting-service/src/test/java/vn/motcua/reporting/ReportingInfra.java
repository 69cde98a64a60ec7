package vn.motcua.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.Infrastructure;
import vn.motcua.testsupport.Jackson2;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.TestIssuer;

/** Properties that point the service at the shared embedded PostgreSQL and Kafka of this test JVM. */
public final class ReportingInfra {
    /** One token issuer (key pair + JWKS on loopback) for every test of this JVM. */
    private static TestIssuer issuer;

    private ReportingInfra() {
    }

    public static synchronized TestIssuer issuer() {
        if (issuer == null) {
            issuer = TestIssuer.start();
        }
        return issuer;
    }

    /** A valid admin token for every office: what the tests that are not about access send. */
    public static String adminBearer() {
        return issuer().bearer("admin", "*");
    }

    public static Infrastructure infra() {
        return Infrastructure.shared();
    }

    /**
     * @param database a database of its own per application (tests sharing one would see each other's rows)
     * @param groupId  a consumer group of its own, so two live contexts never split the partitions
     */
    public static Map<String, String> properties(String database, String groupId) {
        Infrastructure infra = infra();
        // Create the topics up front (same call the service makes) so producers never auto-create them.
        TopicProvisioner.ensureContractTopics(infra.bootstrapServers(), 3);
        Map<String, String> p = new HashMap<>();
        p.put("micronaut.server.port", "-1");
        p.put("datasources.default.url", infra.jdbcUrl(database));
        p.put("datasources.default.username", infra.username());
        p.put("datasources.default.password", infra.password());
        p.put("motcua.kafka.bootstrap-servers", infra.bootstrapServers());
        p.put("motcua.kafka.group-id", groupId);
        p.put("motcua.kafka.partitions", "3");
        // The service checks tokens against the test's issuer, exactly as against the real provider.
        p.put("motcua.security.issuer", issuer().issuer());
        p.put("motcua.security.jwk-set-uri", issuer().jwkSetUri());
        return p;
    }

    public static String uniqueGroup(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /**
     * The service at {@code base}, called as an analyst's tool would (test-support's client, parsing with
     * Jackson 2 like the service): an admin of every office with a fresh token per request; {@code .as(...)} or
     * {@code .anonymous()} for another caller.
     */
    public static JsonHttp<JsonNode> client(URI base) {
        return JsonHttp.at(base.toString(), Jackson2::tree).as(ReportingInfra::adminBearer);
    }

    /** {@code GET /api/v1/reports/dossiers?query}, expecting 200 JSON. */
    public static JsonNode report(JsonHttp<JsonNode> client, String query) {
        JsonHttp.Reply<JsonNode> r = client.get("/api/v1/reports/dossiers?" + query, accept("application/json"));
        if (r.status() != 200) {
            throw new AssertionError("report answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /** The {@code Accept} header of a request. */
    public static Map<String, String> accept(String mediaType) {
        return Map.of("Accept", mediaType);
    }
}
