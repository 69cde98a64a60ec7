package vn.motcua.testsupport;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The endpoint-mutation check of the Spring services (issue 13: bad input never answers 500), written once: every
 * row of a service's table (an endpoint and a valid request) sent mutated in every way that matters, each answer
 * judged. Path variables and query parameters as {@code %00}, a broken UTF-8 escape, control characters and 10,000
 * characters; the body as 12 MB, as malformed JSON, as an array, and each of its scalars as {@link JsonMutations}
 * says. Never a 5xx; every 4xx is problem+json with its status and a title, names the field at fault where one is
 * asked, and writes nothing (the service says what it counts as written). A bulk import answers 200 and refuses
 * the line instead, naming its field. The service brings its table, its fixtures and its endpoint list.
 */
public final class EndpointMutations {
    /** A body larger than any service accepts. */
    public static final String BIG_BODY = "{\"filler\":\"" + "y".repeat(12 * 1024 * 1024) + "\"}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EndpointMutations() {
    }

    /** A valid request: its query ("" for none) and body (null for none); path variables come separately. */
    public record Sample(String query, String body) {
    }

    /**
     * One mutated request. {@code field}: the field the answer must name if it refuses (null: none asked);
     * {@code mustRefuse}: a 2xx is wrong.
     */
    public record Mutation(String name, String path, String query, String body, String field, boolean mustRefuse) {
    }

    /**
     * What came back. Judged without Jackson ({@link Json}), so that every service's tests can judge with it,
     * whichever Jackson they carry; only {@link #mutations} of a body needs the Spring services' Jackson 3.
     */
    public record Answer(int status, String contentType, String text) {
        /** The body as JSON, or null if it is not JSON. */
        public Object body() {
            if (!contentType.contains("json") || text.isBlank()) {
                return null;
            }
            try {
                return Json.parse(text);
            } catch (IllegalArgumentException notJson) {
                return null; // judged as "not problem+json"
            }
        }
    }

    /** How many requests were sent, and what was wrong with their answers ("METHOD pattern [mutation]: why"). */
    public record Outcome(int sent, List<String> failures) {
    }

    /**
     * Sends every mutation of every row ("METHOD pattern"; {@code *} or {@code ANY} is sent as GET) and judges it.
     *
     * @param vars    the path variables of a pattern, by name (the fixtures' ids)
     * @param written a count of everything a request could write; a refused request must leave it unchanged
     */
    public static Outcome run(Map<String, Sample> table, Function<String, Map<String, String>> vars, String baseUrl,
                              String authorization, LongSupplier written) throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<String, Sample> row : table.entrySet()) {
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            method = "*".equals(method) || "ANY".equals(method) ? "GET" : method;
            String pattern = row.getKey().substring(row.getKey().indexOf(' ') + 1);
            for (Mutation mutation : mutations(pattern, vars.apply(pattern), row.getValue())) {
                long before = written.getAsLong();
                Answer answer = send(baseUrl, method, mutation, authorization);
                sent++;
                String problem = judge(answer, mutation, before, written);
                if (problem != null) {
                    failures.add("%s %s [%s]: %s".formatted(method, pattern, mutation.name(), problem));
                }
            }
        }
        return new Outcome(sent, failures);
    }

    /** Every mutation of one row; {@code /**} in a pattern is sent as {@code /liveness}. */
    public static List<Mutation> mutations(String pattern, Map<String, String> vars, Sample sample) {
        String concrete = pattern.replace("/**", "/liveness");
        List<Mutation> out = new ArrayList<>();
        for (String var : vars.keySet()) {
            for (String[] bad : List.of(new String[] {"%00", "NUL"}, new String[] {"%C3%28", "invalid UTF-8"},
                    new String[] {"z".repeat(10_000), "10,000 chars"})) {
                Map<String, String> changed = new LinkedHashMap<>(vars);
                changed.put(var, bad[0]);
                out.add(new Mutation("{" + var + "} " + bad[1], fill(concrete, changed), sample.query(),
                        sample.body(), null, true));
            }
        }
        String path = fill(concrete, vars);
        if (!sample.query().isEmpty()) {
            String[] pairs = sample.query().split("&");
            for (int i = 0; i < pairs.length; i++) {
                String name = pairs[i].substring(0, pairs[i].indexOf('='));
                for (String[] bad : List.of(new String[] {"%00", "NUL"}, new String[] {"a%01b", "control"},
                        new String[] {"%C3%28", "invalid UTF-8"}, new String[] {"q".repeat(10_000), "10,000 chars"})) {
                    String[] changed = pairs.clone();
                    changed[i] = name + "=" + bad[0];
                    out.add(new Mutation("?" + name + " " + bad[1], path, String.join("&", changed), sample.body(),
                            name, true));
                }
            }
        }
        if (sample.body() != null) {
            boolean streamed = path.startsWith("/api/v1/imports");
            out.add(new Mutation("12 MB body", path, sample.query(), BIG_BODY, null, !streamed));
            out.add(new Mutation("malformed JSON", path, sample.query(),
                    sample.body().substring(0, sample.body().length() - 1) + ",", null, true));
            out.add(new Mutation("array body", path, sample.query(), "[]", null, true));
            for (JsonMutations.BodyMutation b : JsonMutations.bodyMutations(sample.body())) {
                out.add(new Mutation(b.name(), path, sample.query(), b.body(), b.field(), b.mustRefuse()));
            }
        }
        return out;
    }

    /** Null if the answer is right for the mutation, else what is wrong. */
    public static String judge(Answer answer, Mutation mutation, long before, LongSupplier written) {
        int status = answer.status();
        String text = answer.text();
        Object body = answer.body();
        String shown = status + " " + answer.contentType() + " " + (text.length() > 300 ? text.substring(0, 300) : text);
        if (status >= 500) {
            return "answered " + shown;
        }
        if (status < 400 && mutation.path().startsWith("/api/v1/imports") && body != null) {
            // A bulk import answers 200 and refuses line by line, naming the line's field.
            List<String> fields = Problem.parse(text).fields();
            if (mutation.mustRefuse() && !(Json.member(body, "rejected") instanceof BigDecimal rejected
                    && rejected.signum() > 0)) {
                return "line accepted: " + shown;
            }
            // A line longer than the import reads is refused as a whole, like a body as a 413.
            boolean lineTooLong = mutation.name().endsWith("70,000 chars") && fields.contains("line");
            if (mutation.field() != null && !fields.contains(mutation.field()) && !lineTooLong) {
                return "does not name " + mutation.field() + ": " + shown;
            }
            // A line that is not refused is imported (its siblings are in any case): only refusals must not write.
            return !mutation.mustRefuse() || written.getAsLong() == before ? null : "refused line but wrote";
        }
        if (status < 400) {
            return mutation.mustRefuse() ? "accepted: " + shown : null;
        }
        if (!answer.contentType().startsWith("application/problem+json") || !(body instanceof Map<?, ?>)) {
            return "not problem+json: " + shown;
        }
        Problem problem = Problem.parse(text);
        if (problem.status() != status || problem.title() == null || problem.title().isBlank()) {
            return "incomplete problem: " + shown;
        }
        if (mutation.field() != null) {
            List<String> fields = problem.fields();
            boolean tooLarge = status == 413 && fields.contains("body");
            if (!tooLarge && !fields.contains(mutation.field())) {
                return "does not name " + mutation.field() + ": " + shown;
            }
        }
        return written.getAsLong() != before ? "refused (" + status + ") but wrote" : null;
    }

    /** Sends the request exactly as given (the path and query are not re-encoded). */
    public static Answer send(String baseUrl, String method, Mutation mutation, String authorization)
            throws IOException, InterruptedException {
        String target = baseUrl + mutation.path() + (mutation.query().isEmpty() ? "" : "?" + mutation.query());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (mutation.body() == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(mutation.body()));
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    private static String fill(String pattern, Map<String, String> vars) {
        String path = pattern;
        for (Map.Entry<String, String> var : vars.entrySet()) {
            path = path.replace("{" + var.getKey() + "}", var.getValue());
        }
        return path;
    }
}
