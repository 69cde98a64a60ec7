package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.Topics;
import vn.motcua.infra.Infrastructure;
import vn.motcua.workflow.deadline.DeadlineWatcher;
import vn.motcua.testsupport.TopicProbe;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Issue 14's must-show: a 100,000-line history import over the real broker and database. Bad lines are reported by
 * line number and field and write nothing; the dossiers end in the states their lines lead to (sampled through the
 * API); the workflow topic carries no DueSoon/Overdue for instants that had passed, except one Overdue for each
 * dossier left open and already late. {@code -Dhistory.volume.lines=N} runs it at another size (a multiple of 1,000).
 *
 * <p>Lines are small (a receipt opened from intake's topic, then 1-3 steps), of five shapes by {@code i % 10}:
 * 0-5 TRANSFER; 6-7 TRANSFER + RESOLUTION; 8 SUPPLEMENT_REQUEST + SUPPLEMENT + RESOLUTION (the supplement
 * restarts the clock eight days ago: the new due date and its due-soon instant are past, the dossier is resolved
 * late, with the apology letter the aggregate issues for that); 9 TRANSFER + RESOLUTION + RETURN. Every 1,000th line of shape 8 stops after the supplement: the dossier
 * stays open, already late.
 */
class HistoryImportVolumeIT extends WorkflowIntegrationTestBase {
    private static final int LINES = Integer.getInteger("history.volume.lines", 100_000);
    private static final String TYPE = "vn.motcua.dossier.";
    private static final String DUE_SOON = TYPE + "due-soon.v1";
    private static final String OVERDUE = TYPE + "overdue.v1";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DeadlineWatcher watcher;

    @Test
    void importsAHundredThousandLinesReportingBadOnesAndAnnouncingNoPastInstant() throws Exception {
        String office = "HV" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant received = now.minus(Duration.ofDays(10));
        Instant due = now.plus(Duration.ofDays(5)); // nothing to announce when the receipts are opened
        List<ProducerRecord<String, byte[]>> receipts = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            receipts.add(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                    new DossierReceived(id(office, i), "C-" + id(office, i), office, "1.001612", "Đất đai",
                            Channel.IN_PERSON, true, new BigDecimal("3"), received, due, "EXT-" + i, 0, 2, 0, 0, 0,
                            false, null))));
        }
        topics().publish(receipts);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM dossier_view WHERE office_id = ?", Long.class, office) == LINES);
        Map<TopicPartition, Long> topicEnd = workflowTopicEnd();

        // Bad lines replace the good line of their number (line n is dossier n - 1); each names its field.
        Map<Integer, String> bad = new HashMap<>();
        Map<Integer, String> field = new HashMap<>();
        bad(bad, field, 7, line(office, 6, step("TRANSFER", received.minusSeconds(60), "\"toUnit\":\"A\"")),
                "steps[0].at");
        bad(bad, field, 1_001, "{\"dossierId\":\"" + office + "-NONE\",\"steps\":["
                + step("SUPPLEMENT", now.minusSeconds(60), "") + "]}", "dossierId");
        bad(bad, field, 2_050, "{\"officeId\":\"" + office + "\",\"externalRef\":\"NO-SUCH\",\"steps\":["
                + step("TRANSFER", now.minusSeconds(60), "\"toUnit\":\"A\"") + "]}", "externalRef");
        bad(bad, field, 10_000, line(office, 9_999, step("SIGNATURE", now.minusSeconds(60), "")), "steps[0].kind");
        bad(bad, field, 20_001, "{not json", "line");
        bad(bad, field, 33_333, line(office, 33_332, step("TRANSFER", now.minus(Duration.ofDays(2)),
                "\"toUnit\":\"A\"") + "," + step("TRANSFER", now.minus(Duration.ofDays(3)), "\"toUnit\":\"B\"")),
                "steps[1].at");
        // Refused by the dossier's state (RETURN before any resolution), after a valid TRANSFER: the whole line
        // is rejected, the TRANSFER with it.
        bad(bad, field, 50_000, line(office, 49_999, step("TRANSFER", now.minus(Duration.ofDays(2)),
                "\"toUnit\":\"A\"") + "," + step("RETURN", now.minus(Duration.ofDays(1)), "\"method\":\"IN_PERSON\"")),
                "steps[1].kind");
        bad(bad, field, 66_000, line(office, 65_999, step("TRANSFER", now.minus(Duration.ofDays(2)),
                "\"toUnit\":\"A\",\"note\":\"gọi 0912345678\"")), "steps[0].note");
        bad(bad, field, 77_777, line(office, 77_776, step("TRANSFER", now.plus(Duration.ofDays(1)),
                "\"toUnit\":\"A\"")), "steps[0].at");
        bad(bad, field, 88_000, line(office, 87_999, step("PAYMENT", now.minus(Duration.ofDays(2)),
                "\"amount\":1.5,\"online\":true")), "steps[0].amount");
        bad(bad, field, LINES, line(office, LINES - 1, step("RESOLUTION", now.minus(Duration.ofDays(2)),
                "\"outcome\":\"REFUSED\"")), "steps[0].reason");

        StringBuilder body = new StringBuilder(LINES * 200);
        Map<String, Integer> expectedEvents = new HashMap<>();
        List<String> openLate = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            int number = i + 1;
            if (bad.containsKey(number)) {
                body.append(bad.get(number)).append('\n');
                continue;
            }
            List<String> kinds = shape(i);
            if (kinds.size() == 2 && kinds.get(0).equals("SUPPLEMENT_REQUEST")) {
                openLate.add(id(office, i));
            }
            List<String> steps = new ArrayList<>();
            for (String kind : kinds) {
                steps.add(switch (kind) {
                    case "TRANSFER" -> step(kind, now.minus(Duration.ofDays(9)), "\"toUnit\":\"Phòng TN-MT\"");
                    case "SUPPLEMENT_REQUEST" -> step(kind, received.plus(Duration.ofHours(1)),
                            "\"reason\":\"thiếu bản đồ\"");
                    case "SUPPLEMENT" -> step(kind, now.minus(Duration.ofDays(8)), "");
                    case "RESOLUTION" -> step(kind, now.minus(Duration.ofDays(2)), "\"outcome\":\"APPROVED\"");
                    case "RETURN" -> step(kind, now.minus(Duration.ofDays(1)), "\"method\":\"IN_PERSON\"");
                    default -> throw new IllegalStateException(kind);
                });
                expectedEvents.merge(eventType(kind), 1, Integer::sum);
            }
            if (resolvedLate(kinds)) {
                expectedEvents.merge(TYPE + "apology-letter-issued.v1", 1, Integer::sum); // the aggregate's own
            }
            // Half the lines name their dossier by the integrator's reference.
            body.append(i % 2 == 0 ? line(office, i, String.join(",", steps))
                    : "{\"officeId\":\"" + office + "\",\"externalRef\":\"EXT-" + i + "\",\"steps\":["
                    + String.join(",", steps) + "]}").append('\n');
        }
        int good = LINES - bad.size();

        long started = System.nanoTime();
        Reply<JsonNode> response = sendExactly(HttpRequest.newBuilder(uri("/api/v1/imports/dossier-histories"))
                .header("Authorization", ISSUER.bearer("importer", List.of("officer"), List.of(office)))
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        double seconds = (System.nanoTime() - started) / 1e9;
        int steps = expectedEvents.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("history import volume IT: %d lines, %d steps in %.1f s (%.0f steps/s)%n", LINES, steps,
                seconds, steps / seconds);

        // The summary: counts, and each bad line by number and field.
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode summary = response.json();
        assertThat(summary.path("lines").asLong()).isEqualTo(LINES);
        assertThat(summary.path("accepted").asLong()).isEqualTo(good);
        assertThat(summary.path("rejected").asLong()).isEqualTo(bad.size());
        Map<Integer, String> reported = new HashMap<>();
        summary.path("errors").forEach(e -> reported.put(e.path("line").asInt(), e.path("field").asString()));
        assertThat(reported).isEqualTo(field);

        // Final states, sampled through the API: every shape, the open late ones, and every bad line's dossier.
        for (int i = 0; i < LINES; i += LINES / 50) {
            for (int j = i; j < i + 10; j++) {
                if (!bad.containsKey(j + 1)) {
                    assertState(id(office, j), shape(j));
                }
            }
        }
        for (String id : openLate.subList(0, Math.min(5, openLate.size()))) {
            JsonNode view = get("/api/v1/dossiers/" + id).json();
            assertThat(view.path("status").asString()).isEqualTo("IN_PROCESS");
            assertThat(Instant.parse(view.path("dueAt").asString())).isBefore(now);
        }
        for (int number : bad.keySet()) {
            if (number - 1 < LINES && !List.of(1_001, 2_050, 20_001).contains(number)) {
                assertThat(steps(get("/api/v1/dossiers/" + id(office, number - 1)).json())).as("line " + number)
                        .containsExactly("RECEIVED");
            }
        }

        // The topic: every imported step's event, then the watcher's passes; announcements only for the open late
        // dossiers, one Overdue each, and no DueSoon for anyone.
        Map<String, Map<String, Integer>> announced = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        try (TopicProbe.Reader reader = topics().readFrom(topicEnd)) {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                drain(reader, office, seen, announced);
                return seen.equals(expectedEvents) && announcedOverdue(announced) >= openLate.size();
            });
            long target = watcher.passes() + 3;
            await().atMost(Duration.ofMinutes(2)).until(() -> watcher.passes() >= target);
            drain(reader, office, seen, announced);
        }
        assertThat(seen).isEqualTo(expectedEvents);
        Map<String, Map<String, Integer>> expectedAnnouncements = new HashMap<>();
        openLate.forEach(id -> expectedAnnouncements.put(id, Map.of(OVERDUE, 1)));
        assertThat(announced).isEqualTo(expectedAnnouncements);
    }

    /** The step kinds of good line {@code i + 1} (see the class comment). */
    private static List<String> shape(int i) {
        return switch (i % 10) {
            case 6, 7 -> List.of("TRANSFER", "RESOLUTION");
            case 8 -> i % 1000 == 8 ? List.of("SUPPLEMENT_REQUEST", "SUPPLEMENT")
                    : List.of("SUPPLEMENT_REQUEST", "SUPPLEMENT", "RESOLUTION");
            case 9 -> List.of("TRANSFER", "RESOLUTION", "RETURN");
            default -> List.of("TRANSFER");
        };
    }

    private void assertState(String id, List<String> kinds) throws Exception {
        JsonNode view = get("/api/v1/dossiers/" + id).json();
        List<String> history = new ArrayList<>(List.of("RECEIVED"));
        // A late resolution without an apology letter issues one first (the aggregate's rule, as live).
        kinds.forEach(k -> history.addAll(k.equals("RESOLUTION") && resolvedLate(kinds)
                ? List.of("APOLOGY_LETTER_ISSUED", "RESOLVED") : List.of(switch (k) {
            case "TRANSFER" -> "TRANSFERRED";
            case "SUPPLEMENT_REQUEST" -> "SUPPLEMENT_REQUESTED";
            case "SUPPLEMENT" -> "SUPPLEMENT_RECEIVED";
            case "RESOLUTION" -> "RESOLVED";
            case "RETURN" -> "RETURNED";
            default -> throw new IllegalStateException(k);
        })));
        assertThat(steps(view)).as(id).containsExactlyElementsOf(history);
        String last = kinds.get(kinds.size() - 1);
        assertThat(view.path("status").asString()).as(id).isEqualTo(switch (last) {
            case "RESOLUTION" -> "RESOLVED";
            case "RETURN" -> "RETURNED";
            default -> "IN_PROCESS";
        });
        assertThat(view.path("history").get(1).path("by").asString()).isEqualTo("importer");
        if (resolvedLate(kinds)) {
            assertThat(view.path("timeliness").asString()).as(id).isEqualTo("LATE");
        }
    }

    /** Shape 8: the supplement moved the due date into the past, then the dossier was resolved. */
    private static boolean resolvedLate(List<String> kinds) {
        return kinds.get(0).equals("SUPPLEMENT_REQUEST") && kinds.get(kinds.size() - 1).equals("RESOLUTION");
    }

    private static String eventType(String kind) {
        return TYPE + switch (kind) {
            case "TRANSFER" -> "transferred.v1";
            case "SUPPLEMENT_REQUEST" -> "supplement-requested.v1";
            case "SUPPLEMENT" -> "supplement-received.v1";
            case "RESOLUTION" -> "resolved.v1";
            case "RETURN" -> "result-returned.v1";
            default -> throw new IllegalStateException(kind);
        };
    }

    private static void bad(Map<Integer, String> bad, Map<Integer, String> field, int number, String line,
                            String expectedField) {
        if (number <= LINES) {
            bad.put(number, line);
            field.put(number, expectedField);
        }
    }

    private static String id(String office, int i) {
        return office + "-" + i;
    }

    private static String line(String office, int i, String steps) {
        return "{\"dossierId\":\"" + id(office, i) + "\",\"steps\":[" + steps + "]}";
    }

    private static String step(String kind, Instant at, String fields) {
        return "{\"kind\":\"" + kind + "\",\"at\":\"" + at + "\"" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    // ---- the workflow topic, read from where it ended before the import ----------------------------------------

    private static Map<TopicPartition, Long> workflowTopicEnd() {
        return topics().endOffsets(Topics.DOSSIER_WORKFLOW);
    }

    private static void drain(TopicProbe.Reader reader, String office, Map<String, Integer> seen,
                              Map<String, Map<String, Integer>> announced) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
            if (record.key() == null || !record.key().startsWith(office + "-")) {
                continue;
            }
            Header header = record.headers().lastHeader("ce_type");
            String type = header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
            if (type.equals(DUE_SOON) || type.equals(OVERDUE)) {
                announced.computeIfAbsent(record.key(), k -> new HashMap<>()).merge(type, 1, Integer::sum);
            } else {
                seen.merge(type, 1, Integer::sum);
            }
        }
    }

    private static long announcedOverdue(Map<String, Map<String, Integer>> announced) {
        return announced.values().stream().filter(m -> m.containsKey(OVERDUE)).count();
    }
}
