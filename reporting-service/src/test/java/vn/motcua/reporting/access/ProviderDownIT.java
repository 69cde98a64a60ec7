package vn.motcua.reporting.access;

import static vn.motcua.reporting.ReportingInfra.accept;
import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.reporting.ReportingInfra;

/** The JWKS is fetched lazily: the service starts and stays healthy while the provider is unreachable. */
class ProviderDownIT {
    @Test
    void startsWithoutTheProviderAndRefusesTokensItCannotCheck() throws IOException {
        Map<String, Object> properties = new HashMap<>(ReportingInfra.properties("reporting_access_it",
                ReportingInfra.uniqueGroup("reporting-provider-down")));
        properties.put("motcua.projector.enabled", "false");
        properties.put("motcua.security.jwk-set-uri", "http://127.0.0.1:" + freePort() + "/oauth2/jwks");
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties)
                .getApplicationContext()) {
            JsonHttp<JsonNode> client = ReportingInfra.client(context.getBean(EmbeddedServer.class).getURI());
            assertThat(client.anonymous().get("/health", accept("application/json")).status()).isEqualTo(200);
            Reply<JsonNode> r = client.get("/api/v1/projections/status", accept("application/json"));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers("WWW-Authenticate")).containsExactly("Bearer error=\"invalid_token\"");
        }
    }

    /** A port nothing listens on (closed again at once). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
