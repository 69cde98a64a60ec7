package vn.motcua.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every answer the fault-injection clients got, counted by what it was ({@code receipt 201},
 * {@code command 503}, {@code receipt connection refused}, ...), and the answers no outage excuses: a 500, a 503
 * without {@code Retry-After}, an unexpected 4xx, an idempotent repeat answered with another dossier.
 */
final class AnswerTally {
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile String phase = "start";

    /** Names the fault under way; violations are printed with it. */
    void phase(String name) {
        phase = name;
    }

    String phase() {
        return phase;
    }

    /** Counts an HTTP answer; a 5xx other than 503-with-Retry-After is a violation. */
    void answer(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        count(what + " " + status);
        if (status == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
            violation(what + " 503 without Retry-After", response.body());
        } else if (status >= 500 && status != 503) {
            violation(what + " " + status, response.body());
        }
    }

    /** Counts a request that got no answer (the service was killed, not yet listening, or too slow). */
    void noAnswer(String what, Throwable failure) {
        count(what + " " + kind(failure));
    }

    void violation(String what, String detail) {
        String body = detail == null ? "" : detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
        violations.add(Instant.now() + " during " + phase + ": " + what + " " + body);
        count("VIOLATION " + what);
    }

    void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    /** How many answers of a kind were counted ({@code "receipt 201"}, {@code "receipt connection refused"}). */
    int seen(String what) {
        AtomicInteger n = counts.get(what);
        return n == null ? 0 : n.get();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(counts).forEach((what, n) -> text.append(String.format("  %-40s %6d%n", what, n.get())));
        return text.toString();
    }

    /** The request never reached the service (nothing listening on its port): it cannot have taken effect. */
    static boolean neverSent(Throwable failure) {
        return kind(failure).equals("connection refused");
    }

    private static String kind(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return "connection refused";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (cause instanceof IOException) {
            return "connection lost";
        }
        return "failed (" + cause.getClass().getSimpleName() + ")";
    }
}
