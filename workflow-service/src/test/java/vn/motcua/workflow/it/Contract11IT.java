package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierRated;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.FeePaid;
import vn.motcua.events.PetitionAnswered;
import vn.motcua.events.PetitionReceived;
import vn.motcua.events.Rating;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.Topics;
import vn.motcua.infra.Infrastructure;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.testsupport.TopicProbe;

/**
 * Contract 1.1 over the real broker and database (issues 11 and 14): fees, electronic results and ratings, the one
 * supplement request, corrected and cancelled receipts from intake, and petitions on {@code motcua.petition.v1}.
 */
class Contract11IT extends WorkflowIntegrationTestBase {
    // Monday 2026-03-02 09:00, 3 working days: due Thursday 09:00.
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");
    private static TopicProbe.Reader petitionReader;

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static synchronized void closePetitionReader() {
        if (petitionReader != null) {
            petitionReader.close();
            petitionReader = null;
        }
    }

    // ---- fees, electronic result, ratings --------------------------------------------------------------------

    @Test
    void aFeeIsPaidTheResultReturnedElectronicallyAndRatedOnce() throws Exception {
        String id = newDossierId("H49");
        openDossier(id, "H49", RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;

        // Bad amounts name the field and write nothing.
        assertProblem(post(base + "/payments", "{\"amount\":-1,\"online\":true}"), 422, "amount");
        assertProblem(post(base + "/payments", "{\"amount\":1.5,\"online\":true}"), 422, "amount");
        assertProblem(post(base + "/payments", "{\"amount\":\"much\",\"online\":true}"), 400, "amount");
        assertProblem(post(base + "/payments", "{\"amount\":100}"), 400, "online");
        Reply<JsonNode> paid = post(base + "/payments",
                "{\"amount\":50000,\"online\":true,\"at\":\"2026-03-02T09:30:00+07:00\"}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.json().path("paidAmount").asLong()).isEqualTo(50_000);
        assertThat(paid.json().path("paidOnline").asBoolean()).isTrue();

        assertThat(post(base + "/resolution", "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-03T10:00:00+07:00\"}")
                .status()).isEqualTo(200);
        assertProblem(post(base + "/ratings", "{\"rating\":\"SATISFIED\",\"at\":\"2026-03-03T10:30:00+07:00\"}"),
                409, null);
        Reply<JsonNode> returned = post(base + "/return",
                "{\"method\":\"ONLINE\",\"electronicResult\":true,\"at\":\"2026-03-03T11:00:00+07:00\"}");
        assertThat(returned.json().path("electronicResult").asBoolean()).isTrue();

        assertProblem(post(base + "/ratings", "{\"rating\":\"GREAT\"}"), 400, "rating");
        Reply<JsonNode> rated = post(base + "/ratings", "{\"rating\":\"DISSATISFIED\",\"at\":\"2026-03-03T12:00:00+07:00\"}");
        assertThat(rated.status()).as(rated.body()).isEqualTo(200);
        assertThat(rated.json().path("rating").asString()).isEqualTo("DISSATISFIED");
        Reply<JsonNode> again = post(base + "/ratings", "{\"rating\":\"SATISFIED\"}");
        assertProblem(again, 409, null);
        assertThat(again.json().path("detail").asString()).contains("rated once");

        FeePaid fee = (FeePaid) CloudEventsCodec.decode(
                awaitPublished(ofType(id, "vn.motcua.dossier.fee-paid.v1"))).data();
        assertThat(fee).isEqualTo(new FeePaid(id, "H49", 50_000, true, local("2026-03-02T09:30")));
        ResultReturned result = (ResultReturned) CloudEventsCodec.decode(
                awaitPublished(ofType(id, "vn.motcua.dossier.result-returned.v1"))).data();
        assertThat(result.electronicResult()).isTrue();
        DossierRated rating = (DossierRated) CloudEventsCodec.decode(
                awaitPublished(ofType(id, "vn.motcua.dossier.rated.v1"))).data();
        assertThat(rating.rating()).isEqualTo(Rating.DISSATISFIED);
        assertThat(publishedSteps(id)).containsExactly("vn.motcua.dossier.fee-paid.v1",
                "vn.motcua.dossier.resolved.v1", "vn.motcua.dossier.result-returned.v1",
                "vn.motcua.dossier.rated.v1");
    }

    @Test
    void aPaymentOnAWithdrawnDossierIs409() throws Exception {
        String id = newDossierId("H49");
        openDossier(id, "H49", RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;
        assertThat(post(base + "/withdrawal", "{\"at\":\"2026-03-02T10:00:00+07:00\"}").status()).isEqualTo(200);
        Reply<JsonNode> refused = post(base + "/payments", "{\"amount\":50000,\"online\":false}");
        assertProblem(refused, 409, null);
        assertThat(refused.json().path("detail").asString()).contains("WITHDRAWN");
        assertThat(get(base).json().path("paidAmount").asLong()).isZero();
    }

    @Test
    void aSecondSupplementRequestIs409() throws Exception {
        String id = newDossierId("H49");
        openDossier(id, "H49", RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;
        assertThat(post(base + "/supplement-requests",
                "{\"reason\":\"missing map\",\"at\":\"2026-03-03T11:00:00+07:00\"}").status()).isEqualTo(200);
        assertThat(post(base + "/supplements", "{\"at\":\"2026-03-04T10:00:00+07:00\"}").status()).isEqualTo(200);
        Reply<JsonNode> second = post(base + "/supplement-requests",
                "{\"reason\":\"missing survey\",\"at\":\"2026-03-04T11:00:00+07:00\"}");
        assertProblem(second, 409, null);
        assertThat(second.json().path("detail").asString()).contains("once, fully");
        assertThat(get(base).json().path("supplementRequests").asInt()).isEqualTo(1);
    }

    // ---- corrected and cancelled receipts from intake ---------------------------------------------------------

    private static DossierReceived revision(String id, String office, int revision, String procedure, String days,
                                            Instant dueAt, long fee) {
        return new DossierReceived(id, "CODE-" + id, office, procedure, "Xây dựng", Channel.ONLINE, true,
                new BigDecimal(days), RECEIVED, dueAt, null, revision, 2, 2, 0, fee, true, null);
    }

    private static RecordMetadata publish(Object event) throws Exception {
        return publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                (vn.motcua.events.MotcuaEvent) event));
    }

    @Test
    void aRevisionChangingTheProcedureMovesDueAtAndItsDeadlines() throws Exception {
        String id = newDossierId("H49");
        String base = "/api/v1/dossiers/" + id;
        awaitConsumed(publish(revision(id, "H49", 0, "1.001612", "3", DUE, 0)));
        JsonNode first = get(base).json();
        assertThat(first.path("code").asString()).isEqualTo("CODE-" + id);
        assertThat(first.path("revision").asInt()).isZero();

        // Corrected to a 5-day procedure with a fee: due Monday 9 March 09:00; due soon one working day before.
        Instant newDue = local("2026-03-09T09:00");
        awaitConsumed(publish(revision(id, "H49", 1, "2.000100", "5", newDue, 120_000)));
        JsonNode corrected = get(base).json();
        assertThat(Instant.parse(corrected.path("dueAt").asString())).isEqualTo(newDue);
        assertThat(corrected.path("procedureCode").asString()).isEqualTo("2.000100");
        assertThat(corrected.path("revision").asInt()).isEqualTo(1);
        assertThat(corrected.path("fee").asLong()).isEqualTo(120_000);
        assertThat(corrected.path("onlinePayment").asBoolean()).isTrue();
        assertThat(corrected.path("channel").asString()).isEqualTo("ONLINE");
        assertThat(jdbc.queryForObject("SELECT due_soon_at FROM dossier_view WHERE dossier_id = ?",
                java.sql.Timestamp.class, id).toInstant()).isEqualTo(local("2026-03-06T09:00"));
        assertThat(steps(corrected)).containsExactly("RECEIVED", "RECEIPT_CORRECTED");

        // A repeated or older revision changes nothing.
        awaitConsumed(publish(revision(id, "H49", 1, "9.999999", "1", local("2026-03-03T09:00"), 1)));
        awaitConsumed(publish(revision(id, "H49", 0, "1.001612", "3", DUE, 0)));
        assertThat(Instant.parse(get(base).json().path("dueAt").asString())).isEqualTo(newDue);

        // Resolved: a later correction is ignored (intake refuses it anyway).
        assertThat(post(base + "/resolution", "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-04T10:00:00+07:00\"}")
                .status()).isEqualTo(200);
        awaitConsumed(publish(revision(id, "H49", 2, "1.001612", "3", DUE, 0)));
        JsonNode resolved = get(base).json();
        assertThat(Instant.parse(resolved.path("dueAt").asString())).isEqualTo(newDue);
        assertThat(resolved.path("revision").asInt()).isEqualTo(1);
    }

    @Test
    void aCancelledDossierLeavesTheWorklistsAndAnswers409() throws Exception {
        String office = "CX" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String id = newDossierId(office);
        String base = "/api/v1/dossiers/" + id;
        Instant now = Instant.now();
        // Overdue: received five days ago, due an hour ago.
        openDossier(id, office, now.minus(Duration.ofDays(5)), now.minus(Duration.ofHours(1)));
        assertThat(worklist(office, "overdue")).contains(id);
        assertThat(listed(office, "&overdue=true")).contains(id);

        awaitConsumed(publish(new DossierCancelled(id, office, "nhầm thủ tục", now.minus(Duration.ofMinutes(5)))));
        JsonNode cancelled = get(base).json();
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelledAt").isMissingNode()).isFalse();
        assertThat(worklist(office, "overdue")).doesNotContain(id);
        assertThat(worklist(office, "due-soon")).doesNotContain(id);
        // ... and the officers' dossier list counts it overdue no more.
        assertThat(listed(office, "&overdue=true")).doesNotContain(id);
        assertThat(jdbc.queryForObject("SELECT due_soon_done AND overdue_done FROM dossier_view WHERE dossier_id = ?",
                Boolean.class, id)).as("no deadline pending").isTrue();

        Reply<JsonNode> transfer = post(base + "/transfers", "{\"toUnit\":\"Phòng TN-MT\"}");
        assertProblem(transfer, 409, null);
        assertThat(transfer.json().path("detail").asString()).contains("CANCELLED");
        assertProblem(post(base + "/payments", "{\"amount\":1,\"online\":false}"), 409, null);
        assertProblem(post(base + "/withdrawal", "{}"), 409, null);
        // A correction published after the cancellation does not reopen it.
        awaitConsumed(publish(revision(id, office, 1, "1.001612", "3", now.plus(Duration.ofDays(3)), 0)));
        assertThat(get(base).json().path("status").asString()).isEqualTo("CANCELLED");
        // Intake's event stays intake's: workflow publishes nothing for the cancellation.
        assertThat(publishedFor(id).stream().map(r -> header(r, "ce_type")))
                .doesNotContain("vn.motcua.dossier.cancelled.v1");
    }

    private List<String> listed(String office, String filter) throws Exception {
        Reply<JsonNode> response = get("/api/v1/dossiers?officeId=" + office + filter);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("items").forEach(d -> ids.add(d.path("dossierId").asString()));
        return ids;
    }

    private List<String> worklist(String office, String kind) throws Exception {
        Reply<JsonNode> response = get("/api/v1/worklists/" + office + "?kind=" + kind);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("dossiers").forEach(d -> ids.add(d.path("dossierId").asString()));
        return ids;
    }

    // ---- petitions -------------------------------------------------------------------------------------------

    @Test
    void aPetitionAnsweredAfterItsDueDateIsLateOnTheTopic() throws Exception {
        String office = "PX" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        // Monday 2 March 2026 09:00 + 15 working days: Monday 23 March 09:00.
        Reply<JsonNode> created = post("/api/v1/petitions",
                "{\"officeId\":\"" + office + "\",\"category\":\"thái độ phục vụ\","
                        + "\"receivedAt\":\"2026-03-02T09:00:00+07:00\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String petitionId = created.json().path("petitionId").asString();
        assertThat(Instant.parse(created.json().path("dueAt").asString())).isEqualTo(local("2026-03-23T09:00"));
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/petitions/" + petitionId);
        assertThat(overduePetitions(office)).containsExactly(petitionId);

        String base = "/api/v1/petitions/" + petitionId;
        assertProblem(post(base + "/rating", "{\"rating\":\"SATISFIED\"}"), 409, null);
        Reply<JsonNode> answered = post(base + "/answer", "{}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("onTime").asBoolean()).isFalse();
        assertProblem(post(base + "/answer", "{}"), 409, null);
        assertThat(overduePetitions(office)).isEmpty();
        assertThat(post(base + "/rating", "{\"rating\":\"NEUTRAL\"}").status()).isEqualTo(200);
        assertProblem(post(base + "/rating", "{\"rating\":\"SATISFIED\"}"), 409, null);

        ConsumerRecord<String, byte[]> receivedRecord = awaitPetition(petitionId, "vn.motcua.petition.received.v1");
        PetitionReceived received = (PetitionReceived) CloudEventsCodec.decode(receivedRecord).data();
        assertThat(received.dueAt()).isEqualTo(local("2026-03-23T09:00"));
        assertThat(received.category()).isEqualTo("thái độ phục vụ");
        PetitionAnswered late = (PetitionAnswered) CloudEventsCodec.decode(
                awaitPetition(petitionId, "vn.motcua.petition.answered.v1")).data();
        assertThat(late.onTime()).isFalse();
        assertThat(late.dueAt()).isEqualTo(local("2026-03-23T09:00"));
        ConsumerRecord<String, byte[]> rated = awaitPetition(petitionId, "vn.motcua.petition.rated.v1");
        assertThat(header(rated, "ce_subject")).isEqualTo(petitionId);
        assertThat(rated.key()).isEqualTo(petitionId);
    }

    @Test
    void aPetitionAnsweredInTimeIsOnTimeAndBadInputIsRefused() throws Exception {
        String office = "PY" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Reply<JsonNode> created = post("/api/v1/petitions", "{\"officeId\":\"" + office + "\",\"category\":\"phí\"}");
        String petitionId = created.json().path("petitionId").asString();
        assertThat(overduePetitions(office)).isEmpty();
        Reply<JsonNode> answered = post("/api/v1/petitions/" + petitionId + "/answer", "{}");
        assertThat(answered.json().path("onTime").asBoolean()).isTrue();

        assertProblem(post("/api/v1/petitions", "{\"officeId\":\"" + office
                + "\",\"category\":\"gọi lại 0912345678\"}"), 422, "category");
        assertProblem(post("/api/v1/petitions", "{\"officeId\":\"" + office + "\"}"), 400, "category");
        assertProblem(post("/api/v1/petitions", "{\"officeId\":\"" + office
                + "\",\"category\":\"x\",\"receivedAt\":\"2099-01-01T09:00:00+07:00\"}"), 422, "receivedAt");
        assertProblem(post("/api/v1/petitions/" + petitionId + "/rating", "{\"rating\":\"GREAT\"}"), 400, "rating");
        assertProblem(post("/api/v1/petitions/NOPE-" + office + "/answer", "{}"), 404, null);
        assertProblem(get("/api/v1/worklists/" + office + "/petitions?kind=due-soon"), 400, "kind");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM petition_view WHERE office_id = ?", Integer.class,
                office)).as("refused requests wrote nothing").isEqualTo(1);
    }

    private List<String> overduePetitions(String office) throws Exception {
        Reply<JsonNode> response = get("/api/v1/worklists/" + office + "/petitions?kind=overdue");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("truncated").asBoolean()).isFalse();
        List<String> ids = new ArrayList<>();
        response.json().path("petitions").forEach(p -> ids.add(p.path("petitionId").asString()));
        return ids;
    }

    private static synchronized ConsumerRecord<String, byte[]> awaitPetition(String petitionId, String ceType) {
        if (petitionReader == null) {
            petitionReader = topics().read(Topics.PETITION);
        }
        Predicate<ConsumerRecord<String, byte[]>> match = r -> petitionId.equals(r.key())
                && ceType.equals(header(r, "ce_type"));
        return petitionReader.await(match, Duration.ofSeconds(30));
    }
}
