package vn.motcua.intake.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.intake.support.Problems.assertProblem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, "bad input for every new field", the cases ContractOneOneIT does not name: the catalogue's
 * {@code onlinePayment} and {@code contentComplete} that are not booleans, an {@code effectiveAt} that is not a date,
 * bad values sent to a procedure that exists (it keeps what it had), and a receipt whose {@code reused} flag is
 * not a boolean. Each is a 400 problem+json naming the field, and nothing is written.
 */
class NewFieldsBadInputIT extends IntakeIntegrationBase {

    private static final Map<String, Object> BASE = Map.of("name", "Cấp bản sao", "field", "hộ tịch",
            "processingDays", 1, "onlineMode", "PARTIAL", "postal", false);

    private static String with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(BASE);
        body.put(field, value);
        return Fixtures.json(body);
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void catalogueFlagsAndDatesOfTheWrongTypeAreRefusedAndAnExistingProcedureKeepsItsFacts() {
        JsonHttp<JsonNode> api = api();
        String fresh = Fixtures.uniqueId("4.");
        assertProblem(api.put("/api/v1/procedures/" + fresh, with("onlinePayment", "yes")), 400, "onlinePayment");
        assertProblem(api.put("/api/v1/procedures/" + fresh, with("contentComplete", "maybe")), 400,
                "contentComplete");
        assertProblem(api.put("/api/v1/procedures/" + fresh, with("effectiveAt", "next month")), 400,
                "effectiveAt");
        assertProblem(api.put("/api/v1/procedures/" + fresh, with("publishedAt", "2024-02-30")), 400,
                "publishedAt");
        assertThat(count("SELECT count(*) FROM procedure WHERE code = ?", fresh)).isZero();

        // A procedure that exists keeps its fee, online payment and dates when a bad update is refused.
        String known = Fixtures.uniqueId("4.");
        Map<String, Object> good = new HashMap<>(BASE);
        good.putAll(Map.of("fee", 30000, "onlinePayment", true, "publishedAt", "2024-01-10"));
        assertThat(api.put("/api/v1/procedures/" + known, Fixtures.json(good)).status()).isEqualTo(201);
        for (String[] bad : new String[][] {{"fee", "-1"}, {"fee", "2.5"}, {"onlinePayment", "\"no\""},
                {"publishedAt", "\"" + java.time.LocalDate.now().plusDays(30) + "\""}}) {
            Map<String, Object> body = new HashMap<>(good);
            body.remove(bad[0]);
            String json = Fixtures.json(body);
            json = json.substring(0, json.length() - 1) + ",\"" + bad[0] + "\":" + bad[1] + "}";
            Reply<JsonNode> refused = api.put("/api/v1/procedures/" + known, json);
            assertThat(refused.status()).as(bad[0] + "=" + bad[1]).isIn(400, 422);
            assertProblem(refused, refused.status(), bad[0]);
        }
        var listed = api.get("/api/v1/procedures").json().valueStream()
                .filter(p -> p.get("code").asString().equals(known)).findFirst().orElseThrow();
        assertThat(listed.get("fee").asLong()).isEqualTo(30000);
        assertThat(listed.get("onlinePayment").asBoolean()).isTrue();
        assertThat(listed.get("publishedAt").asString()).isEqualTo("2024-01-10");
    }

    @Test
    void aReceiptWhoseReusedFlagIsNotABooleanIsRefusedAndWritesNothing() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "PARTIAL", false);
        long events = count("SELECT count(*) FROM domain_event_entry");
        for (Object flag : List.of("yes", List.of(true), Map.of("value", true))) {
            Map<String, Object> body = new HashMap<>(Map.of("officeId", office, "procedureCode", procedure,
                    "channel", "IN_PERSON", "receivedAt", "2025-03-10T09:00:00+07:00",
                    "applicant", Map.of("fullName", "Lê Thị Hoa", "idNumber", "079301001234")));
            body.put("documents", List.of(Map.of("name", "Tờ khai", "copies", 1, "digitised", true),
                    Map.of("name", "CCCD", "copies", 1, "reused", flag)));
            assertProblem(api.post("/api/v1/dossiers", Fixtures.json(body)), 400, "documents[1].reused");
        }
        assertThat(count("SELECT count(*) FROM dossier WHERE office_id = ?", office)).isZero();
        assertThat(count("SELECT count(*) FROM domain_event_entry")).isEqualTo(events);
    }
}
