package vn.motcua.reporting.console;

import vn.motcua.access.ProblemType;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import vn.motcua.reporting.web.ProblemException;

/**
 * The console's sign-in settings: the issuer this service trusts ({@code motcua.security.issuer}) and its
 * endpoints from the provider's discovery document, read once it answers (the service starts while the provider
 * is down, as for the JWKS).
 */
@Singleton
public class SignIn {
    /** The only fields forwarded to the token endpoint: an authorization-code exchange of the public client. */
    private static final List<String> EXCHANGE = List.of("code", "redirect_uri", "code_verifier");

    private final String issuer;
    private final String clientId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final JsonMapper json;
    private volatile Map<String, Object> discovery;

    public SignIn(@Value("${motcua.security.issuer}") String issuer,
                  @Value("${motcua.console.client-id:motcua-console}") String clientId, JsonMapper json) {
        this.json = json;
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.clientId = clientId;
    }

    public record Answer(int status, byte[] body) {
    }

    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("issuer", issuer);
        config.put("clientId", clientId);
        // Null while the provider is unreachable: the page then says sign-in is unavailable, and asks again later.
        String authorize = null;
        try {
            authorize = String.valueOf(discovery().get("authorization_endpoint"));
        } catch (ProblemException unavailable) {
            // reported to the page as a null endpoint
        }
        config.put("authorizationEndpoint", authorize);
        config.put("tokenEndpoint", "/console/token");
        return config;
    }

    public Answer exchange(Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        body.add("grant_type=authorization_code");
        body.add("client_id=" + encode(clientId));
        for (String field : EXCHANGE) {
            String value = form.get(field);
            if (value == null || value.isBlank()) {
                throw ProblemException.invalid(List.of(new vn.motcua.reporting.web.FieldError(field, "is required")));
            }
            body.add(field + "=" + encode(value));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(String.valueOf(discovery().get("token_endpoint"))))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try {
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(answer.statusCode() == 200 ? 200 : 400, answer.body());
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> known = discovery;
        if (known != null) {
            return known;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, Object> document = answer.statusCode() == 200
                    ? json.readValue(answer.body(), Argument.mapOf(String.class, Object.class)) : null;
            // The discovery document must name this issuer exactly, or tokens from it would be refused anyway.
            if (document == null || !issuer.equals(String.valueOf(document.get("issuer")).replaceAll("/$", ""))
                    || !(document.get("authorization_endpoint") instanceof String)
                    || !(document.get("token_endpoint") instanceof String)) {
                throw unavailable();
            }
            discovery = document;
            return document;
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The OpenID Provider did not answer; try again shortly", List.of());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
