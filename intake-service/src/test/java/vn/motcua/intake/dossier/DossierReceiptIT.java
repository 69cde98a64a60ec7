package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.Topics;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.testsupport.TopicProbe;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;
import static vn.motcua.intake.support.Concurrently.concurrently;

class DossierReceiptIT extends IntakeIntegrationBase {

    static Map<String, Object> dossier(String officeId, String procedureCode, String channel, String receivedAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("officeId", officeId);
        body.put("procedureCode", procedureCode);
        body.put("channel", channel);
        if (receivedAt != null) {
            body.put("receivedAt", receivedAt);
        }
        body.put("applicant", Map.of("fullName", "Nguyễn Văn An", "idNumber", "079201001234",
                "phone", "0901234567", "address", "12 Lê Lợi, Phường 1, Vũng Tàu"));
        body.put("documents", List.of(Map.of("name", "Tờ khai", "copies", 1),
                Map.of("name", "Giấy chứng sinh", "copies", 2)));
        return body;
    }

    @Test
    void aReceivedDossierGetsItsCodeAndDueDateAcrossTheWeekend() {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "PARTIAL", true);

        Reply<JsonNode> friday = api.post("/api/v1/dossiers",
                Fixtures.json(dossier(officeId, procedure, "IN_PERSON", "2024-03-08T16:00:00+07:00")));

        assertThat(friday.status()).as(friday.body()).isEqualTo(201);
        assertThat(friday.json().get("code").asString()).isEqualTo(officeId + "-240308-0001");
        assertThat(OffsetDateTime.parse(friday.json().get("dueAt").asString()))
                .isEqualTo(OffsetDateTime.parse("2024-03-11T16:00:00+07:00"));
        assertThat(OffsetDateTime.parse(friday.json().get("receivedAt").asString()))
                .isEqualTo(OffsetDateTime.parse("2024-03-08T16:00:00+07:00"));
        assertThat(UUID.fromString(friday.json().get("dossierId").asString())).isNotNull();
        assertThat(friday.json().get("officeId").asString()).isEqualTo(officeId);
        assertThat(friday.json().get("procedureCode").asString()).isEqualTo(procedure);
        assertThat(friday.json().get("channel").asString()).isEqualTo("IN_PERSON");

        // contract 1.1: ONLINE only for a procedure offered online (this test once received it for NONE)
        String counterOnly = Fixtures.newProcedure(api, "3", "NONE", false);
        vn.motcua.intake.support.Problems.assertProblem(api.post("/api/v1/dossiers",
                Fixtures.json(dossier(officeId, counterOnly, "ONLINE", "2024-03-11T09:00:00+07:00"))), 422, "channel");
        String threeDays = Fixtures.newProcedure(api, "3", "PARTIAL", false);
        Reply<JsonNode> monday = api.post("/api/v1/dossiers",
                Fixtures.json(dossier(officeId, threeDays, "ONLINE", "2024-03-11T09:00:00+07:00")));
        assertThat(monday.status()).isEqualTo(201);
        assertThat(monday.json().get("code").asString()).isEqualTo(officeId + "-240311-0001");
        assertThat(OffsetDateTime.parse(monday.json().get("dueAt").asString()))
                .isEqualTo(OffsetDateTime.parse("2024-03-14T09:00:00+07:00"));
    }

    @Test
    void tetHolidaysAreSkipped() {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "2", "FULL", true);
        Reply<JsonNode> r = api.post("/api/v1/dossiers",
                Fixtures.json(dossier(officeId, procedure, "POSTAL", "2020-01-22T09:00:00+07:00")));
        assertThat(r.status()).isEqualTo(201);
        assertThat(OffsetDateTime.parse(r.json().get("dueAt").asString())).isEqualTo(OffsetDateTime.parse("2020-01-31T09:00:00+07:00"));
    }

    @Test
    void anOfficesOwnDaysOffMoveItsDueDates() {
        // calendar-overrides/HOVR.1.csv closes this office on Monday 11/3/2024
        JsonHttp<JsonNode> api = api();
        Reply<JsonNode> office = api.put("/api/v1/offices/HOVR.1", Fixtures.json(Map.of("name", "x", "level", "COMMUNE")));
        assertThat(office.status()).isIn(200, 201);
        String procedure = Fixtures.newProcedure(api, "1", "NONE", false);
        Reply<JsonNode> r = api.post("/api/v1/dossiers",
                Fixtures.json(dossier("HOVR.1", procedure, "IN_PERSON", "2024-03-08T16:00:00+07:00")));
        assertThat(OffsetDateTime.parse(r.json().get("dueAt").asString())).isEqualTo(OffsetDateTime.parse("2024-03-12T16:00:00+07:00"));
    }

    @Test
    void theIntakeRecordKeepsTheApplicantAndDocuments() {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "5", "FULL", false);
        Reply<JsonNode> created = api.post("/api/v1/dossiers", Fixtures.json(dossier(officeId, procedure, "ONLINE", null)));
        assertThat(created.status()).isEqualTo(201);

        Reply<JsonNode> record = api.get("/api/v1/dossiers/" + created.json().get("dossierId").asString());
        assertThat(record.status()).isEqualTo(200);
        var json = record.json();
        assertThat(json.get("code").asString()).isEqualTo(created.json().get("code").asString());
        assertThat(json.get("applicant").get("fullName").asString()).isEqualTo("Nguyễn Văn An");
        assertThat(json.get("applicant").get("idNumber").asString()).isEqualTo("079201001234");
        assertThat(json.get("documents").size()).isEqualTo(2);
        assertThat(json.get("documents").get(1).get("copies").asInt()).isEqualTo(2);
        assertThat(json.get("field").asString()).isEqualTo("hộ tịch");
        assertThat(json.get("onlineEligible").asBoolean()).isTrue();

        Reply<JsonNode> unknown = api.get("/api/v1/dossiers/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void dossierReceivedIsPublishedWithoutAnyApplicantData() {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1.5", "NONE", true);
        Reply<JsonNode> created = api.post("/api/v1/dossiers",
                Fixtures.json(dossier(officeId, procedure, "POSTAL", "2024-03-11T09:00:00+07:00")));
        assertThat(created.status()).isEqualTo(201);
        String dossierId = created.json().get("dossierId").asString();

        List<ConsumerRecord<String, byte[]>> records = TopicProbe.await(bootstrapServers(), Topics.DOSSIER_INTAKE,
                r -> dossierId.equals(r.key()), 1, Duration.ofSeconds(30));

        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("vn.motcua.dossier.received.v1");
        assertThat(TopicProbe.header(record, "ce_source")).isEqualTo("/motcua/intake");
        assertThat(TopicProbe.header(record, "ce_subject")).isEqualTo(dossierId);
        assertThat(TopicProbe.header(record, "ce_time")).isEqualTo("2024-03-11T02:00:00Z");
        assertThat(UUID.fromString(TopicProbe.header(record, "ce_id"))).isNotNull();
        assertThat(TopicProbe.header(record, "content-type")).isEqualTo("application/json");

        String value = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(value).doesNotContain("applicant", "fullName", "idNumber", "phone", "address",
                "Nguyễn Văn An", "079201001234", "0901234567", "Lê Lợi");
        EventEnvelope envelope = CloudEventsCodec.decode(record);
        DossierReceived received = (DossierReceived) envelope.data();
        assertThat(received.code()).isEqualTo(created.json().get("code").asString());
        assertThat(received.officeId()).isEqualTo(officeId);
        assertThat(received.channel()).isEqualTo(Channel.POSTAL);
        assertThat(received.onlineEligible()).isFalse();
        assertThat(received.field()).isEqualTo("hộ tịch");
        assertThat(received.processingDays()).isEqualByComparingTo("1.5");
        assertThat(received.dueAt()).isEqualTo(OffsetDateTime.parse(created.json().get("dueAt").asString()).toInstant());
    }

    @Test
    void aRepeatedRequestAnswersTheFirstDossierAndCreatesNothing() {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", true);
        String body = Fixtures.json(dossier(officeId, procedure, "ONLINE", "2024-03-11T09:00:00+07:00"));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Reply<JsonNode> first = api.post("/api/v1/dossiers", body, key);
        Reply<JsonNode> again = api.post("/api/v1/dossiers", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        // the same body, but the lookup PIN is shown once: it is not stored, so a repeat cannot show it again
        assertThat(first.json().has("lookupPin")).isTrue();
        assertThat(again.json()).isEqualTo(withoutPin(first));
        assertThat(dossiersOf(officeId)).isEqualTo(1);

        // the integrator's own reference identifies a repeat too, per office
        Map<String, Object> withRef = dossier(officeId, procedure, "ONLINE", "2024-03-11T10:00:00+07:00");
        withRef.put("externalRef", "DVC-000123");
        Reply<JsonNode> byRef = api.post("/api/v1/dossiers", Fixtures.json(withRef));
        Reply<JsonNode> byRefAgain = api.post("/api/v1/dossiers", Fixtures.json(withRef));
        assertThat(byRef.status()).isEqualTo(201);
        assertThat(byRefAgain.status()).isEqualTo(200);
        assertThat(byRefAgain.json()).isEqualTo(withoutPin(byRef));
        assertThat(dossiersOf(officeId)).isEqualTo(2);

        // the same reference at another office is another dossier
        String otherOffice = Fixtures.newOffice(api);
        withRef.put("officeId", otherOffice);
        assertThat(api.post("/api/v1/dossiers", Fixtures.json(withRef)).status()).isEqualTo(201);
    }

    static tools.jackson.databind.JsonNode withoutPin(Reply<JsonNode> r) {
        var json = (tools.jackson.databind.node.ObjectNode) r.json();
        json.remove("lookupPin");
        return json;
    }

    @Test
    void racingRepeatsCreateOneDossier() throws Exception {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", true);
        String body = Fixtures.json(dossier(officeId, procedure, "ONLINE", null));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        List<Reply<JsonNode>> responses = concurrently(6, () -> api.post("/api/v1/dossiers", body, key));

        assertThat(responses).extracting(Reply::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).extracting(r -> r.json().get("dossierId").asString()).containsOnly(responses.get(0).json().get("dossierId").asString());
        assertThat(dossiersOf(officeId)).isEqualTo(1);
        // the losers gave their sequence numbers back: the next dossier of the day is number 2
        Reply<JsonNode> next = api.post("/api/v1/dossiers", Fixtures.json(dossier(officeId, procedure, "ONLINE", null)));
        assertThat(next.json().get("code").asString()).endsWith("-0002");
    }

    @Test
    void theDailySequenceNeitherRepeatsNorSkipsUnderConcurrentClients() throws Exception {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", true);
        int clients = 8;
        int perClient = 10;

        List<List<String>> codes = concurrently(clients, () -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < perClient; i++) {
                Reply<JsonNode> r = api.post("/api/v1/dossiers",
                        Fixtures.json(dossier(officeId, procedure, "IN_PERSON", "2024-03-12T10:00:00+07:00")));
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                mine.add(r.json().get("code").asString());
            }
            return mine;
        });

        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= clients * perClient; n++) {
            expected.add(String.format("%s-240312-%04d", officeId, n));
        }
        assertThat(codes.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private int dossiersOf(String officeId) {
        return jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, officeId);
    }
}
