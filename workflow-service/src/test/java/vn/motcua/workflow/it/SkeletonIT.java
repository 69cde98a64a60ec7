package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.Outcome;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.events.Timeliness;

/** The walking skeleton: intake's DossierReceived in, a resolution over HTTP, DossierResolved out. */
class SkeletonIT extends WorkflowIntegrationTestBase {
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");

    @Test
    void aReceivedDossierIsOpenedOnceAndItsResolutionIsPublished() throws Exception {
        String id = newDossierId("H49");
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                received(id, "H49", RECEIVED, DUE));
        publishIntake(envelope);
        JsonNode opened = openDossierView(id);
        assertThat(opened.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(opened.path("officeId").asString()).isEqualTo("H49");
        assertThat(Instant.parse(opened.path("dueAt").asString())).isEqualTo(DUE);

        // The same record again, and a re-send of the same dossier under a new ce_id: still one dossier.
        publishIntake(envelope);
        RecordMetadata last = publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                received(id, "H49", RECEIVED, DUE)));
        awaitConsumed(last);
        JsonNode after = get("/api/v1/dossiers/" + id).json();
        assertThat(steps(after)).containsExactly("RECEIVED");

        Instant at = local("2026-03-04T10:00");
        Reply<JsonNode> resolved = post("/api/v1/dossiers/" + id + "/resolution",
                "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-04T10:00:00+07:00\"}");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().path("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().path("timeliness").asString()).isEqualTo("EARLY");
        assertThat(get("/api/v1/dossiers/" + id).json().path("status").asString()).isEqualTo("RESOLVED");

        ConsumerRecord<String, byte[]> record = awaitPublished(ofType(id, "vn.motcua.dossier.resolved.v1"));
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("/motcua/workflow");
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(at);
        assertThat(UUID.fromString(header(record, "ce_id"))).isNotNull();
        DossierResolved event = (DossierResolved) vn.motcua.events.CloudEventsCodec.decode(record).data();
        assertThat(event).isEqualTo(new DossierResolved(id, "H49", Outcome.APPROVED, null, Timeliness.EARLY, DUE, at));
        // Only the contract events leave the service: the internal "opened" event never does.
        assertThat(publishedFor(id)).extracting(r -> header(r, "ce_type"))
                .doesNotContain("vn.motcua.dossier.opened.v1")
                .allMatch(type -> type.startsWith("vn.motcua.dossier."));
    }

    @Test
    void aSecondResolutionIsAConflict() throws Exception {
        String id = newDossierId("H49.17");
        openDossier(id, "H49.17", RECEIVED, DUE);
        assertThat(post("/api/v1/dossiers/" + id + "/resolution",
                "{\"outcome\":\"REFUSED\",\"reason\":\"not eligible\",\"at\":\"2026-03-05T09:00:00+07:00\"}")
                .json().path("timeliness").asString()).isEqualTo("ON_TIME");
        Reply<JsonNode> second = post("/api/v1/dossiers/" + id + "/resolution",
                "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-05T10:00:00+07:00\"}");
        assertProblem(second, 409, null);
        assertThat(second.json().path("detail").asString()).contains("RESOLVED");
    }

    @Test
    void anUnknownDossierIsNotFound() throws Exception {
        assertProblem(get("/api/v1/dossiers/NOPE-000"), 404, null);
        assertProblem(post("/api/v1/dossiers/NOPE-000/resolution", "{\"outcome\":\"APPROVED\"}"), 404, null);
    }

    @Test
    void badInputIsAProblemNamingTheField() throws Exception {
        String id = newDossierId("H49");
        openDossier(id, "H49", RECEIVED, DUE);
        String path = "/api/v1/dossiers/" + id + "/resolution";
        assertProblem(post(path, "{\"outcome\":"), 400, "body");
        assertProblem(post(path, "{}"), 400, "outcome");
        assertProblem(post(path, "{\"outcome\":\"MAYBE\"}"), 400, "outcome");
        assertProblem(post(path, "{\"outcome\":\"APPROVED\",\"at\":\"yesterday\"}"), 400, "at");
        assertProblem(post(path, "{\"outcome\":\"APPROVED\",\"at\":[1]}"), 400, "at");
        assertProblem(post(path, "{\"outcome\":\"REFUSED\"}"), 422, "reason");
        assertProblem(post(path, "{\"outcome\":\"APPROVED\",\"at\":\"2099-01-01T00:00:00+07:00\"}"), 422, "at");
        assertProblem(post(path, "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-02T08:59:00+07:00\"}"), 422, "at");
        // Nothing was half-written by the refused commands.
        JsonNode view = get("/api/v1/dossiers/" + id).json();
        assertThat(view.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(steps(view)).containsExactly("RECEIVED");
    }

    @Test
    void unknownRoutesMethodsAndMediaTypesAreProblemsToo() throws Exception {
        // A path no rule names is denied before routing, even to an officer (a new endpoint stays closed until
        // it is given a rule), so an unknown route answers 403 rather than 404.
        assertProblem(get("/api/v1/nothing-here"), 403, null);
        Reply<JsonNode> wrongMethod = send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/v1/dossiers/X/resolution")).GET().build());
        assertProblem(wrongMethod, 405, null);
        Reply<JsonNode> wrongType = send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/dossiers/X/resolution"))
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("APPROVED")).build());
        assertProblem(wrongType, 415, null);
    }

    @Test
    void healthAndMetricsAreExposed() throws Exception {
        Reply<JsonNode> health = get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(get("/prometheus", adminToken()).body()).contains("jvm_memory_used_bytes");
    }

    private JsonNode openDossierView(String id) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> get("/api/v1/dossiers/" + id), r -> r.status() == 200).json();
    }
}
