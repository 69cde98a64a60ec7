package vn.motcua.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A plain HTTP client, as an analyst's tool would call the service. By default it sends a fresh admin token for
 * every office ({@link ReportingInfra#adminBearer()}); {@link #as(String)} sends another header, or none.
 */
public final class ReportClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;
    private final Supplier<String> authorization;

    public ReportClient(URI base) {
        this(base, ReportingInfra::adminBearer);
    }

    private ReportClient(URI base, Supplier<String> authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same client sending this {@code Authorization} header value (null: no header at all). */
    public ReportClient as(String authorizationHeader) {
        return new ReportClient(base, () -> authorizationHeader);
    }

    public record Response(int status, String contentType, byte[] body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The header's values (any case of its name), empty when absent. */
        public List<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    /** {@code GET /api/v1/reports/dossiers?query}, expecting 200 JSON. */
    public JsonNode report(String query) {
        Response r = get("/api/v1/reports/dossiers?" + query, "application/json");
        if (r.status() != 200) {
            throw new AssertionError("report answered " + r.status() + ": " + r.text());
        }
        return r.json();
    }

    public Response get(String pathAndQuery, String accept) {
        return send("GET", pathAndQuery, accept);
    }

    public Response post(String pathAndQuery) {
        return send("POST", pathAndQuery, "application/json");
    }

    public Response send(String method, String pathAndQuery, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody());
        String header = authorization.get();
        if (header != null) {
            request.header("Authorization", header);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
