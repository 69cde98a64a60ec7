package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;

/** Issue 3: a centre moves 100k historical dossiers off its old system; the bad lines are reported with reasons. */
class BulkImportIT extends IntakeIntegrationBase {
    private static final int LINES = 100_000;
    private static final int BAD_EVERY = 10_000;

    @Test
    void hundredThousandHistoricalDossiersAreImportedAndBadLinesReportedWithTheirReasons() {
        JsonHttp<JsonNode> api = api();
        String officeA = Fixtures.newOffice(api);
        String officeB = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "FULL", false);
        // every 10,000th line is bad, each with the reason the summary must give
        List<String> badLines = List.of(
                "{not json",
                line(officeA, procedure, "POSTAL", "2019-05-06T09:00:00+07:00", "BAD-POSTAL"),
                line("NOSUCH" + officeA, procedure, "IN_PERSON", "2019-05-06T09:00:00+07:00", "BAD-OFFICE"),
                line(officeA, procedure, "FAX", "2019-05-06T09:00:00+07:00", "BAD-CHANNEL"),
                line(officeA, procedure, "IN_PERSON", "2999-01-01T00:00:00+07:00", "BAD-FUTURE"),
                line(officeA, "NOSUCH" + procedure, "ONLINE", "2019-05-06T09:00:00+07:00", "BAD-PROC"),
                "[1, 2]",
                "{\"officeId\":\"" + officeA + "\",\"procedureCode\":\"" + procedure + "\",\"channel\":\"ONLINE\"}",
                line(officeA, procedure, "ONLINE", "yesterday", "BAD-DATE"),
                "{\"officeId\":\"" + officeA + "\",\"procedureCode\":\"" + procedure + "\",\"channel\":\"ONLINE\","
                        + "\"applicant\":{\"fullName\":\"Trần Thị B\"},\"documents\":[{\"name\":\"Tờ khai\","
                        + "\"copies\":\"two\"}]}");
        List<String> expectedErrorFields = List.of("body", "channel", "officeId", "channel", "receivedAt",
                "procedureCode", "body", "applicant", "receivedAt", "documents[0].copies");
        StringBuilder ndjson = new StringBuilder(LINES * 400);
        List<String> expectedErrors = new ArrayList<>();
        int good = 0;
        for (int n = 1; n <= LINES; n++) {
            if (n % BAD_EVERY == 0) {
                int k = n / BAD_EVERY - 1;
                ndjson.append(badLines.get(k)).append('\n');
                expectedErrors.add(n + ":" + expectedErrorFields.get(k));
                continue;
            }
            int i = good++;
            String office = i % 2 == 0 ? officeA : officeB;
            String channel = i % 3 == 0 ? "IN_PERSON" : "ONLINE";
            ndjson.append(line(office, procedure, channel, String.format("2019-%02d-%02dT%02d:%02d:00+07:00",
                    1 + i % 12, 1 + i % 28, 7 + i % 10, i % 60), "OLD-" + officeA + "-" + i)).append('\n');
        }
        ndjson.append('\n'); // a blank line is skipped, not an error
        byte[] body = ndjson.toString().getBytes(StandardCharsets.UTF_8);

        JsonNode summary = importNdjson(api, body);

        assertThat(summary.get("lines").asLong()).isEqualTo(LINES + 1);
        assertThat(summary.get("accepted").asLong()).isEqualTo(good);
        assertThat(summary.get("rejected").asLong()).isEqualTo(badLines.size());
        assertThat(summary.get("duplicates").asLong()).isZero();
        assertThat(summary.get("errors").valueStream().map(e -> e.get("line").asLong() + ":"
                + e.get("field").asString())).containsExactlyElementsOf(expectedErrors);
        assertThat(summary.get("errors").valueStream().map(e -> e.get("message").asString()))
                .allSatisfy(message -> assertThat(message).isNotBlank());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id IN (?, ?)", Integer.class,
                officeA, officeB)).isEqualTo(good);
        // each office's daily numbers run 1..n: none repeated, none skipped
        assertThat(jdbc.queryForList("""
                SELECT d.office_id FROM dossier d WHERE d.office_id IN (?, ?)
                GROUP BY d.office_id, substr(d.code, length(d.office_id) + 2, 6)
                HAVING count(*) <> max(CAST(right(d.code, 4) AS INTEGER))
                    OR count(DISTINCT d.code) <> count(*)""", String.class, officeA, officeB)).isEmpty();

        // a second run of (part of) the file creates nothing: every good line is a duplicate by its externalRef
        int head = 20_000;
        String firstLines = String.join("\n", ndjson.toString().lines().limit(head).toList()) + "\n";
        JsonNode again = importNdjson(api, firstLines.getBytes(StandardCharsets.UTF_8));
        assertThat(again.get("accepted").asLong()).isZero();
        assertThat(again.get("duplicates").asLong()).isEqualTo(head - 2);
        assertThat(again.get("rejected").asLong()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id IN (?, ?)", Integer.class,
                officeA, officeB)).isEqualTo(good);
    }

    private static String line(String officeId, String procedure, String channel, String receivedAt, String ref) {
        return Fixtures.json(Map.of("officeId", officeId, "procedureCode", procedure, "channel", channel,
                "receivedAt", receivedAt, "externalRef", ref,
                "applicant", Map.of("fullName", "Nguyễn Văn An", "idNumber", "079201001234",
                        "phone", "0901234567", "address", "12 Lê Lợi, Phường 1, Vũng Tàu"),
                "documents", List.of(Map.of("name", "Tờ khai", "copies", 1),
                        Map.of("name", "Giấy chứng sinh", "copies", 2))));
    }

    private JsonNode importNdjson(JsonHttp<JsonNode> api, byte[] body) {
        // A generous wait: a loaded CI machine, not a speed check.
        Reply<JsonNode> r = api.timeout(java.time.Duration.ofMinutes(15)).sendBody("POST", "/api/v1/imports/dossiers",
                HttpRequest.BodyPublishers.ofByteArray(body), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
