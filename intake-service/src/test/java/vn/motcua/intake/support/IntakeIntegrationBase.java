package vn.motcua.intake.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.motcua.infra.Infrastructure;
import vn.motcua.testsupport.JsonHttp;

/**
 * Base of the integration tests: the real service on a random port over the shared embedded PostgreSQL and Kafka.
 * Every test class extends this without adding configuration, so Spring caches ONE context (Axon, Kafka producer,
 * processors start once). Tests keep out of each other's way with fresh office ids and procedure codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntakeIntegrationBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infrastructure infra = Infrastructure.shared();
        registry.add("spring.datasource.url", () -> infra.jdbcUrl("intake_it"));
        registry.add("spring.datasource.username", infra::username);
        registry.add("spring.datasource.password", infra::password);
        registry.add("motcua.kafka.bootstrap-servers", infra::bootstrapServers);
        registry.add("motcua.intake.calendar-dir", IntakeIntegrationBase::calendarOverrides);
        // Real signed tokens: the context trusts the test JVM's issuer and fetches its JWKS like a real provider's.
        registry.add("motcua.security.issuer", Tokens.ISSUER::issuer);
        registry.add("motcua.security.jwk-set-uri", Tokens.ISSUER::jwkSetUri);
    }

    /** Office calendar overrides of the tests: src/test/resources/calendar-overrides. */
    static String calendarOverrides() {
        try {
            return java.nio.file.Path.of(IntakeIntegrationBase.class.getResource("/calendar-overrides").toURI())
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP client sending as an admin of every office; {@code api().as(bearer)} or {@code .anonymous()}. */
    protected JsonHttp<JsonNode> api() {
        return JsonHttp.at("http://localhost:" + port, Fixtures::tree).as(Tokens.admin());
    }

    protected static String bootstrapServers() {
        return Infrastructure.shared().bootstrapServers();
    }
}
