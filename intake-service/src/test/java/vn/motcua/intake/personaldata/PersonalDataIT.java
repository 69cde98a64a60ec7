package vn.motcua.intake.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.motcua.intake.support.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.personaldata.PersonalDataCipher.UnreadableException;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Tokens;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Personal data end to end over HTTP with real tokens: sealed at rest (record and event store), every read audited
 * with its subject, erasure by destroying the data key, retention. The applicant's values are unique per test, so
 * a scan of the whole database for them finds only this test's dossier.
 */
class PersonalDataIT extends IntakeIntegrationBase {

    @Autowired
    PersonalDataCipher cipher;

    @Autowired
    RetentionPolicy retention;

    private record Applicant(String fullName, String idNumber, String phone, String address) {
        List<String> values() {
            return List.of(fullName, idNumber, phone, address);
        }
    }

    private static Applicant uniqueApplicant() {
        String n = String.format("%09d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L));
        return new Applicant("Phạm Thị Riêng " + n, "079" + n, "09" + n.substring(1), n + " Đường Bí Mật, Quận 1");
    }

    private static String receive(JsonHttp<JsonNode> api, String officeId, String procedure, String receivedAt, Applicant a) {
        Map<String, Object> body = new HashMap<>();
        body.put("officeId", officeId);
        body.put("procedureCode", procedure);
        body.put("channel", "IN_PERSON");
        body.put("receivedAt", receivedAt);
        body.put("applicant", Map.of("fullName", a.fullName(), "idNumber", a.idNumber(), "phone", a.phone(),
                "address", a.address()));
        body.put("documents", List.of(Map.of("name", "Tờ khai", "copies", 1)));
        Reply<JsonNode> r = api.post("/api/v1/dossiers", Fixtures.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("dossierId").asString();
    }

    @Test
    void afterErasureNoApplicantValueCanBeReadFromAnyTableTheEventStoreOrTheSlip() {
        JsonHttp<JsonNode> admin = api();
        String officeId = Fixtures.newOffice(admin);
        String procedure = Fixtures.newProcedure(admin, "2", "PARTIAL", false);
        Applicant applicant = uniqueApplicant();
        String dossierId = receive(admin.as(Tokens.bearer("clerk-desk-1", List.of("clerk"), List.of(officeId))),
                officeId, procedure, "2024-03-11T09:00:00+07:00", applicant);

        // Reads by three callers, each recorded with its subject.
        JsonHttp<JsonNode> clerk = admin.as(Tokens.bearer("clerk-desk-2", List.of("clerk"), List.of(officeId)));
        JsonHttp<JsonNode> officer = admin.as(Tokens.bearer("officer-hoa", List.of("officer"), List.of(officeId)));
        Reply<JsonNode> record = clerk.get("/api/v1/dossiers/" + dossierId);
        assertThat(record.status()).isEqualTo(200);
        assertThat(record.json().get("applicant").get("idNumber").asString()).isEqualTo(applicant.idNumber());
        assertThat(record.json().get("applicantErased").asBoolean()).isFalse();
        Reply<JsonNode> slip = officer.get("/api/v1/dossiers/" + dossierId + "/receipt");
        assertThat(slip.body()).contains(applicant.fullName(), applicant.phone());
        assertThat(admin.get("/api/v1/dossiers/" + dossierId).status()).isEqualTo(200);

        // At rest the values are sealed: no table holds them in clear even before erasure (the scan does find what
        // is stored in clear: the dossier's id).
        assertThat(tablesHolding(List.of(dossierId))).contains("\"dossier\".\"dossier_id\" holds " + dossierId);
        assertThat(tablesHolding(applicant.values())).isEmpty();
        String sealedInEvent = sealedApplicantOfEvent(dossierId);
        byte[] wrappedKey = jdbc.queryForObject("SELECT wrapped_key FROM applicant_key WHERE dossier_id = ?",
                byte[].class, dossierId);
        assertThat(new String(cipher.open(dossierId, wrappedKey, Base64.getDecoder().decode(sealedInEvent)),
                StandardCharsets.UTF_8)).contains(applicant.idNumber());   // the oracle: it opens while the key lives

        Reply<JsonNode> erased = admin.delete("/api/v1/dossiers/" + dossierId + "/applicant");
        assertThat(erased.status()).as(erased.body()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/dossiers/" + dossierId + "/applicant").status()).isEqualTo(204);

        // The record: no applicant, marked erased, everything else as it was.
        JsonNode after = admin.get("/api/v1/dossiers/" + dossierId).json();
        assertThat(after.get("applicant").isNull()).isTrue();
        assertThat(after.get("applicantErased").asBoolean()).isTrue();
        for (String field : List.of("code", "officeId", "procedureCode", "channel", "receivedAt", "dueAt", "field",
                "documents", "processingDays", "onlineEligible")) {
            assertThat(after.get(field)).as(field).isEqualTo(record.json().get(field));
        }
        // The slip: nothing of the applicant, the rest intact.
        Reply<JsonNode> slipAfter = officer.get("/api/v1/dossiers/" + dossierId + "/receipt");
        assertThat(slipAfter.status()).isEqualTo(200);
        assertThat(slipAfter.body()).doesNotContain(applicant.fullName(), applicant.idNumber(), applicant.phone(),
                applicant.address(), "Số điện thoại").contains(after.get("code").asString(), "Tờ khai", "đã được xoá");

        // Intake's tables: no value anywhere, no key, no ciphertext beside the record.
        assertThat(tablesHolding(applicant.values())).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM applicant_key WHERE dossier_id = ?", Integer.class,
                dossierId)).isZero();
        assertThat(jdbc.queryForObject("SELECT applicant_sealed IS NULL AND applicant_erased_at IS NOT NULL"
                + " FROM dossier WHERE dossier_id = ?", Boolean.class, dossierId)).isTrue();
        // The event store keeps the same ciphertext, and nothing opens it any more: its key is gone, and no other
        // dossier's key (nor the master key alone) fits it.
        assertThat(sealedApplicantOfEvent(dossierId)).isEqualTo(sealedInEvent);
        byte[] ciphertext = Base64.getDecoder().decode(sealedInEvent);
        List<byte[]> otherKeys = jdbc.queryForList("SELECT wrapped_key FROM applicant_key LIMIT 20", byte[].class);
        assertThat(otherKeys).isNotEmpty();
        for (byte[] key : otherKeys) {
            assertThatThrownBy(() -> cipher.open(dossierId, key, ciphertext)).isInstanceOf(UnreadableException.class);
        }
        assertThatThrownBy(() -> cipher.open(dossierId, wrappedKey, new byte[0]))
                .isInstanceOf(UnreadableException.class);

        // The audit: every earlier read with its subject, then the erasures, oldest first; reads after the erasure
        // showed no personal data and are not reads of it.
        Reply<JsonNode> audit = admin.get("/api/v1/audit/personal-data?dossierId=" + dossierId);
        assertThat(audit.status()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        OffsetDateTime previous = OffsetDateTime.MIN;
        for (JsonNode entry : audit.json()) {
            assertThat(entry.get("dossierId").asString()).isEqualTo(dossierId);
            OffsetDateTime at = OffsetDateTime.parse(entry.get("at").asString());
            assertThat(at).isAfterOrEqualTo(previous);
            previous = at;
            lines.add(entry.get("subject").asString() + " " + entry.get("action").asString());
        }
        assertThat(lines).containsExactly(
                "clerk-desk-2 READ_RECORD",
                "officer-hoa READ_RECEIPT_SLIP",
                "test-admin READ_RECORD",
                "test-admin ERASE",
                "test-admin ERASE");
    }

    @Test
    void anUnknownDossierCannotBeErased() {
        Reply<JsonNode> r = api().delete("/api/v1/dossiers/" + UUID.randomUUID() + "/applicant");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theAuditNeedsADossierId() {
        assertProblem(api().get("/api/v1/audit/personal-data"), 400, "dossierId");
        assertProblem(api().get("/api/v1/audit/personal-data?dossierId="), 400, "dossierId");
        Reply<JsonNode> none = api().get("/api/v1/audit/personal-data?dossierId=" + UUID.randomUUID());
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().size()).isZero();
    }

    @Test
    void retentionErasesTheDossiersReceivedLongerAgoThanThePeriodAndKeepsTheYoungerOnes() {
        JsonHttp<JsonNode> admin = api();
        String officeId = Fixtures.newOffice(admin);
        String procedure = Fixtures.newProcedure(admin, "1", "NONE", false);
        Applicant old = uniqueApplicant();
        Applicant young = uniqueApplicant();
        String oldId = receive(admin, officeId, procedure, "2010-06-01T09:00:00+07:00", old);
        String youngId = receive(admin, officeId, procedure, "2010-06-15T09:00:00+07:00", young);

        // Five years after receipt, as of 8 June 2015: the first is past it, the second not yet.
        int erased = retention.eraseExpired(Period.ofYears(5), OffsetDateTime.parse("2015-06-08T00:00:00+07:00")
                .toInstant());

        assertThat(erased).isGreaterThanOrEqualTo(1);
        JsonNode oldRecord = admin.get("/api/v1/dossiers/" + oldId).json();
        assertThat(oldRecord.get("applicant").isNull()).isTrue();
        assertThat(oldRecord.get("applicantErased").asBoolean()).isTrue();
        assertThat(oldRecord.get("code").asString()).isNotBlank();
        JsonNode youngRecord = admin.get("/api/v1/dossiers/" + youngId).json();
        assertThat(youngRecord.get("applicantErased").asBoolean()).isFalse();
        assertThat(youngRecord.get("applicant").get("fullName").asString()).isEqualTo(young.fullName());
        assertThat(tablesHolding(old.values())).isEmpty();
        assertThat(jdbc.queryForList("SELECT subject || ' ' || action FROM personal_data_audit WHERE dossier_id = ?"
                + " ORDER BY id", String.class, oldId)).containsExactly("retention-policy ERASE");
        // A second run finds nothing new to erase among these.
        retention.eraseExpired(Period.ofYears(5), OffsetDateTime.parse("2015-06-08T00:00:00+07:00").toInstant());
        assertThat(jdbc.queryForList("SELECT action FROM personal_data_audit WHERE dossier_id = ?", String.class,
                oldId)).hasSize(1);
    }

    /** The JSON payload of the dossier's event in the event store; asserts it holds no plain applicant. */
    private String sealedApplicantOfEvent(String dossierId) {
        byte[] payload = jdbc.queryForObject("""
                        SELECT payload FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND sequence_number = 0""", byte[].class, dossierId);
        JsonNode json = Fixtures.JSON.readTree(payload);
        assertThat(json.has("applicant")).isFalse();
        assertThat(json.get("dossierId").asString()).isEqualTo(dossierId);
        return json.get("sealedApplicant").asString();
    }

    /**
     * Every "table.column" of intake's schema in which any of the values occurs: text columns compared as text,
     * binary ones (event payloads, metadata, tokens) searched for the UTF-8 bytes.
     */
    private List<String> tablesHolding(List<String> values) {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'""");
        assertThat(columns).extracting(c -> c.get("table_name"))
                .contains("dossier", "domain_event_entry", "applicant_key", "personal_data_audit");
        List<String> found = new ArrayList<>();
        for (Map<String, Object> c : columns) {
            String column = "\"" + c.get("table_name") + "\".\"" + c.get("column_name") + "\"";
            boolean binary = "bytea".equals(c.get("data_type"));
            for (String value : values) {
                String sql = binary
                        ? "SELECT count(*) FROM \"" + c.get("table_name") + "\" WHERE position(convert_to(?, 'UTF8') in \""
                        + c.get("column_name") + "\") > 0"
                        : "SELECT count(*) FROM \"" + c.get("table_name") + "\" WHERE CAST(\"" + c.get("column_name")
                        + "\" AS TEXT) LIKE '%' || ? || '%'";
                Integer n = jdbc.queryForObject(sql, Integer.class, value);
                if (n != null && n > 0) {
                    found.add(column + " holds " + value);
                }
            }
        }
        return found;
    }
}
