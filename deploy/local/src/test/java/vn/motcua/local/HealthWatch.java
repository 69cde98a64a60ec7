package vn.motcua.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Polls each service's {@code /health} twice a second and keeps every change of status, of the service as a whole
 * and of each component ({@code workflow/intakeConsumer}, {@code reporting/jdbc}, ...): what an operator's
 * monitoring would have seen during the faults. Reads Spring Boot's {@code components} and Micronaut's
 * {@code details} alike.
 */
final class HealthWatch implements AutoCloseable {
    private static final Duration EVERY = Duration.ofMillis(500);

    /** A status seen from {@code at} on; {@code detail} is what the component said about it (reason, error class). */
    record Change(Instant at, String status, String detail) {
    }

    /** One reading: the HTTP status and each component's status (the service itself under the key "") . */
    record Reading(int httpStatus, Map<String, String> components, String body) {
    }

    /** Its own reader: a health body that is not JSON is a reading too (IOException), not a failure. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, String> services;
    private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final Thread thread;

    /** @param services name → base URL (ports stay the same when a service is started again) */
    HealthWatch(Map<String, String> services) {
        this.services = new LinkedHashMap<>(services);
        this.thread = new Thread(this::watch, "health-watch");
        thread.start();
    }

    /** Reads one service's health now. */
    Reading read(String service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(services.get(service) + "/health"))
                .timeout(Duration.ofSeconds(5)).header("Accept", "application/json").GET().build();
        Map<String, String> components = new TreeMap<>();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode root = JSON.readTree(response.body());
            components.put("", root.path("status").asText("?"));
            JsonNode parts = root.has("components") ? root.get("components") : root.path("details");
            for (Iterator<Map.Entry<String, JsonNode>> it = parts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> part = it.next();
                if (part.getValue().has("status")) {
                    components.put(part.getKey(), part.getValue().get("status").asText());
                }
            }
            return new Reading(response.statusCode(), components, response.body());
        } catch (IOException e) {
            components.put("", "UNREACHABLE");
            return new Reading(0, components, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            components.put("", "UNREACHABLE");
            return new Reading(0, components, "interrupted");
        }
    }

    /** The changes of {@code service/component} ({@code component} "" for the service as a whole). */
    List<Change> changes(String service, String component) {
        return List.copyOf(changes.getOrDefault(key(service, component), List.of()));
    }

    /** Whether {@code service/component} was seen with {@code status} at some moment between {@code from} and {@code to}. */
    boolean seen(String service, String component, String status, Instant from, Instant to) {
        List<Change> list = changes(service, component);
        for (int i = 0; i < list.size(); i++) {
            Change change = list.get(i);
            Instant until = i + 1 < list.size() ? list.get(i + 1).at() : Instant.MAX;
            if (change.status().equals(status) && change.at().isBefore(to) && until.isAfter(from)) {
                return true;
            }
        }
        return false;
    }

    /** Every change seen, service by service, for the test's output. */
    String timeline() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(changes).forEach((key, list) -> {
            text.append("  ").append(key.endsWith("/") ? key + "(service)" : key).append(':');
            list.forEach(c -> text.append(' ').append(c.at()).append(' ').append(c.status())
                    .append(c.detail().isEmpty() ? "" : " (" + c.detail() + ")").append(';'));
            text.append('\n');
        });
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }

    private void watch() {
        while (running) {
            for (String service : services.keySet()) {
                record(service, read(service));
            }
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(String service, Reading reading) {
        Instant now = Instant.now();
        JsonNode root = null;
        try {
            root = reading.httpStatus() == 0 ? null : JSON.readTree(reading.body());
        } catch (IOException unreadable) {
            // statuses only
        }
        for (Map.Entry<String, String> component : reading.components().entrySet()) {
            List<Change> list = changes.computeIfAbsent(key(service, component.getKey()),
                    k -> new CopyOnWriteArrayList<>());
            if (list.isEmpty() || !list.get(list.size() - 1).status().equals(component.getValue())) {
                list.add(new Change(now, component.getValue(), detail(root, component.getKey())));
            }
        }
    }

    /** The reason and last error class a component gives (never a message: health is public). */
    private static String detail(JsonNode root, String component) {
        if (root == null || component.isEmpty()) {
            return "";
        }
        JsonNode parts = root.has("components") ? root.get("components") : root.path("details");
        JsonNode details = parts.path(component).path("details");
        List<String> said = new ArrayList<>();
        for (String field : List.of("reason", "lastError", "failures")) {
            if (details.hasNonNull(field)) {
                said.add(field + "=" + details.get(field).asText());
            }
        }
        return String.join(", ", said);
    }

    private static String key(String service, String component) {
        return service + "/" + component;
    }
}
