package vn.motcua.reporting;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.Infrastructure;
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
}
