package vn.motcua.bpm.workflow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An officer client signed in at the local OpenID Provider with the client-credentials grant; the token is reused
 * and renewed half-way through its life. {@link #get()} is the {@code Authorization} header value.
 */
public final class OfficerToken implements Supplier<String> {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI tokenEndpoint;
    private final String basic;
    private volatile String header;
    private volatile Instant renewAt = Instant.MIN;

    public OfficerToken(String providerUrl, String clientId, String secret) {
        this.tokenEndpoint = URI.create(providerUrl + "/oauth2/token");
        this.basic = "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String get() {
        if (Instant.now().isAfter(renewAt)) {
            synchronized (this) {
                if (Instant.now().isAfter(renewAt)) {
                    fetch();
                }
            }
        }
        return header;
    }

    private void fetch() {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode());
            }
            Matcher expires = EXPIRES_IN.matcher(response.body());
            long seconds = expires.find() ? Long.parseLong(expires.group(1)) : 300;
            Instant now = Instant.now();
            header = "Bearer " + token.group(1);
            renewAt = now.plusSeconds(seconds / 2);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the OpenID Provider at " + tokenEndpoint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a token", e);
        }
    }
}
