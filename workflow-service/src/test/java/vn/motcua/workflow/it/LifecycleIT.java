package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.Timeliness;
import vn.motcua.testsupport.JsonHttp.Reply;

/** Issue 4: a dossier carried from receipt to return, with the rules that can refuse a step. */
class LifecycleIT extends WorkflowIntegrationTestBase {
    // Monday 2026-03-02 09:00, 3 working days: due Thursday 09:00 (no holiday in between).
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");

    @Test
    void fullLifecycleThroughTwoAgenciesWithASupplementRestartingTheClock() throws Exception {
        String id = newDossierId("H49");
        openDossier(id, "H49", RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;

        Reply<JsonNode> first = post(base + "/transfers",
                "{\"toUnit\":\"Phòng Tài nguyên và Môi trường\",\"at\":\"2026-03-02T10:00:00+07:00\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("status").asString()).isEqualTo("IN_PROCESS");
        Reply<JsonNode> second = post(base + "/transfers", "{\"toUnit\":\"Chi cục Thuế\",\"toOfficeId\":\"H49.TAX\","
                + "\"note\":\"liên thông\",\"at\":\"2026-03-03T10:00:00+07:00\"}");
        assertThat(second.json().path("currentUnit").asString()).isEqualTo("Chi cục Thuế");

        Reply<JsonNode> requested = post(base + "/supplement-requests",
                "{\"reason\":\"missing cadastral map\",\"at\":\"2026-03-03T11:00:00+07:00\"}");
        assertThat(requested.json().path("status").asString()).isEqualTo("AWAITING_SUPPLEMENT");
        // Tuesday 10/3 14:00 + 3 working days = Friday 13/3 14:00: the statutory time restarts.
        Reply<JsonNode> supplied = post(base + "/supplements", "{\"at\":\"2026-03-10T14:00:00+07:00\"}");
        assertThat(supplied.json().path("status").asString()).isEqualTo("IN_PROCESS");
        Instant newDue = local("2026-03-13T14:00");
        assertThat(Instant.parse(supplied.json().path("dueAt").asString())).isEqualTo(newDue);

        Reply<JsonNode> resolved = post(base + "/resolution", "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-12T10:00:00+07:00\"}");
        assertThat(resolved.json().path("timeliness").asString()).isEqualTo("EARLY");
        Reply<JsonNode> returned = post(base + "/return", "{\"method\":\"POSTAL\",\"at\":\"2026-03-13T09:00:00+07:00\"}");
        assertThat(returned.status()).isEqualTo(200);
        assertThat(returned.json().path("status").asString()).isEqualTo("RETURNED");

        JsonNode view = get(base).json();
        assertThat(steps(view)).containsExactly("RECEIVED", "TRANSFERRED", "TRANSFERRED", "SUPPLEMENT_REQUESTED",
                "SUPPLEMENT_RECEIVED", "RESOLVED", "RETURNED");
        JsonNode slipLine = null;
        for (JsonNode line : view.path("history")) {
            if (line.path("details").path("to").asString().equals("Chi cục Thuế")) {
                slipLine = line.path("details");
            }
        }
        assertThat(slipLine).isNotNull();
        assertThat(slipLine.path("from").asString()).isEqualTo("Phòng Tài nguyên và Môi trường");
        assertThat(slipLine.path("to").asString()).isEqualTo("Chi cục Thuế");
        assertThat(slipLine.path("toOfficeId").asString()).isEqualTo("H49.TAX");
        assertThat(slipLine.path("onTime").asBoolean()).isTrue();

        // Published in order under the dossier's key, the internal "opened" event excepted.
        awaitPublished(ofType(id, "vn.motcua.dossier.result-returned.v1"));
        assertThat(publishedSteps(id)).containsExactly(
                "vn.motcua.dossier.transferred.v1", "vn.motcua.dossier.transferred.v1",
                "vn.motcua.dossier.supplement-requested.v1", "vn.motcua.dossier.supplement-received.v1",
                "vn.motcua.dossier.resolved.v1", "vn.motcua.dossier.result-returned.v1");
        SupplementReceived restart = (SupplementReceived) CloudEventsCodec.decode(
                awaitPublished(ofType(id, "vn.motcua.dossier.supplement-received.v1"))).data();
        assertThat(restart.dueAt()).isEqualTo(newDue);

        // A returned dossier takes no more commands.
        assertProblem(post(base + "/withdrawal", "{}"), 409, null);
        assertProblem(post(base + "/transfers", "{\"toUnit\":\"A\"}"), 409, null);
    }

    @Test
    void oneApologyLetterPerDossier() throws Exception {
        String id = newDossierId("H49.17");
        openDossier(id, "H49.17", RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;

        assertProblem(post(base + "/apology-letters", "{\"reason\":\"survey pending\","
                + "\"newDueAt\":\"2026-03-05T09:00:00+07:00\",\"at\":\"2026-03-03T09:00:00+07:00\"}"), 422, "newDueAt");
        assertProblem(post(base + "/apology-letters", "{\"reason\":\"survey pending\"}"), 400, "newDueAt");

        Reply<JsonNode> letter = post(base + "/apology-letters", "{\"reason\":\"survey pending\","
                + "\"newDueAt\":\"2026-03-09T09:00:00+07:00\",\"responsibleUnit\":\"Phòng TN-MT\","
                + "\"at\":\"2026-03-04T09:00:00+07:00\"}");
        assertThat(letter.status()).as(letter.body()).isEqualTo(201);
        assertThat(letter.headers().firstValue("Location")).hasValue(base + "/apology-letters/1");
        assertThat(Instant.parse(letter.json().path("rescheduledDueAt").asString()))
                .isEqualTo(local("2026-03-09T09:00"));
        assertThat(Instant.parse(letter.json().path("dueAt").asString())).as("statutory date unchanged")
                .isEqualTo(DUE);

        Reply<JsonNode> second = post(base + "/apology-letters", "{\"reason\":\"again\","
                + "\"newDueAt\":\"2026-03-10T09:00:00+07:00\",\"at\":\"2026-03-04T10:00:00+07:00\"}");
        assertProblem(second, 409, null);

        ApologyLetterIssued issued = (ApologyLetterIssued) CloudEventsCodec.decode(
                awaitPublished(ofType(id, "vn.motcua.dossier.apology-letter-issued.v1"))).data();
        assertThat(issued.inTime()).isTrue();
        assertThat(issued.responsibleUnit()).isEqualTo("Phòng TN-MT");

        var printable = send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + base + "/apology-letters/1")).build());
        assertThat(printable.status()).isEqualTo(200);
        assertThat(printable.contentType()).startsWith("text/html");
        assertThat(printable.body()).contains("PHIẾU XIN LỖI", id, "survey pending", "09/03/2026");
        assertProblem(get(base + "/apology-letters/2"), 404, null);
    }

    @Test
    void aLateResolutionIssuesTheMissingApologyLetter() throws Exception {
        String id = newDossierId("H49.17.05");
        openDossier(id, "H49.17.05", RECEIVED, DUE);
        Reply<JsonNode> resolved = post("/api/v1/dossiers/" + id + "/resolution",
                "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-06T10:00:00+07:00\"}");
        assertThat(resolved.json().path("timeliness").asString()).isEqualTo("LATE");
        assertThat(resolved.json().path("apologyLetters").asInt()).isEqualTo(1);

        ConsumerRecord<String, byte[]> letter = awaitPublished(ofType(id, "vn.motcua.dossier.apology-letter-issued.v1"));
        ApologyLetterIssued issued = (ApologyLetterIssued) CloudEventsCodec.decode(letter).data();
        assertThat(issued.inTime()).isFalse();
        assertThat(issued.issuedAt()).isEqualTo(local("2026-03-06T10:00"));
        DossierResolved event = (DossierResolved) CloudEventsCodec.decode(
                awaitPublished(ofType(id, "vn.motcua.dossier.resolved.v1"))).data();
        assertThat(event.timeliness()).isEqualTo(Timeliness.LATE);
        assertThat(get("/api/v1/dossiers/" + id + "/apology-letters/1").status()).isEqualTo(200);
    }

    @Test
    void aWithdrawnDossierIsClosed() throws Exception {
        String id = newDossierId("H49");
        openDossier(id, "H49", RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;
        Reply<JsonNode> withdrawn = post(base + "/withdrawal",
                "{\"reason\":\"applicant changed plans\",\"at\":\"2026-03-03T08:00:00+07:00\"}");
        assertThat(withdrawn.json().path("status").asString()).isEqualTo("WITHDRAWN");
        assertProblem(post(base + "/resolution", "{\"outcome\":\"APPROVED\"}"), 409, null);
        assertProblem(post(base + "/supplement-requests", "{\"reason\":\"x\"}"), 409, null);
        assertProblem(post(base + "/return", "{\"method\":\"FAX\"}"), 400, "method");
        awaitPublished(ofType(id, "vn.motcua.dossier.withdrawn.v1"));
    }

    @Test
    void worklistsShowDueSoonAndOverdueDossiersOfTheOffice() throws Exception {
        String office = "W" + newDossierId("X").replace("-", "").substring(0, 8);
        Instant now = Instant.now();
        String overdue = newDossierId(office);
        String dueSoon = newDossierId(office);
        String waiting = newDossierId(office);
        openDossier(overdue, office, now.minusSeconds(3 * 86_400), now.minusSeconds(86_400));
        openDossier(dueSoon, office, now.minusSeconds(3_600), now.plusSeconds(1_800));
        openDossier(waiting, office, now.minusSeconds(3_600), now.minusSeconds(60));
        assertThat(post("/api/v1/dossiers/" + waiting + "/supplement-requests", "{\"reason\":\"missing map\"}")
                .status()).isEqualTo(200);

        assertThat(ids(get("/api/v1/worklists/" + office + "?kind=overdue"))).containsExactly(overdue);
        assertThat(ids(get("/api/v1/worklists/" + office + "?kind=due-soon"))).containsExactly(dueSoon);
        assertProblem(get("/api/v1/worklists/" + office + "?kind=later"), 400, "kind");
    }

    private static List<String> ids(Reply<JsonNode> response) {
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("dossiers").forEach(d -> ids.add(d.path("dossierId").asString()));
        return ids;
    }
}
