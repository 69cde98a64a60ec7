package vn.motcua.intake.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the tests: what an integrator would send, and what comes back. Every request carries an
 * {@code Authorization} header: by default an admin of every office ({@link Tokens#admin()}); {@link #as} sends as
 * another caller, {@link #anonymous()} without one.
 */
public final class Api {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final int port;
    /** The whole header value ("Bearer ..."), or null for none. */
    private final String authorization;

    Api(int port) {
        this(port, Tokens.admin());
    }

    private Api(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** The same client sending this {@code Authorization} header value (e.g. {@code Tokens.bearer("clerk", "H29")}). */
    public Api as(String authorization) {
        return new Api(port, authorization);
    }

    /** The same client sending no {@code Authorization} header. */
    public Api anonymous() {
        return new Api(port, null);
    }

    public int port() {
        return port;
    }

    public record Response(int status, String contentType, String body, String wwwAuthenticate) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String field) {
            return json().get(field).asString();
        }
    }

    /** A fresh id so tests never see each other's offices, procedures or dossiers. */
    public static String uniqueId(String prefix) {
        return prefix + IDS.incrementAndGet();
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Response put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)), Map.of());
    }

    public Response post(String path, String body) {
        return post(path, body, Map.of());
    }

    public Response post(String path, String body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
    }

    public Response send(HttpRequest.Builder builder, Map<String, String> headers) {
        return send(builder, headers, Duration.ofSeconds(30));
    }

    public Response send(HttpRequest.Builder builder, Map<String, String> headers, Duration timeout) {
        builder.header("Content-Type", "application/json").timeout(timeout);
        if (authorization != null && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(),
                    r.headers().firstValue("WWW-Authenticate").orElse(null));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), Map.of());
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Registers an office (no parent) and returns its id. */
    public String newOffice() {
        String officeId = uniqueId("T");
        Response r = put("/api/v1/offices/" + officeId, json(Map.of("name", "Office " + officeId,
                "level", "DISTRICT")));
        if (r.status() != 201) {
            throw new IllegalStateException("office not registered: " + r);
        }
        return officeId;
    }

    /** Registers an office of this level under {@code parentId} (null for none) and returns its id. */
    public String newOffice(String level, String parentId) {
        String officeId = uniqueId("T");
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Office " + officeId, "level", level));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        Response r = put("/api/v1/offices/" + officeId, json(body));
        if (r.status() != 201) {
            throw new IllegalStateException("office not registered: " + r);
        }
        return officeId;
    }

    /** A valid {@code POST /api/v1/dossiers} body received now at the office. */
    public static String dossierBody(String officeId, String procedureCode) {
        return json(Map.of("officeId", officeId, "procedureCode", procedureCode, "channel", "IN_PERSON",
                "applicant", Map.of("fullName", "Nguyễn Văn An", "idNumber", "079201001234",
                        "phone", "0901234567", "address", "12 Lê Lợi, Phường 1, Vũng Tàu"),
                "documents", java.util.List.of(Map.of("name", "Tờ khai", "copies", 1))));
    }

    /** Publishes a procedure and returns its code. */
    public String newProcedure(String processingDays, String onlineMode, boolean postal) {
        String code = uniqueId("1.");
        Response r = put("/api/v1/procedures/" + code, json(Map.of("name", "Procedure " + code,
                "field", "hộ tịch", "processingDays", new java.math.BigDecimal(processingDays),
                "onlineMode", onlineMode, "postal", postal)));
        if (r.status() != 201) {
            throw new IllegalStateException("procedure not published: " + r);
        }
        return code;
    }
}
