package vn.motcua.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Without an identities file the provider makes a demo set with generated secrets and keeps it, with the signing
 * key, in its data directory: after a restart the same secrets work and tokens issued before still verify.
 */
class DemoSetAndKeyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    @Test
    void theDemoSetAndTheSigningKeySurviveARestart() throws Exception {
        String token;
        String secret;
        try (RunningProvider first = RunningProvider.start(data, null)) {
            JsonNode demo = OidcProviderTest.JSON.readTree(Files.readString(data.resolve("demo-identities.json")));
            JsonNode admin = demo.get("clients").get(0);
            assertThat(admin.get("clientId").asString()).isEqualTo("admin");
            assertThat(admin.get("offices").get(0).asString()).isEqualTo("*");
            secret = admin.get("clientSecret").asString();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(20);
            token = token(first, "admin", secret);
        }
        try (RunningProvider second = RunningProvider.start(data, null)) {
            assertThat(token(second, "admin", secret)).isNotBlank();
            SignedJWT before = SignedJWT.parse(token);
            JWKSet keys = JWKSet.parse(get(second.url() + "/oauth2/jwks"));
            RSAKey key = (RSAKey) keys.getKeyByKeyId(before.getHeader().getKeyID());
            assertThat(key).as("the key that signed before the restart is still served").isNotNull();
            assertThat(before.verify(new RSASSAVerifier(key))).isTrue();
        }
    }

    private static String token(RunningProvider provider, String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(provider.url() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return OidcProviderTest.JSON.readTree(answer.body()).get("access_token").asString();
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
