package vn.motcua.reporting.report;

import static vn.motcua.reporting.ReportingInfra.accept;
import static vn.motcua.reporting.ReportingInfra.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.apology;
import static vn.motcua.reporting.EventFeed.office;
import static vn.motcua.reporting.EventFeed.received;
import static vn.motcua.reporting.EventFeed.resolved;
import static vn.motcua.reporting.EventFeed.supplementReceived;
import static vn.motcua.reporting.EventFeed.supplementRequested;
import static vn.motcua.reporting.EventFeed.unique;
import static vn.motcua.reporting.EventFeed.withdrawn;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.events.Channel;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.Timeliness;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.reporting.ReportingInfra;

/**
 * Contract 1.1 over the report: series (each row the report of its interval), the dossiers behind every figure
 * (total equal to the figure, paged), XLSX of report, breakdown, series and ranking read back cell by cell, and
 * problem+json for bad input.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrillIT implements TestPropertyProvider {
    private static final String XLSX = ReportXlsx.MEDIA_TYPE;
    private static final String MARCH = "from=2020-03-01&to=2020-03-31";

    @Inject
    EmbeddedServer server;

    private final String district = unique("H47.D");
    private final String commune = unique("H47.C");
    private EventFeed feed;
    private JsonHttp<JsonNode> client;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_it", ReportingInfra.uniqueGroup("reporting-it-drill"));
    }

    @BeforeAll
    void feed() {
        feed = new EventFeed(ReportingInfra.infra().bootstrapServers());
        client = ReportingInfra.client(server.getURI());
        feed.send(office(district, null, OfficeLevel.DISTRICT), office(commune, district, OfficeLevel.COMMUNE));
        // Every figure non-zero in March 2020, in both offices (DossierReportIT explains each case).
        for (String o : List.of(district, commune)) {
            feed.send(
                    received("d1" + o, o, Channel.IN_PERSON, false, "2020-02-20T09:00", "2020-02-25T09:00"),
                    received("d2" + o, o, Channel.ONLINE, true, "2020-03-02T09:00", "2020-03-05T09:00"),
                    resolved("d2" + o, o, Timeliness.EARLY, "2020-03-05T09:00", "2020-03-04T10:00"),
                    received("d3" + o, o, Channel.IN_PERSON, true, "2020-03-03T09:00", "2020-03-06T09:00"),
                    resolved("d3" + o, o, Timeliness.ON_TIME, "2020-03-06T09:00", "2020-03-06T08:00"),
                    received("d4" + o, o, Channel.POSTAL, false, "2020-03-03T10:00", "2020-03-06T10:00"),
                    resolved("d4" + o, o, Timeliness.LATE, "2020-03-06T10:00", "2020-03-10T09:00"),
                    received("d5" + o, o, Channel.ONLINE, true, "2020-03-09T09:00", "2020-03-12T09:00"),
                    apology("d5" + o, o, "2020-03-10T09:00", true),
                    resolved("d5" + o, o, Timeliness.LATE, "2020-03-12T09:00", "2020-03-13T09:00"),
                    received("d6" + o, o, Channel.IN_PERSON, false, "2020-03-10T09:00", "2020-03-13T09:00"),
                    withdrawn("d6" + o, o, "2020-03-11T09:00"),
                    received("d7" + o, o, Channel.IN_PERSON, false, "2020-03-20T09:00", "2020-03-25T09:00"),
                    supplementRequested("d7" + o, o, "2020-03-23T09:00"),
                    received("d8" + o, o, Channel.ONLINE, true, "2020-03-20T09:00", "2020-03-25T09:00"),
                    supplementRequested("d8" + o, o, "2020-03-21T09:00"),
                    supplementReceived("d8" + o, o, "2020-03-24T09:00", "2020-04-10T09:00"),
                    received("d9" + o, o, Channel.IN_PERSON, false, "2020-03-30T09:00", "2020-04-02T09:00"),
                    received("d11" + o, o, Channel.ONLINE, true, "2020-03-25T09:00", "2020-04-03T09:00"),
                    resolved("d11" + o, o, Timeliness.ON_TIME, "2020-04-03T09:00", "2020-04-02T09:00"),
                    received("d13" + o, o, Channel.IN_PERSON, false, "2020-03-15T09:00", "2020-03-18T09:00"),
                    apology("d13" + o, o, "2020-03-18T08:00", false),
                    received("d12" + o, o, Channel.ONLINE, true, "2020-04-02T09:00", "2020-04-07T09:00"));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(report(client, "officeId=" + district
                + "&scope=subtree&" + MARCH).get("received").get("total").asLong()).isEqualTo(22));
    }

    @AfterAll
    void close() {
        feed.close();
    }

    // ---- items ----

    @ParameterizedTest(name = "scope {0}")
    @CsvSource({"self", "subtree"})
    void everyFigureListsExactlyTheDossiersItCounts(String scope) {
        for (String period : List.of(MARCH, "from=2020-03-10&to=2020-04-05", "from=2020-01-01&to=2020-12-31")) {
            String query = "officeId=" + district + "&scope=" + scope + "&" + period;
            JsonNode report = report(client, query);
            for (FigurePath figure : FigurePath.values()) {
                JsonNode page = items(query + "&figure=" + figure.path() + "&size=500");
                long expected = at(report, figure.path()).asLong();
                String what = figure.path() + " " + scope + " " + period;
                assertThat(page.get("total").asLong()).as(what).isEqualTo(expected);
                assertThat(page.get("items")).as(what).hasSize((int) expected);
                assertThat(page.get("figure").asText()).isEqualTo(figure.path());
                for (JsonNode item : page.get("items")) {
                    assertThat(item.get("officeId").asText()).as(what).isIn(scope.equals("self")
                            ? List.of(district) : List.of(district, commune));
                    assertThat(item.get("status").asText()).isIn("RESOLVED", "WITHDRAWN", "IN_PROGRESS", "OVERDUE",
                            "AWAITING_SUPPLEMENT");
                }
            }
            assertThat(report.get("received").get("total").asLong()).isPositive();
        }
        // Spot checks of what an item says.
        JsonNode late = items("officeId=" + district + "&" + MARCH + "&figure=resolved.late");
        assertThat(late.get("items")).allSatisfy(item -> {
            assertThat(item.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(item.get("timeliness").asText()).isEqualTo("LATE");
            assertThat(item.get("resolvedAt").asText()).isNotBlank();
            assertThat(item.get("code").asText()).startsWith(district + "-d");
        });
        JsonNode awaiting = items("officeId=" + district + "&" + MARCH + "&figure=inProgress.awaitingSupplement");
        assertThat(awaiting.get("items").get(0).get("status").asText()).isEqualTo("AWAITING_SUPPLEMENT");
        assertThat(awaiting.get("items").get(0).has("resolvedAt")).isFalse();
    }

    @Test
    void pagesCoverTheListOnceInOrder() {
        String query = "officeId=" + district + "&scope=subtree&" + MARCH + "&figure=received.total";
        long total = items(query).get("total").asLong();
        Set<String> seen = new HashSet<>();
        List<String> received = new ArrayList<>();
        for (int page = 0; page * 3 < total; page++) {
            JsonNode p = items(query + "&page=" + page + "&size=3");
            assertThat(p.get("page").asInt()).isEqualTo(page);
            assertThat(p.get("size").asInt()).isEqualTo(3);
            assertThat(p.get("total").asLong()).isEqualTo(total);
            p.get("items").forEach(i -> {
                assertThat(seen.add(i.get("dossierId").asText())).isTrue();
                received.add(i.get("receivedAt").asText());
            });
        }
        assertThat(seen).hasSize((int) total);
        assertThat(received).isSorted();
        assertThat(items(query + "&page=99&size=3").get("items")).isEmpty();
    }

    // ---- series ----

    @Test
    void eachSeriesRowIsTheReportOfItsInterval() {
        JsonNode series = json("/api/v1/reports/dossiers/series?officeId=" + district
                + "&scope=subtree&from=2020-02-15&to=2020-05-14&interval=month");
        assertThat(series.get("interval").asText()).isEqualTo("month");
        JsonNode rows = series.get("rows");
        assertThat(rows).hasSize(3);
        String[][] months = {{"2020-02-15", "2020-03-14"}, {"2020-03-15", "2020-04-14"},
            {"2020-04-15", "2020-05-14"}};
        for (int i = 0; i < months.length; i++) {
            JsonNode row = rows.get(i);
            assertThat(row.get("from").asText()).isEqualTo(months[i][0]);
            assertThat(row.get("to").asText()).isEqualTo(months[i][1]);
            JsonNode report = report(client, "officeId=" + district + "&scope=subtree&from=" + months[i][0] + "&to="
                    + months[i][1]);
            for (String figure : List.of("received", "resolved", "withdrawn", "inProgress", "online", "apologies",
                    "rates")) {
                assertThat(row.get(figure)).as(figure).isEqualTo(report.get(figure));
            }
        }
        JsonNode weeks = json("/api/v1/reports/dossiers/series?officeId=" + district + "&" + MARCH
                + "&interval=week");
        assertThat(weeks.get("rows")).hasSize(5);
        assertThat(weeks.get("rows").get(4).get("from").asText()).isEqualTo("2020-03-29");
        assertThat(weeks.get("rows").get(4).get("to").asText()).isEqualTo("2020-03-31");
        assertThat(json("/api/v1/reports/dossiers/series?officeId=" + district + "&period=2020-Q1&interval=day")
                .get("rows")).hasSize(91);
    }

    // ---- XLSX ----

    @Test
    void theReportAsXlsxHasTheFiguresOfTheJsonReportAsNumbers() throws IOException {
        String query = "officeId=" + district + "&scope=subtree&" + MARCH;
        JsonNode report = report(client, query);
        Reply<JsonNode> xlsx = client.get("/api/v1/reports/dossiers?" + query, accept(XLSX));
        assertThat(xlsx.status()).as(xlsx.body()).isEqualTo(200);
        assertThat(xlsx.contentType()).startsWith(XLSX);
        assertThat(xlsx.headers("Content-Disposition")).singleElement().asString().contains(".xlsx");
        List<Row> rows = sheet(xlsx.bytes(), "Báo cáo");
        assertThat(rows.get(0).getCellText(0)).startsWith("BÁO CÁO TÌNH HÌNH");
        Row group = rows.get(ReportXlsx.HEADER_ROW);
        assertThat(group.getCellText(0)).isEqualTo("STT");
        assertThat(group.getCellText(2)).isEqualTo("Số hồ sơ nhận giải quyết");
        assertThat(rows.get(ReportXlsx.HEADER_ROW + 1).getCellText(4)).isEqualTo("Số mới tiếp nhận");
        assertThat(rows.get(ReportXlsx.HEADER_ROW + 2).getCellText(4)).isEqualTo("Trực tuyến");
        assertFigureRow(rows.get(ReportXlsx.FIRST_DATA_ROW), report);
        assertThat(mergedCells(xlsx.bytes())).contains("A4:A6", "C4:G4", "E5:G5", "L4:L6");
    }

    @Test
    void breakdownSeriesAndRankingAsXlsx() throws IOException {
        String query = "officeId=" + district + "&" + MARCH;
        JsonNode breakdown = json("/api/v1/reports/dossiers/breakdown?" + query + "&by=office");
        List<Row> rows = sheet(get("/api/v1/reports/dossiers/breakdown?" + query + "&by=office"), "Theo đơn vị");
        for (int i = 0; i < breakdown.get("rows").size(); i++) {
            assertThat(rows.get(ReportXlsx.FIRST_DATA_ROW + i).getCellText(1))
                    .isEqualTo(breakdown.get("rows").get(i).get("label").asText());
            assertFigureRow(rows.get(ReportXlsx.FIRST_DATA_ROW + i), breakdown.get("rows").get(i));
        }
        Row total = rows.get(ReportXlsx.FIRST_DATA_ROW + breakdown.get("rows").size());
        assertThat(total.getCellText(1)).isEqualTo("Tổng cộng");
        assertFigureRow(total, breakdown.get("total"));

        String seriesQuery = "/api/v1/reports/dossiers/series?" + query + "&scope=subtree&interval=week";
        JsonNode series = json(seriesQuery);
        List<Row> seriesRows = sheet(get(seriesQuery), "Theo thời gian");
        for (int i = 0; i < series.get("rows").size(); i++) {
            assertFigureRow(seriesRows.get(ReportXlsx.FIRST_DATA_ROW + i), series.get("rows").get(i));
        }

        String rankingQuery = "/api/v1/reports/dossiers/ranking?" + query + "&by=onTime";
        JsonNode ranking = json(rankingQuery);
        List<Row> rankingRows = sheet(get(rankingQuery), "Xếp hạng");
        JsonNode first = ranking.get("rows").get(0);
        Row row = rankingRows.get(ReportXlsx.HEADER_ROW + 1);
        assertThat(row.getCellText(1)).isEqualTo(first.get("officeId").asText());
        assertThat(row.getCellAsNumber(3).orElseThrow()).isEqualByComparingTo(first.get("rate").decimalValue());
        assertThat(row.getCellAsNumber(4).orElseThrow().longValue()).isEqualTo(first.get("numerator").asLong());
        assertThat(row.getCellAsNumber(5).orElseThrow().longValue()).isEqualTo(first.get("denominator").asLong());
    }

    // ---- bad input ----

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/reports/dossiers/items?officeId=H49&from=2020-01-01&to=2020-01-31&figure=received.everything|400|figure",
        "/api/v1/reports/dossiers/items?officeId=H49&from=2020-01-01&to=2020-01-31|400|figure",
        "/api/v1/reports/dossiers/items?officeId=H49&from=2020-01-01&to=2020-01-31&figure=rates.onTime|400|figure",
        "/api/v1/reports/dossiers/items?officeId=H49&from=2020-01-01&to=2020-01-31&figure=withdrawn&page=-1|400|page",
        "/api/v1/reports/dossiers/items?officeId=H49&from=2020-01-01&to=2020-01-31&figure=withdrawn&size=0|400|size",
        "/api/v1/reports/dossiers/items?officeId=H49&from=2020-01-01&to=2020-01-31&figure=withdrawn&size=x|400|size",
        "/api/v1/reports/dossiers/items?officeId=H49&from=2020-02-01&to=2020-01-31&figure=withdrawn|400|from",
        "/api/v1/reports/dossiers/items?officeId=NEVER.SEEN.2&from=2020-01-01&to=2020-01-31&figure=withdrawn|404|officeId",
        "/api/v1/reports/dossiers/series?officeId=H49&from=2020-01-01&to=2020-01-31&interval=hour|400|interval",
        "/api/v1/reports/dossiers/series?officeId=H49&from=2000-01-01&to=2020-01-31&interval=day|400|interval",
        "/api/v1/reports/dossiers/series?officeId=H49&from=2020-01-01&to=2020-01-31&scope=all|400|scope",
        "/api/v1/reports/dossiers/series?officeId=NEVER.SEEN.3&from=2020-01-01&to=2020-01-31|404|officeId",
        "/api/v1/reports/offices|400|officeId",
        "/api/v1/reports/offices?officeId=NEVER.SEEN.4|404|officeId",
    })
    void badInputIsAProblemNamingTheField(String path, int status, String field) {
        // Series answers XLSX too: its problems stay problem+json whatever was asked for.
        for (String accept : path.contains("/series") ? List.of("application/json", XLSX)
                : List.of("application/json")) {
            Reply<JsonNode> r = client.get(path, accept(accept));
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(status);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors")).anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo(field));
        }
    }

    @Test
    void theOfficePickerListsTheSubtree() {
        JsonNode offices = json("/api/v1/reports/offices?officeId=" + district);
        assertThat(offices.get("offices")).extracting(o -> o.get("officeId").asText())
                .containsExactly(district, commune);
        assertThat(offices.get("offices").get(1).get("parentId").asText()).isEqualTo(district);
    }

    // ---- the console: public page and files, all from this jar ----

    @Test
    void theConsoleIsServedFromTheJarWithoutAToken() {
        JsonHttp<JsonNode> anonymous = client.anonymous();
        Reply<JsonNode> page = anonymous.get("/", accept("text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.headers("Content-Security-Policy")).singleElement().asString().contains("default-src 'self'");
        // Nothing from elsewhere: every script and style is a path of this origin.
        assertThat(page.body()).contains("/console/lib/echarts.min.js", "/console/console.js")
                .doesNotContain("http://", "https://");
        for (String file : List.of("/console/console.js", "/console/i18n.js", "/console/console.css",
                "/console/lib/echarts.min.js")) {
            Reply<JsonNode> r = anonymous.get(file, accept("*/*"));
            assertThat(r.status()).as(file).isEqualTo(200);
            assertThat(r.bytes().length).as(file).isGreaterThan(1000);
        }
        JsonNode config = anonymous.get("/console/config.json", accept("application/json")).json();
        assertThat(config.get("issuer").asText()).isEqualTo(ReportingInfra.issuer().issuer());
        assertThat(config.get("clientId").asText()).isEqualTo("motcua-console");
        assertThat(config.get("tokenEndpoint").asText()).isEqualTo("/console/token");
        Reply<JsonNode> exchange = anonymous.send("POST", "/console/token", null, accept("application/json"));
        assertThat(exchange.status()).isIn(400, 415);
    }

    // ---- helpers ----

    private JsonNode items(String query) {
        return json("/api/v1/reports/dossiers/items?" + query);
    }

    private JsonNode json(String path) {
        Reply<JsonNode> r = client.get(path, accept("application/json"));
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private byte[] get(String path) {
        Reply<JsonNode> r = client.get(path, accept(XLSX));
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith(XLSX);
        return r.bytes();
    }

    static JsonNode at(JsonNode node, String path) {
        JsonNode n = node;
        for (String key : path.split("\\.")) {
            n = n.get(key);
        }
        return n;
    }

    private static List<Row> sheet(byte[] xlsx, String name) throws IOException {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getSheets().map(Sheet::getName).toList()).containsExactly(name);
            // The reader skips empty rows: place each row at its own number.
            List<Row> rows = new ArrayList<>();
            for (Row row : workbook.getFirstSheet().read()) {
                while (rows.size() < row.getRowNum() - 1) {
                    rows.add(null);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** Every figure column equals the JSON, read as a number (counts and rates are never text). */
    private static void assertFigureRow(Row row, JsonNode json) {
        for (int i = 0; i < ReportXlsx.FIGURE_PATHS.size(); i++) {
            String path = ReportXlsx.FIGURE_PATHS.get(i);
            JsonNode expected = at(json, path);
            if (expected.isNull()) {
                assertThat(row.getOptionalCell(i + 2).map(c -> c.getRawValue()).orElse(null)).as(path).isNull();
                continue;
            }
            BigDecimal actual = row.getCellAsNumber(i + 2).orElseThrow(() -> new AssertionError("no number " + path));
            assertThat(actual).as(path).isEqualByComparingTo(expected.decimalValue());
        }
    }

    private static List<String> mergedCells(byte[] xlsx) throws IOException {
        List<String> merged = new ArrayList<>();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".xlsx");
        try {
            java.nio.file.Files.write(file, xlsx);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
                String xml = new String(zip.getInputStream(sheet).readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("<mergeCell ref=\"([A-Z0-9:]+)\"")
                        .matcher(xml);
                while (m.find()) {
                    merged.add(m.group(1));
                }
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        return merged;
    }
}
