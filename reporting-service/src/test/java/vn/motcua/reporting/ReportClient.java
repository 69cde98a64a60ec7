package vn.motcua.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A plain HTTP client, as an analyst's tool would call the service. */
public final class ReportClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    public ReportClient(URI base) {
        this.base = base;
    }

    public record Response(int status, String contentType, byte[] body) {
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
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).header("Accept", accept).GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
