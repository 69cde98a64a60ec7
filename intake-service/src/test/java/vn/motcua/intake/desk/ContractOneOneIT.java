package vn.motcua.intake.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.intake.support.Problems.assertProblem;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.KafkaEventPublisher;
import vn.motcua.events.LookupPin;
import vn.motcua.events.Outcome;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.events.Timeliness;
import vn.motcua.events.Topics;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Tokens;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;
import vn.motcua.testsupport.TopicProbe;

/** Contract 1.1 in intake (issues 11 and 14): catalogue facts, receipt counts and PIN, per-caller keys, the desk. */
class ContractOneOneIT extends IntakeIntegrationBase {

    private static Map<String, Object> dossier(String officeId, String procedure, String channel, String fullName,
                                               String idNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("officeId", officeId);
        body.put("procedureCode", procedure);
        body.put("channel", channel);
        body.put("receivedAt", "2025-03-10T09:00:00+07:00");
        body.put("applicant", Map.of("fullName", fullName, "idNumber", idNumber));
        body.put("documents", List.of(Map.of("name", "Tờ khai", "copies", 1, "digitised", true),
                Map.of("name", "CCCD", "copies", 1, "digitised", true, "reused", true),
                Map.of("name", "Giấy ủy quyền", "copies", 1)));
        return body;
    }

    private static <T> T event(String topic, String key, Class<T> type, java.util.function.Predicate<T> wanted) {
        var records = TopicProbe.await(bootstrapServers(), topic, r -> key.equals(r.key())
                && type.isInstance(CloudEventsCodec.decode(r).data())
                && wanted.test(type.cast(CloudEventsCodec.decode(r).data())), 1, Duration.ofSeconds(30));
        assertThat(records).as(type.getSimpleName() + " of " + key).hasSize(1);
        return type.cast(CloudEventsCodec.decode(records.get(0)).data());
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void procedureFactsRoundTripGoOnTheTopicAndStayUnknownWhenNotGiven() {
        JsonHttp<JsonNode> api = api();
        String code = Fixtures.uniqueId("2.");
        Map<String, Object> full = new HashMap<>(Map.of("name", "Cấp phép", "field", "xây dựng",
                "processingDays", 10, "onlineMode", "FULL", "postal", true, "fee", 150000, "onlinePayment", true));
        full.putAll(Map.of("decidedAt", "2024-01-05", "effectiveAt", "2024-02-01", "publishedAt", "2024-01-10",
                "contentComplete", true));
        Reply<JsonNode> put = api.put("/api/v1/procedures/" + code, Fixtures.json(full));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        var listed = api.get("/api/v1/procedures").json().valueStream()
                .filter(p -> p.get("code").asString().equals(code)).findFirst().orElseThrow();
        assertThat(listed.get("fee").asLong()).isEqualTo(150000);
        assertThat(listed.get("onlinePayment").asBoolean()).isTrue();
        assertThat(listed.get("decidedAt").asString()).isEqualTo("2024-01-05");
        assertThat(listed.get("effectiveAt").asString()).isEqualTo("2024-02-01");
        assertThat(listed.get("publishedAt").asString()).isEqualTo("2024-01-10");
        assertThat(listed.get("contentComplete").asBoolean()).isTrue();
        ProcedurePublished published = event(Topics.CATALOGUE, code, ProcedurePublished.class, p -> true);
        assertThat(published.fee()).isEqualTo(150000);
        assertThat(published.onlinePayment()).isTrue();
        assertThat(published.decidedOn()).isEqualTo(LocalDate.parse("2024-01-05"));
        assertThat(published.effectiveOn()).isEqualTo(LocalDate.parse("2024-02-01"));
        assertThat(published.madePublicOn()).isEqualTo(LocalDate.parse("2024-01-10"));
        assertThat(published.contentComplete()).isTrue();

        String plain = Fixtures.newProcedure(api, "1", "NONE", false);
        var bare = api.get("/api/v1/procedures").json().valueStream()
                .filter(p -> p.get("code").asString().equals(plain)).findFirst().orElseThrow();
        assertThat(bare.get("fee").asLong()).isZero();
        assertThat(bare.get("onlinePayment").asBoolean()).isFalse();
        assertThat(bare.get("publishedAt").isNull()).isTrue();
        assertThat(bare.get("contentComplete").isNull()).isTrue();

        // bad input: problem naming the field, nothing published
        String refused = Fixtures.uniqueId("2.");
        Map<String, Object> base = Map.of("name", "x", "field", "y", "processingDays", 1, "onlineMode", "NONE",
                "postal", false);
        assertProblem(api.put("/api/v1/procedures/" + refused, with(base, "fee", -1)), 400, "fee");
        assertProblem(api.put("/api/v1/procedures/" + refused, with(base, "fee", 1.5)), 400, "fee");
        assertProblem(api.put("/api/v1/procedures/" + refused, with(base, "fee", "free")), 400, "fee");
        assertProblem(api.put("/api/v1/procedures/" + refused,
                with(base, "publishedAt", LocalDate.now().plusDays(3).toString())), 422, "publishedAt");
        assertProblem(api.put("/api/v1/procedures/" + refused, with(base, "decidedAt", "yesterday")), 400,
                "decidedAt");
        assertThat(count("SELECT count(*) FROM procedure WHERE code = ?", refused)).isZero();
    }

    private static String with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> body = new HashMap<>(base);
        body.put(field, value);
        return Fixtures.json(body);
    }

    @Test
    void aTwoLevelTreeWithADepartmentReceivesAndSearchesAcrossTheSubtree() {
        JsonHttp<JsonNode> api = api();
        String province = Fixtures.newOffice(api, "PROVINCE", null);
        String department = Fixtures.newOffice(api, "DEPARTMENT", province);
        String commune = Fixtures.newOffice(api, "COMMUNE", province);
        var offices = api.get("/api/v1/offices").json().valueStream()
                .filter(o -> o.get("officeId").asString().equals(department)).findFirst().orElseThrow();
        assertThat(offices.get("level").asString()).isEqualTo("DEPARTMENT");
        assertThat(offices.get("parentId").asString()).isEqualTo(province);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", false);
        String name = "Lê Thị " + UUID.randomUUID().toString().substring(0, 6);
        Reply<JsonNode> atCommune = api.post("/api/v1/dossiers", Fixtures.json(dossier(commune, procedure, "ONLINE", name,
                "0380" + System.nanoTime() % 100000000L)));
        Reply<JsonNode> atDepartment = api.post("/api/v1/dossiers", Fixtures.json(dossier(department, procedure, "IN_PERSON",
                name, "0381" + System.nanoTime() % 100000000L)));
        assertThat(atCommune.status()).isEqualTo(201);
        assertThat(atDepartment.status()).isEqualTo(201);
        JsonHttp<JsonNode> provinceOfficer = api.as(Tokens.bearer("officer-p", List.of("officer"), List.of(province)));
        Reply<JsonNode> subtree = provinceOfficer.get("/api/v1/dossiers?officeId=" + province + "&scope=subtree");
        assertThat(subtree.status()).as(subtree.body()).isEqualTo(200);
        assertThat(subtree.json().get("total").asLong()).isEqualTo(2);
        Reply<JsonNode> self = provinceOfficer.get("/api/v1/dossiers?officeId=" + province);
        assertThat(self.json().get("total").asLong()).isZero();
        // a commune clerk cannot search the province
        assertThat(api.as(Tokens.bearer("clerk", commune)).get("/api/v1/dossiers?officeId=" + province).status())
                .isEqualTo(403);
    }

    @Test
    void aReceiptCountsItsDocumentsFreezesTheFeeAndShowsItsPinOnce() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String code = Fixtures.uniqueId("3.");
        assertThat(api.put("/api/v1/procedures/" + code, Fixtures.json(Map.of("name", "p", "field", "f",
                "processingDays", 1, "onlineMode", "PARTIAL", "postal", false, "fee", 50000,
                "onlinePayment", true))).status()).isEqualTo(201);
        String body = Fixtures.json(dossier(office, code, "ONLINE", "Phạm Văn Đức", "079201007777"));
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Reply<JsonNode> created = api.post("/api/v1/dossiers", body, key);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String pin = created.json().get("lookupPin").asString();
        assertThat(pin).hasSize(LookupPin.LENGTH);
        String dossierId = created.json().get("dossierId").asString();

        DossierReceived received = event(Topics.DOSSIER_INTAKE, dossierId, DossierReceived.class, e -> true);
        assertThat(received.revision()).isZero();
        assertThat(received.code()).isEqualTo(created.json().get("code").asString());
        assertThat(received.documents()).isEqualTo(3);
        assertThat(received.digitisedDocuments()).isEqualTo(2);
        assertThat(received.reusedDocuments()).isEqualTo(1);
        assertThat(received.fee()).isEqualTo(50000);
        assertThat(received.onlinePayment()).isTrue();
        assertThat(LookupPin.matches(pin, received.lookupVerifier())).isTrue();
        assertThat(LookupPin.matches("AAAAAAAA", received.lookupVerifier())).isFalse();
        // the PIN is stored nowhere in clear
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_id = ? AND lookup_verifier LIKE ?", dossierId,
                "%" + pin + "%")).isZero();
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND position(convert_to(?, 'UTF8') in payload) > 0", dossierId, pin)).isZero();

        // the same caller's repeat: 200, same body, no PIN
        Reply<JsonNode> repeat = api.post("/api/v1/dossiers", body, key);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().has("lookupPin")).isFalse();
        assertThat(repeat.json().get("dossierId").asString()).isEqualTo(dossierId);
        // the same key with another body: 422 naming the header, nothing written
        long before = count("SELECT count(*) FROM dossier WHERE office_id = ?", office);
        assertProblem(api.post("/api/v1/dossiers", Fixtures.json(dossier(office, code, "IN_PERSON", "Phạm Văn Đức",
                "079201007777")), key), 422, "Idempotency-Key");
        assertThat(count("SELECT count(*) FROM dossier WHERE office_id = ?", office)).isEqualTo(before);
        // the same key from another caller is another key: a dossier of its own
        Reply<JsonNode> other = api.as(Tokens.bearer("clerk-2", List.of("clerk"), List.of(office)))
                .post("/api/v1/dossiers", body, key);
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        assertThat(other.json().get("dossierId").asString()).isNotEqualTo(dossierId);

        // the record shows the flags and the frozen fee
        var record = api.get("/api/v1/dossiers/" + dossierId).json();
        assertThat(record.get("documents").get(1).get("reused").asBoolean()).isTrue();
        assertThat(record.get("fee").asLong()).isEqualTo(50000);
        // a flag that is not a boolean
        Map<String, Object> bad = dossier(office, code, "ONLINE", "x", "1");
        bad.put("documents", List.of(Map.of("name", "Tờ khai", "copies", 1, "digitised", "maybe")));
        assertProblem(api.post("/api/v1/dossiers", Fixtures.json(bad)), 400, "documents[0].digitised");
    }

    @Test
    void searchFindsByNameWithoutAccentsAndByIdNumberAuditsEveryHitAndLooksUpByCode() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "2", "NONE", false);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String idNumber = "0792" + (System.nanoTime() % 100000000L);
        Reply<JsonNode> created = api.post("/api/v1/dossiers", Fixtures.json(dossier(office, procedure, "IN_PERSON",
                "Nguyễn Thị Ánh " + unique, idNumber)));
        String dossierId = created.json().get("dossierId").asString();
        JsonHttp<JsonNode> clerk = api.as(Tokens.bearer("desk-clerk", List.of("clerk"), List.of(office)));

        Reply<JsonNode> byName = clerk.get("/api/v1/dossiers?officeId=" + office + "&q="
                + java.net.URLEncoder.encode("  NGUYEN thi   anh " + unique.toUpperCase(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(byName.status()).as(byName.body()).isEqualTo(200);
        assertThat(byName.json().get("total").asLong()).isEqualTo(1);
        var item = byName.json().get("items").get(0);
        assertThat(item.get("dossierId").asString()).isEqualTo(dossierId);
        assertThat(item.get("applicantName").asString()).isEqualTo("Nguyễn Thị Ánh " + unique);
        assertThat(item.get("dueAt").asString()).isNotBlank();
        Reply<JsonNode> byId = clerk.get("/api/v1/dossiers?officeId=" + office + "&q=" + idNumber);
        assertThat(byId.json().get("total").asLong()).isEqualTo(1);
        Reply<JsonNode> byCode = clerk.get("/api/v1/dossiers?officeId=" + office + "&q=" + created.json().get("code").asString());
        assertThat(byCode.json().get("total").asLong()).isEqualTo(1);
        Reply<JsonNode> partialName = clerk.get("/api/v1/dossiers?officeId=" + office + "&q=Nguyen");
        assertThat(partialName.json().get("total").asLong()).isZero();
        Reply<JsonNode> all = clerk.get("/api/v1/dossiers?officeId=" + office + "&from=2025-03-10&to=2025-03-10&size=5");
        assertThat(all.json().get("total").asLong()).isEqualTo(1);
        assertThat(all.json().get("size").asInt()).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM personal_data_audit WHERE dossier_id = ? AND action = 'SEARCH_HIT'"
                + " AND subject = 'desk-clerk'", dossierId)).isEqualTo(4);

        Reply<JsonNode> record = clerk.get("/api/v1/dossiers/by-code/" + created.json().get("code").asString());
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.json().get("dossierId").asString()).isEqualTo(dossierId);
        assertThat(count("SELECT count(*) FROM personal_data_audit WHERE dossier_id = ? AND action = 'READ_RECORD'"
                + " AND subject = 'desk-clerk'", dossierId)).isEqualTo(1);

        // erased: no longer found by name, the hit by code shows no name and is not an audited read
        assertThat(api.delete("/api/v1/dossiers/" + dossierId + "/applicant").status()).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM applicant_index WHERE dossier_id = ?", dossierId)).isZero();
        assertThat(clerk.get("/api/v1/dossiers?officeId=" + office + "&q=" + idNumber).json().get("total").asLong())
                .isZero();
        var erased = clerk.get("/api/v1/dossiers?officeId=" + office).json().get("items").get(0);
        assertThat(erased.get("applicantName").isNull()).isTrue();

        // bad input
        assertProblem(clerk.get("/api/v1/dossiers"), 400, "officeId");
        assertProblem(clerk.get("/api/v1/dossiers?officeId=" + office + "&size=0"), 400, "size");
        assertProblem(clerk.get("/api/v1/dossiers?officeId=" + office + "&scope=all"), 400, "scope");
        assertProblem(clerk.get("/api/v1/dossiers?officeId=" + office + "&from=10/3/2025"), 400, "from");
        Reply<JsonNode> unknown = clerk.get("/api/v1/dossiers/by-code/" + office + "-250310-9999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aCorrectionOfTheProcedureMovesTheDueDateAndPublishesTheNextRevision() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String oneDay = Fixtures.newProcedure(api, "1", "FULL", false);
        String fiveDays = Fixtures.newProcedure(api, "5", "FULL", false);
        String counterOnly = Fixtures.newProcedure(api, "5", "NONE", false);
        Reply<JsonNode> created = api.post("/api/v1/dossiers", Fixtures.json(dossier(office, oneDay, "ONLINE", "Võ Văn Tám",
                "079200001111")));
        String id = created.json().get("dossierId").asString();
        JsonHttp<JsonNode> clerk = api.as(Tokens.bearer("clerk-c", List.of("clerk"), List.of(office)));

        // bad input first: nothing changes
        assertProblem(clerk.post("/api/v1/dossiers/" + id + "/corrections", Fixtures.json(Map.of("procedureCode",
                fiveDays))), 400, "reason");
        assertProblem(clerk.post("/api/v1/dossiers/" + id + "/corrections", Fixtures.json(Map.of("procedureCode",
                "NO.SUCH", "reason", "nhầm thủ tục"))), 422, "procedureCode");
        assertProblem(clerk.post("/api/v1/dossiers/" + id + "/corrections", Fixtures.json(Map.of("procedureCode",
                counterOnly, "reason", "nhầm thủ tục"))), 422, "channel");
        assertProblem(clerk.post("/api/v1/dossiers/" + id + "/corrections", Fixtures.json(Map.of("receivedAt",
                OffsetDateTime.now().plusDays(2).toString(), "reason", "giờ"))), 400, "receivedAt");
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", id)).isEqualTo(1);
        Reply<JsonNode> unknown = clerk.post("/api/v1/dossiers/" + UUID.randomUUID() + "/corrections",
                Fixtures.json(Map.of("reason", "x")));
        assertThat(unknown.status()).isEqualTo(404);

        Reply<JsonNode> corrected = clerk.post("/api/v1/dossiers/" + id + "/corrections", Fixtures.json(Map.of(
                "procedureCode", fiveDays, "reason", "nhầm thủ tục",
                "applicant", Map.of("fullName", "Võ Văn Tám Em", "idNumber", "079200002222"))));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(corrected.json().get("procedureCode").asString()).isEqualTo(fiveDays);
        assertThat(corrected.json().get("revision").asInt()).isEqualTo(1);
        assertThat(corrected.json().get("applicant").get("fullName").asString()).isEqualTo("Võ Văn Tám Em");
        assertThat(OffsetDateTime.parse(corrected.json().get("dueAt").asString()))
                .isEqualTo(OffsetDateTime.parse("2025-03-17T09:00:00+07:00"));
        assertThat(corrected.json().get("code").asString()).isEqualTo(created.json().get("code").asString());
        DossierReceived revision = event(Topics.DOSSIER_INTAKE, id, DossierReceived.class, e -> e.revision() == 1);
        assertThat(revision.procedureCode()).isEqualTo(fiveDays);
        assertThat(revision.dueAt()).isEqualTo(Instant.parse("2025-03-17T02:00:00Z"));
        assertThat(revision.documents()).isEqualTo(3);
        // the applicant is found by the corrected ID number, not the old one
        assertThat(clerk.get("/api/v1/dossiers?officeId=" + office + "&q=079200002222").json().get("total").asLong())
                .isEqualTo(1);
        assertThat(clerk.get("/api/v1/dossiers?officeId=" + office + "&q=079200001111").json().get("total").asLong())
                .isZero();
    }

    @Test
    void aSearchByNameOrIdNumberFollowsACorrectedReceiptTimeAndStaysInItsOffices() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String other = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "5", "FULL", false);
        String id = api.post("/api/v1/dossiers", Fixtures.json(dossier(office, procedure, "ONLINE", "Lò Thị Ngân",
                "079200003333"))).json().get("dossierId").asString();
        api.post("/api/v1/dossiers", Fixtures.json(dossier(other, procedure, "ONLINE", "Lò Thị Ngân", "079200004444")));
        JsonHttp<JsonNode> clerk = api.as(Tokens.bearer("clerk-d", List.of("clerk"), List.of(office)));
        String byName = "/api/v1/dossiers?officeId=" + office + "&q=" + URLEncoder.encode("lo thi ngan",
                StandardCharsets.UTF_8);
        // the namesake in the other office is not a hit of this office's search
        assertThat(clerk.get(byName).json().get("total").asLong()).isEqualTo(1);
        assertThat(clerk.get(byName + "&from=2025-03-10&to=2025-03-10").json().get("total").asLong()).isEqualTo(1);

        Reply<JsonNode> corrected = clerk.post("/api/v1/dossiers/" + id + "/corrections", Fixtures.json(Map.of(
                "receivedAt", "2025-03-07T15:00:00+07:00", "reason", "nhập sai ngày")));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(clerk.get(byName + "&from=2025-03-10&to=2025-03-10").json().get("total").asLong()).isZero();
        Reply<JsonNode> moved = clerk.get(byName + "&from=2025-03-07&to=2025-03-07");
        assertThat(moved.json().get("total").asLong()).isEqualTo(1);
        assertThat(moved.json().get("items").get(0).get("dossierId").asString()).isEqualTo(id);
        assertThat(clerk.get("/api/v1/dossiers?officeId=" + office + "&q=079200003333&to=2025-03-07").json()
                .get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aResolvedDossierKeepsItsProcedureAndCannotBeCancelled() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", false);
        String other = Fixtures.newProcedure(api, "3", "FULL", false);
        String id = api.post("/api/v1/dossiers", Fixtures.json(dossier(office, procedure, "ONLINE", "Đặng Văn Ba",
                "079200003333"))).json().get("dossierId").asString();
        try (KafkaEventPublisher workflow = new KafkaEventPublisher(bootstrapServers(), "workflow-test")) {
            workflow.publish(EventEnvelope.of(UUID.randomUUID(), "/motcua/workflow", new DossierResolved(id, office,
                    Outcome.APPROVED, null, Timeliness.ON_TIME, Instant.parse("2025-03-11T02:00:00Z"),
                    Instant.parse("2025-03-10T08:00:00Z"))));
        }
        String change = Fixtures.json(Map.of("procedureCode", other, "reason", "nhầm thủ tục"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.post("/api/v1/dossiers/" + id + "/corrections", change).status()).isEqualTo(409));
        // The refusal names the field and writes nothing: no event, the row as it was (revision 0).
        long events = count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", id);
        Reply<JsonNode> refused = api.post("/api/v1/dossiers/" + id + "/corrections", change);
        assertProblem(refused, 409, "procedureCode");
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", id))
                .isEqualTo(events);
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_id = ? AND revision = 0 AND procedure_code = ?",
                id, procedure)).isEqualTo(1);
        assertThat(api.post("/api/v1/dossiers/" + id + "/cancellation", Fixtures.json(Map.of("reason", "nhầm")))
                .status()).isEqualTo(409);
        assertThat(api.get("/api/v1/dossiers/" + id).json().get("procedureCode").asString()).isEqualTo(procedure);
        // the applicant can still be corrected
        assertThat(api.post("/api/v1/dossiers/" + id + "/corrections", Fixtures.json(Map.of("reason", "chính tả",
                "applicant", Map.of("fullName", "Đặng Văn Bá")))).status()).isEqualTo(200);
    }

    @Test
    void aCancellationIsPublishedOnceAndEndsCorrections() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", false);
        String id = api.post("/api/v1/dossiers", Fixtures.json(dossier(office, procedure, "ONLINE", "Bùi Thị Tư",
                "079200004444"))).json().get("dossierId").asString();
        JsonHttp<JsonNode> clerk = api.as(Tokens.bearer("clerk-x", List.of("clerk"), List.of(office)));
        assertProblem(clerk.post("/api/v1/dossiers/" + id + "/cancellation", Fixtures.json(Map.of())), 400, "reason");
        assertProblem(clerk.post("/api/v1/dossiers/" + id + "/cancellation",
                Fixtures.json(Map.of("reason", "gọi 0901234567"))), 422, "reason");
        assertThat(clerk.post("/api/v1/dossiers/" + UUID.randomUUID() + "/cancellation",
                Fixtures.json(Map.of("reason", "nhầm"))).status()).isEqualTo(404);
        assertThat(count("SELECT count(*) FROM dossier WHERE dossier_id = ? AND cancelled_at IS NOT NULL", id))
                .isZero();

        Reply<JsonNode> cancelled = clerk.post("/api/v1/dossiers/" + id + "/cancellation",
                Fixtures.json(Map.of("reason", "tiếp nhận nhầm")));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("cancelled").asBoolean()).isTrue();
        DossierCancelled event = event(Topics.DOSSIER_INTAKE, id, DossierCancelled.class, e -> true);
        assertThat(event.reason()).isEqualTo("tiếp nhận nhầm");
        assertThat(event.officeId()).isEqualTo(office);
        assertThat(clerk.post("/api/v1/dossiers/" + id + "/cancellation", Fixtures.json(Map.of("reason", "lại")))
                .status()).isEqualTo(409);
        assertThat(clerk.post("/api/v1/dossiers/" + id + "/corrections", Fixtures.json(Map.of("reason", "lại",
                "channel", "IN_PERSON"))).status()).isEqualTo(409);
    }
}
