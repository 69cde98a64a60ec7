package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.intake.dossier.DossierReceiptIT.dossier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.Api;
import vn.motcua.intake.support.Api.Response;
import vn.motcua.intake.support.IntakeIntegrationTest;

class BulkImportIT extends IntakeIntegrationTest {
    private static final int GOOD_LINES = 2_000;

    @Test
    void historicalDossiersAreImportedAndBadLinesReportedWithTheirReasons() {
        Api api = api();
        String officeId = api.newOffice();
        String procedure = api.newProcedure("1", "FULL", false);
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < GOOD_LINES; i++) {
            Map<String, Object> line = dossier(officeId, procedure, i % 2 == 0 ? "IN_PERSON" : "ONLINE",
                    String.format("2019-%02d-%02dT09:%02d:00+07:00", 1 + i % 12, 1 + i % 28, i % 60));
            line.put("externalRef", "OLD-" + i);
            ndjson.append(Api.json(line)).append('\n');
        }
        // bad lines, each with the reason the summary must give (line numbers follow the good lines)
        ndjson.append("{not json\n");                                                                 // 2001
        ndjson.append(Api.json(dossier(officeId, procedure, "POSTAL", "2019-05-06T09:00:00+07:00"))).append('\n');
        ndjson.append(Api.json(dossier("NOSUCH" + officeId, procedure, "IN_PERSON", null))).append('\n');
        ndjson.append(Api.json(dossier(officeId, procedure, "FAX", null))).append('\n');             // 2004
        ndjson.append(Api.json(dossier(officeId, procedure, "IN_PERSON", "2999-01-01T00:00:00+07:00")))
                .append('\n');                                                                          // 2005
        ndjson.append("\n");                                                                          // blank: skipped

        JsonNode summary = importNdjson(api, ndjson.toString());

        assertThat(summary.get("accepted").asLong()).isEqualTo(GOOD_LINES);
        assertThat(summary.get("rejected").asLong()).isEqualTo(5);
        assertThat(summary.get("duplicates").asLong()).isZero();
        assertThat(summary.get("errors").valueStream().map(e -> e.get("line").asLong() + ":"
                + e.get("field").asString()))
                .containsExactly("2001:body", "2002:channel", "2003:officeId", "2004:channel", "2005:receivedAt");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, officeId))
                .isEqualTo(GOOD_LINES);

        // a second run of the same file creates nothing: every good line is a duplicate by its externalRef
        JsonNode again = importNdjson(api, ndjson.toString());
        assertThat(again.get("accepted").asLong()).isZero();
        assertThat(again.get("duplicates").asLong()).isEqualTo(GOOD_LINES);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, officeId))
                .isEqualTo(GOOD_LINES);
    }

    private JsonNode importNdjson(Api api, String body) {
        Response r = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/imports/dossiers")).POST(HttpRequest.BodyPublishers.ofString(body)), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
