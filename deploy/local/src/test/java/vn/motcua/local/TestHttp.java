package vn.motcua.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JSON over HTTP as an integrator sends it, for the tests that drive the runnable jars: every call names the
 * caller, a {@code Supplier} of its {@code Authorization} header (a client signed in at the local provider), or
 * {@link #ANONYMOUS}.
 */
final class TestHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Supplier<String> ANONYMOUS = () -> null;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    static HttpResponse<String> send(String method, String url, String json, Supplier<String> caller)
            throws IOException, InterruptedException {
        return send(method, url, json, caller, Map.of());
    }

    static HttpResponse<String> send(String method, String url, String json, Supplier<String> caller,
                                     Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        String authorization = caller.get();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

}
