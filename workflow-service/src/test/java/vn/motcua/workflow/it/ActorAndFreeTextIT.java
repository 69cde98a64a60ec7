package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;

/** Who did each step ({@code by} on the history, {@code by} metadata on the events) and the free-text guard. */
class ActorAndFreeTextIT extends WorkflowIntegrationTestBase {
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theHistoryNamesTheOfficerAndTheServiceActsAsNobody() throws Exception {
        String office = "H77.01";
        String id = newDossierId(office);
        openDossier(id, office, RECEIVED, DUE);
        String anna = ISSUER.bearer("officer-anna", List.of("officer"), List.of(office));
        String binh = ISSUER.bearer("officer-binh", List.of("officer"), List.of("*"));

        assertThat(post("/api/v1/dossiers/" + id + "/transfers",
                "{\"toUnit\":\"Phòng TN-MT\",\"at\":\"2026-03-03T09:00:00+07:00\"}", anna).status()).isEqualTo(200);
        // Late: the service adds the missing apology letter itself, inside the officer's resolution.
        Reply<JsonNode> resolved = post("/api/v1/dossiers/" + id + "/resolution",
                "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-06T10:00:00+07:00\"}", binh);
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);

        JsonNode view = get("/api/v1/dossiers/" + id).json();
        List<String> lines = new ArrayList<>();
        for (JsonNode line : view.path("history")) {
            assertThat(line.has("by")).as("every line says who: %s", line).isTrue();
            lines.add(line.path("kind").asString() + " by " + (line.path("by").isNull() ? null
                    : line.path("by").asString()));
        }
        assertThat(lines).filteredOn(l -> !l.startsWith("DUE_SOON") && !l.startsWith("OVERDUE")).containsExactly(
                "RECEIVED by null",
                "TRANSFERRED by officer-anna",
                "APOLOGY_LETTER_ISSUED by null",
                "RESOLVED by officer-binh");
        assertThat(lines).filteredOn(l -> l.startsWith("DUE_SOON") || l.startsWith("OVERDUE"))
                .allMatch(l -> l.endsWith(" by null"));

        // The actor is Axon metadata on the stored event, not a field of the contract record.
        byte[] metadata = jdbc.queryForObject("""
                SELECT meta_data FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%.DossierTransferred'""", byte[].class, id);
        assertThat(new String(metadata, StandardCharsets.UTF_8)).contains("\"by\"", "officer-anna");
    }

    @Test
    void freeTextBoundForATopicRefusesIdCardAndPhoneNumbers() throws Exception {
        String office = "H77.02";
        String id = newDossierId(office);
        openDossier(id, office, RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;
        String at = ",\"at\":\"2026-03-03T09:00:00+07:00\"";

        assertProblem(post(base + "/transfers", "{\"toUnit\":\"Phòng A\",\"note\":\"gọi 0912 345 678\"" + at + "}"),
                422, "note");
        assertProblem(post(base + "/supplement-requests", "{\"reason\":\"CCCD 079123456789 mờ\"" + at + "}"),
                422, "reason");
        assertProblem(post(base + "/apology-letters", "{\"reason\":\"chờ khảo sát\",\"responsibleUnit\":"
                + "\"anh Bình 0909.123.456\",\"newDueAt\":\"2026-03-09T09:00:00+07:00\"" + at + "}"),
                422, "responsibleUnit");
        assertProblem(post(base + "/apology-letters", "{\"reason\":\"CMND 123456789 hết hạn\","
                + "\"newDueAt\":\"2026-03-09T09:00:00+07:00\"" + at + "}"), 422, "reason");
        assertProblem(post(base + "/resolution", "{\"outcome\":\"REFUSED\",\"reason\":\"liên hệ +84 912 345 678\""
                + at + "}"), 422, "reason");
        assertProblem(post(base + "/withdrawal", "{\"reason\":\"số 0283 822 1234 gọi lại\"" + at + "}"),
                422, "reason");
        Reply<JsonNode> refused = post(base + "/transfers", "{\"toUnit\":\"Phòng A\",\"note\":\"0912345678\"}");
        assertThat(refused.json().path("detail").asString()).startsWith("note:");

        // Nothing of the refused requests was written.
        JsonNode view = get(base).json();
        assertThat(view.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(steps(view)).containsExactly("RECEIVED");

        // A fee or a date is not a personal number.
        Reply<JsonNode> fee = post(base + "/supplement-requests",
                "{\"reason\":\"nộp lệ phí 100.000 đồng, biên lai ngày 02/03/2026\"" + at + "}");
        assertThat(fee.status()).as(fee.body()).isEqualTo(200);
    }
}
