package vn.motcua.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * JSON over HTTP as an integrator sends it, for every module's tests: a base URL, the caller's
 * {@code Authorization} header (a supplier, so a fresh token per request; null for none), a JSON body, and the
 * answer's status, headers and body. {@code J} is the JSON tree of the caller's Jackson (3 in the Spring services,
 * 2 in reporting): the client takes the parser and stays free of both, so {@link Reply#json()} returns the tree the
 * test already knows. Requests go out exactly as given: the path and query are not re-encoded.
 */
public final class JsonHttp<J> {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Supplier<String> NONE = () -> null;

    private final String base;
    private final Function<String, J> parser;
    private final Supplier<String> authorization;
    private final Duration timeout;
    private final Map<String, String> defaults;

    private JsonHttp(String base, Function<String, J> parser, Supplier<String> authorization, Duration timeout,
                     Map<String, String> defaults) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.parser = parser;
        this.authorization = authorization;
        this.timeout = timeout;
        this.defaults = defaults;
    }

    /**
     * A client of {@code baseUrl} (e.g. {@code http://localhost:8080}; "" to call full URLs) sending no token,
     * parsing with {@code parser}.
     */
    public static <J> JsonHttp<J> at(String baseUrl, Function<String, J> parser) {
        return new JsonHttp<>(baseUrl, parser, NONE, Duration.ofSeconds(30), Map.of());
    }

    /** The same client sending this {@code Authorization} header value (null: none). */
    public JsonHttp<J> as(String authorizationHeader) {
        return as(() -> authorizationHeader);
    }

    /** The same client asking {@code caller} for the {@code Authorization} header of each request (null: none). */
    public JsonHttp<J> as(Supplier<String> caller) {
        return new JsonHttp<>(base, parser, caller, timeout, defaults);
    }

    /** The same client sending this header with every request (unless a request names it). */
    public JsonHttp<J> header(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(defaults);
        more.put(name, value);
        return new JsonHttp<>(base, parser, authorization, timeout, Map.copyOf(more));
    }

    /** The same client sending no {@code Authorization} header. */
    public JsonHttp<J> anonymous() {
        return as(NONE);
    }

    /** The same client waiting this long for each answer (30 s by default). */
    public JsonHttp<J> timeout(Duration wait) {
        return new JsonHttp<>(base, parser, authorization, wait, defaults);
    }

    /** {@code pathAndQuery} under the base URL, as given. */
    public URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    public Reply<J> get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, Map.of());
    }

    public Reply<J> get(String pathAndQuery, Map<String, String> headers) {
        return send("GET", pathAndQuery, null, headers);
    }

    public Reply<J> post(String pathAndQuery, String json) {
        return send("POST", pathAndQuery, json, Map.of());
    }

    public Reply<J> post(String pathAndQuery, String json, Map<String, String> headers) {
        return send("POST", pathAndQuery, json, headers);
    }

    public Reply<J> put(String pathAndQuery, String json) {
        return send("PUT", pathAndQuery, json, Map.of());
    }

    public Reply<J> put(String pathAndQuery, String json, Map<String, String> headers) {
        return send("PUT", pathAndQuery, json, headers);
    }

    public Reply<J> delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null, Map.of());
    }

    /**
     * Sends {@code method} with {@code body} (null: none) as {@code application/json} unless {@code headers} name
     * another {@code Content-Type}; {@code headers} may also replace the caller's {@code Authorization}.
     */
    public Reply<J> send(String method, String pathAndQuery, String body, Map<String, String> headers) {
        return sendBody(method, pathAndQuery, body == null ? null : HttpRequest.BodyPublishers.ofString(body),
                headers);
    }

    /** As {@link #send(String, String, String, Map)}, with a body of any kind (bytes, a file, a stream). */
    public Reply<J> sendBody(String method, String pathAndQuery, HttpRequest.BodyPublisher body,
                             Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (body != null && !named(headers, "Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        String header = authorization.get();
        if (header != null && !named(headers, "Authorization")) {
            request.header("Authorization", header);
        }
        defaults.forEach((name, value) -> {
            if (!named(headers, name)) {
                request.header(name, value);
            }
        });
        headers.forEach(request::header);
        return exactly(request.build());
    }

    /** Sends a request built by the test (an odd method, body or header), adding nothing to it. */
    public Reply<J> exactly(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply<>(response.statusCode(), response.headers(), response.body(), parser);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean named(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** An answer: status, headers, body (as text, bytes, the caller's JSON tree, or a {@link Problem}). */
    public static final class Reply<J> {
        private final int status;
        private final HttpHeaders headers;
        private final byte[] bytes;
        private final Function<String, J> parser;

        Reply(int status, HttpHeaders headers, byte[] bytes, Function<String, J> parser) {
            this.status = status;
            this.headers = headers;
            this.bytes = bytes;
            this.parser = parser;
        }

        public int status() {
            return status;
        }

        /** The {@code Content-Type}, "" when absent. */
        public String contentType() {
            return header("Content-Type").orElse("");
        }

        /** The first value of the header (any case of its name). */
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** Every value of the header (any case of its name), empty when absent. */
        public List<String> headers(String name) {
            return headers.allValues(name);
        }

        public HttpHeaders headers() {
            return headers;
        }

        /** The body as UTF-8 text. */
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        /** The body as the caller's JSON tree; null for an empty body or one whose content type is not JSON. */
        public J json() {
            String text = body();
            String type = contentType();
            return text.isBlank() || !type.isEmpty() && !type.contains("json") ? null : parser.apply(text);
        }

        /** The body as problem+json, or null if it is not a JSON object. */
        public Problem problem() {
            return Problem.parse(body());
        }

        @Override
        public String toString() {
            String text = body();
            return status + " " + contentType() + " " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
    }
}
