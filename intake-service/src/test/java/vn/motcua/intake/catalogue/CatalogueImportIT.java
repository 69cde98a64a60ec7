package vn.motcua.intake.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.intake.support.IntakeIntegrationBase;

class CatalogueImportIT extends IntakeIntegrationBase {

    @Test
    void theShippedSeedCatalogueLoadsWholeAndReloadsWithoutChanges() throws IOException {
        String seed;
        try (InputStream in = getClass().getResourceAsStream(CatalogueImport.SEED_RESOURCE)) {
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonHttp<JsonNode> api = api();
        JsonNode first = api.post("/api/v1/imports/catalogue", seed).json();
        assertThat(first.get("errors").size()).as(first.toString()).isZero();
        assertThat(first.get("offices").asInt()).isGreaterThanOrEqualTo(1 + 1 + 17 + 1 + 1 + 21 + 2 + 1);
        assertThat(first.get("procedures").asInt()).isGreaterThanOrEqualTo(30);

        JsonNode again = api.post("/api/v1/imports/catalogue", seed).json();
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("errors").size()).isZero();

        JsonNode offices = api.get("/api/v1/offices").json();
        assertThat(offices.valueStream().filter(o -> "H49.17".equals(o.path("parentId").asString(null))).count())
                .isEqualTo(17);
        assertThat(offices.valueStream().filter(o -> "H29.21".equals(o.path("parentId").asString(null))).count())
                .isEqualTo(21);
    }

    @Test
    void childrenMayComeBeforeTheirParentsAndBadEntriesAreReported() {
        JsonHttp<JsonNode> api = api();
        String root = Fixtures.uniqueId("R");
        String code = Fixtures.uniqueId("3.");
        Map<String, Object> document = Map.of(
                "offices", List.of(
                        Map.of("officeId", root + ".1.1", "name", "xã", "level", "COMMUNE", "parentId", root + ".1"),
                        Map.of("officeId", root + ".1", "name", "huyện", "level", "DISTRICT", "parentId", root),
                        Map.of("officeId", root, "name", "tỉnh", "level", "PROVINCE")),
                "procedures", List.of(
                        Map.of("code", code, "name", "p", "field", "f", "processingDays", 0.3,
                                "onlineMode", "NONE", "postal", false)));

        Reply<JsonNode> r = api.post("/api/v1/imports/catalogue", Fixtures.json(document));

        assertThat(r.status()).isEqualTo(200);
        JsonNode summary = r.json();
        assertThat(summary.get("created").asInt()).isEqualTo(3);
        assertThat(summary.get("errors").size()).isEqualTo(1);
        assertThat(summary.get("errors").get(0).get("field").asString()).isEqualTo("processingDays");
        assertThat(api.get("/api/v1/procedures").body()).doesNotContain("\"" + code + "\"");
    }
}
