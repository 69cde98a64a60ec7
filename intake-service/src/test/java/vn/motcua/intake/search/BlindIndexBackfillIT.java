package vn.motcua.intake.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.motcua.intake.dossier.BlindIndexBackfill;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Tokens;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import tools.jackson.databind.JsonNode;

/**
 * Dossiers received before the blind index existed (sealed applicants without {@code applicant_index} rows) become
 * findable by name and ID number once the back-fill has run; a second run adds nothing; an erased applicant is
 * never indexed again.
 */
class BlindIndexBackfillIT extends IntakeIntegrationBase {
    @Autowired
    BlindIndexBackfill backfill;

    private static Map<String, Object> dossier(String office, String procedure, String fullName, String idNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("officeId", office);
        body.put("procedureCode", procedure);
        body.put("channel", "IN_PERSON");
        body.put("applicant", Map.of("fullName", fullName, "idNumber", idNumber));
        body.put("documents", List.of(Map.of("name", "Tờ khai", "copies", 1)));
        return body;
    }

    private long entries(String dossierId) {
        return jdbc.queryForObject("SELECT count(*) FROM applicant_index WHERE dossier_id = ?", Long.class, dossierId);
    }

    @Test
    void dossiersWithoutBlindIndexEntriesBecomeSearchableOnceAndErasedOnesStayOut() {
        JsonHttp<JsonNode> api = api();
        String office = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "2", "NONE", false);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String name = "Trần Văn Đông " + unique;
        String idNumber = "0793" + (System.nanoTime() % 100000000L);
        String old = api.post("/api/v1/dossiers", Fixtures.json(dossier(office, procedure, name, idNumber)))
                .json().get("dossierId").asString();
        String erased = api.post("/api/v1/dossiers", Fixtures.json(dossier(office, procedure, name, idNumber + "9")))
                .json().get("dossierId").asString();
        assertThat(api.delete("/api/v1/dossiers/" + erased + "/applicant").status()).isEqualTo(204);
        // As received before migration 6: sealed, no entries.
        jdbc.update("DELETE FROM applicant_index WHERE dossier_id = ?", old);
        JsonHttp<JsonNode> clerk = api.as(Tokens.bearer("backfill-clerk", List.of("clerk"), List.of(office)));
        String byName = "/api/v1/dossiers?officeId=" + office + "&q="
                + URLEncoder.encode("tran van dong " + unique, StandardCharsets.UTF_8);
        String byId = "/api/v1/dossiers?officeId=" + office + "&q=" + idNumber;
        assertThat(clerk.get(byName).json().get("total").asLong()).isZero();
        assertThat(clerk.get(byId).json().get("total").asLong()).isZero();

        assertThat(backfill.run()).isGreaterThanOrEqualTo(1);
        assertThat(entries(old)).isEqualTo(2);
        assertThat(entries(erased)).isZero();
        var found = clerk.get(byName).json();
        assertThat(found.get("total").asLong()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("dossierId").asString()).isEqualTo(old);
        assertThat(clerk.get(byId).json().get("items").get(0).get("dossierId").asString()).isEqualTo(old);

        // Idempotent: a second run finds nothing left to index and changes nothing.
        assertThat(backfill.run()).isZero();
        assertThat(entries(old)).isEqualTo(2);
        assertThat(entries(erased)).isZero();
    }
}
