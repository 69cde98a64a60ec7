package vn.motcua.local.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A client application signed in with the client-credentials grant, as any integrator would be: it asks the
 * provider's token endpoint (HTTP Basic) for an access token, reuses it, and asks again a minute before it expires.
 * {@link #get()} is the {@code Authorization} header value.
 */
public final class ClientCredentials implements Supplier<String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI tokenEndpoint;
    private final String clientId;
    private final String basic;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentials(String providerUrl, String clientId, String secret) {
        this.tokenEndpoint = URI.create(providerUrl + "/oauth2/token");
        this.clientId = clientId;
        this.basic = "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public String clientId() {
        return clientId;
    }

    /** {@code Bearer <token>}, a fresh one when the last is about to expire. */
    @Override
    public synchronized String get() {
        if (token == null || !Instant.now().isBefore(renewAt)) {
            fetch();
        }
        return "Bearer " + token;
    }

    private void fetch() {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the OpenID Provider refused client " + clientId + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            Instant now = Instant.now();
            long seconds = body.path("expires_in").asLong(300);
            token = body.get("access_token").asText();
            // Renew a minute early (or half-way for very short tokens) so no call carries an expired one.
            Duration lifetime = Duration.ofSeconds(seconds);
            renewAt = now.plus(lifetime.compareTo(MARGIN.multipliedBy(2)) > 0 ? lifetime.minus(MARGIN)
                    : lifetime.dividedBy(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the OpenID Provider at " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a token", e);
        }
    }
}
