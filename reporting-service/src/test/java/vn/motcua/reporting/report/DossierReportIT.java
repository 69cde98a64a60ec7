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
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.Timeliness;
import vn.motcua.reporting.FedReportingBase;
import vn.motcua.reporting.EventFeed;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.reporting.projection.ProjectionMetrics;

/**
 * The report as an analyst reads it, fed by real CloudEvents records on the embedded Kafka and projected into
 * the embedded PostgreSQL. Each test uses its own office ids, so tests never see each other's dossiers.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DossierReportIT extends FedReportingBase {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    ProjectionMetrics metrics;

    @Override
    protected String database() {
        return "reporting_it";
    }

    @Test
    void everyFigureOfTheContractFollowsTheDomainDefinitions() {
        String o = unique("H49.A");
        feed.send(office(o, null, OfficeLevel.DISTRICT));
        feed.send(
                // carried over from February, still open and past due at the period's end
                received("d1" + o, o, Channel.IN_PERSON, false, "2020-02-20T09:00", "2020-02-25T09:00"),
                // closed before the period: not counted at all
                received("d10" + o, o, Channel.IN_PERSON, false, "2020-02-10T09:00", "2020-02-13T09:00"),
                resolved("d10" + o, o, Timeliness.EARLY, "2020-02-13T09:00", "2020-02-12T09:00"),
                received("d2" + o, o, Channel.ONLINE, true, "2020-03-02T09:00", "2020-03-05T09:00"),
                resolved("d2" + o, o, Timeliness.EARLY, "2020-03-05T09:00", "2020-03-04T10:00"),
                received("d3" + o, o, Channel.IN_PERSON, true, "2020-03-03T09:00", "2020-03-06T09:00"),
                resolved("d3" + o, o, Timeliness.ON_TIME, "2020-03-06T09:00", "2020-03-06T08:00"),
                // late without an apology letter
                received("d4" + o, o, Channel.POSTAL, false, "2020-03-03T10:00", "2020-03-06T10:00"),
                resolved("d4" + o, o, Timeliness.LATE, "2020-03-06T10:00", "2020-03-10T09:00"),
                // late with a letter sent in time
                received("d5" + o, o, Channel.ONLINE, true, "2020-03-09T09:00", "2020-03-12T09:00"),
                apology("d5" + o, o, "2020-03-10T09:00", true),
                resolved("d5" + o, o, Timeliness.LATE, "2020-03-12T09:00", "2020-03-13T09:00"),
                received("d6" + o, o, Channel.IN_PERSON, false, "2020-03-10T09:00", "2020-03-13T09:00"),
                withdrawn("d6" + o, o, "2020-03-11T09:00"),
                // awaiting a supplement at the end: never overdue although its due date has passed
                received("d7" + o, o, Channel.IN_PERSON, false, "2020-03-20T09:00", "2020-03-25T09:00"),
                supplementRequested("d7" + o, o, "2020-03-23T09:00"),
                // supplement received: the clock restarted with a due date after the period's end
                received("d8" + o, o, Channel.ONLINE, true, "2020-03-20T09:00", "2020-03-25T09:00"),
                supplementRequested("d8" + o, o, "2020-03-21T09:00"),
                supplementReceived("d8" + o, o, "2020-03-24T09:00", "2020-04-10T09:00"),
                received("d9" + o, o, Channel.IN_PERSON, false, "2020-03-30T09:00", "2020-04-02T09:00"),
                // resolved after the period: in progress at its end
                received("d11" + o, o, Channel.ONLINE, true, "2020-03-25T09:00", "2020-04-03T09:00"),
                resolved("d11" + o, o, Timeliness.ON_TIME, "2020-04-03T09:00", "2020-04-02T09:00"),
                // a late apology letter; the new appointment does not excuse the lateness
                received("d13" + o, o, Channel.IN_PERSON, false, "2020-03-15T09:00", "2020-03-18T09:00"),
                apology("d13" + o, o, "2020-03-18T08:00", false),
                // received after the period
                received("d12" + o, o, Channel.ONLINE, true, "2020-04-02T09:00", "2020-04-07T09:00"));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode r = report(client, "officeId=" + o + "&from=2020-03-01&to=2020-03-31");
            assertThat(r.get("officeId").asText()).isEqualTo(o);
            assertThat(r.get("from").asText()).isEqualTo("2020-03-01");
            assertThat(r.get("to").asText()).isEqualTo("2020-03-31");
            assertThat(r.get("scope").asText()).isEqualTo("self");
            assertFigures(r.get("received"), Map.of("total", 11, "carriedOver", 1, "online", 4, "inPerson", 5,
                    "postal", 1));
            assertFigures(r.get("resolved"), Map.of("total", 4, "early", 1, "onTime", 1, "late", 2));
            assertThat(r.get("withdrawn").asLong()).isEqualTo(1);
            assertFigures(r.get("inProgress"), Map.of("total", 6, "withinDeadline", 4, "overdue", 2,
                    "awaitingSupplement", 1));
            assertFigures(r.get("online"), Map.of("eligible", 5, "submitted", 4));
            assertFigures(r.get("apologies"), Map.of("sent", 2, "sentInTime", 1, "lateWithoutLetter", 1));
            assertThat(r.get("rates").get("resolved").decimalValue()).isEqualByComparingTo("0.3636");
            assertThat(r.get("rates").get("onTime").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(r.get("rates").get("online").decimalValue()).isEqualByComparingTo("0.8");
            assertInvariant(r);
        });
    }

    @Test
    void ratesAreNullWhenThereIsNothingToDivideBy() {
        String o = unique("H49.N");
        feed.send(office(o, null, OfficeLevel.COMMUNE));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode r = report(client, "officeId=" + o + "&from=2020-01-01&to=2020-01-31");
            assertThat(r.get("received").get("total").asLong()).isZero();
            assertThat(r.get("rates").has("resolved")).isTrue();
            assertThat(r.get("rates").get("resolved").isNull()).isTrue();
            assertThat(r.get("rates").get("onTime").isNull()).isTrue();
            assertThat(r.get("rates").get("online").isNull()).isTrue();
        });
    }

    @Test
    void theSameEventTwiceIsCountedOnce() {
        String o = unique("H49.DUP");
        List<EventEnvelope> first = feed.send(
                received("a" + o, o, Channel.ONLINE, true, "2021-05-03T09:00", "2021-05-06T09:00"),
                resolved("a" + o, o, Timeliness.EARLY, "2021-05-06T09:00", "2021-05-04T09:00"),
                apology("b" + o, o, "2021-05-04T09:00", true),
                received("b" + o, o, Channel.IN_PERSON, false, "2021-05-03T10:00", "2021-05-06T10:00"));
        String query = "officeId=" + o + "&from=2021-05-01&to=2021-05-31";
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(report(client, query).get("received").get("total").asLong()).isEqualTo(2));

        double duplicatesBefore = metrics.duplicatesTotal();
        feed.resend(first); // at-least-once: every event again, same ce_id
        await().atMost(PATIENCE).until(() -> metrics.duplicatesTotal() >= duplicatesBefore + first.size());

        JsonNode r = report(client, query);
        assertFigures(r.get("received"), Map.of("total", 2, "online", 1, "inPerson", 1));
        assertFigures(r.get("resolved"), Map.of("total", 1, "early", 1));
        assertFigures(r.get("apologies"), Map.of("sent", 1, "sentInTime", 1));
        assertInvariant(r);
    }

    @Test
    void aWorkflowEventBeforeItsReceiptIsCountedOnceTheReceiptArrives() {
        String o = unique("H49.OOO");
        double appliedBefore = metrics.appliedTotal();
        feed.send(resolved("x" + o, o, Timeliness.ON_TIME, "2021-07-08T09:00", "2021-07-08T08:00"),
                withdrawn("y" + o, o, "2021-07-09T09:00"));
        await().atMost(PATIENCE).until(() -> metrics.appliedTotal() >= appliedBefore + 2);
        String query = "officeId=" + o + "&from=2021-07-01&to=2021-07-31";
        // Known office (the events name it) but nothing received yet: nothing counted, invariant intact.
        JsonNode before = report(client, query);
        assertThat(before.get("received").get("total").asLong()).isZero();
        assertThat(before.get("resolved").get("total").asLong()).isZero();
        assertThat(before.get("withdrawn").asLong()).isZero();

        feed.send(received("x" + o, o, Channel.POSTAL, false, "2021-07-05T09:00", "2021-07-08T09:00"),
                received("y" + o, o, Channel.ONLINE, true, "2021-07-05T10:00", "2021-07-08T10:00"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode r = report(client, query);
            assertFigures(r.get("received"), Map.of("total", 2, "postal", 1, "online", 1));
            assertFigures(r.get("resolved"), Map.of("total", 1, "onTime", 1));
            assertThat(r.get("withdrawn").asLong()).isEqualTo(1);
            assertThat(r.get("inProgress").get("total").asLong()).isZero();
            assertInvariant(r);
        });
    }

    @Test
    void aDossierReceivedOnThePeriodsLastDayAndResolvedOnTheNextIsCarriedOver() {
        String o = unique("H49.P");
        feed.send(office(o, null, OfficeLevel.COMMUNE),
                received("p" + o, o, Channel.IN_PERSON, false, "2020-06-14T16:30", "2020-06-17T16:30"),
                resolved("p" + o, o, Timeliness.EARLY, "2020-06-17T16:30", "2020-06-15T08:00"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            // 2020-H1 with the standard cut-off is 2019-12-15 .. 2020-06-14
            JsonNode h1 = report(client, "officeId=" + o + "&period=2020-H1");
            assertThat(h1.get("from").asText()).isEqualTo("2019-12-15");
            assertThat(h1.get("to").asText()).isEqualTo("2020-06-14");
            assertFigures(h1.get("received"), Map.of("total", 1, "carriedOver", 0, "inPerson", 1));
            assertThat(h1.get("resolved").get("total").asLong()).isZero();
            assertFigures(h1.get("inProgress"), Map.of("total", 1, "withinDeadline", 1, "overdue", 0));
            assertInvariant(h1);

            JsonNode next = report(client, "officeId=" + o + "&from=2020-06-15&to=2020-12-14");
            assertFigures(next.get("received"), Map.of("total", 1, "carriedOver", 1, "inPerson", 0));
            assertFigures(next.get("resolved"), Map.of("total", 1, "early", 1));
            assertThat(next.get("inProgress").get("total").asLong()).isZero();
            assertThat(next.get("rates").get("resolved").decimalValue()).isEqualByComparingTo("1");
            assertInvariant(next);
        });
    }

    @Test
    void aSubtreeReportRollsUpEveryOfficeBelow() {
        String province = unique("P");
        String d1 = province + ".D1";
        String d2 = province + ".D2";
        String c1 = d1 + ".C1";
        feed.send(office(province, null, OfficeLevel.PROVINCE), office(d1, province, OfficeLevel.DISTRICT),
                office(d2, province, OfficeLevel.DISTRICT), office(c1, d1, OfficeLevel.COMMUNE));
        int n = 0;
        for (Map.Entry<String, Integer> e : Map.of(province, 1, d1, 2, c1, 3, d2, 4).entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                feed.send(received("s" + (n++) + province, e.getKey(), Channel.IN_PERSON, false,
                        "2022-02-0" + (i + 1) + "T09:00", "2022-02-10T09:00"));
            }
        }
        String period = "&from=2022-02-01&to=2022-02-28";
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(total(report(client, "officeId=" + province + period + "&scope=subtree"))).isEqualTo(10);
            assertThat(total(report(client, "officeId=" + province + period))).isEqualTo(1);
            assertThat(total(report(client, "officeId=" + province + period + "&scope=self"))).isEqualTo(1);
            assertThat(total(report(client, "officeId=" + d1 + period + "&scope=subtree"))).isEqualTo(5);
            assertThat(total(report(client, "officeId=" + d1 + period + "&scope=self"))).isEqualTo(2);
            assertThat(total(report(client, "officeId=" + c1 + period + "&scope=subtree"))).isEqualTo(3);
        });

        Reply<JsonNode> breakdown = client.get("/api/v1/reports/dossiers/breakdown?officeId=" + province
                + period + "&by=office", accept("application/json"));
        assertThat(breakdown.status()).isEqualTo(200);
        JsonNode rows = breakdown.json().get("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("key").asText()).isEqualTo(province);
        assertThat(total(rows.get(0))).isEqualTo(1);
        assertThat(rows.get(1).get("key").asText()).isEqualTo(d1);
        assertThat(total(rows.get(1))).isEqualTo(5);
        assertThat(rows.get(2).get("key").asText()).isEqualTo(d2);
        assertThat(rows.get(2).get("label").asText()).isEqualTo("Office " + d2);
        assertThat(total(rows.get(2))).isEqualTo(4);
        assertThat(total(breakdown.json().get("total"))).isEqualTo(10);
    }

    @Test
    void breakdownsByFieldAndProcedureHaveARowEachAndATotal() {
        String o = unique("H49.B");
        feed.send(office(o, null, OfficeLevel.DISTRICT),
                received("f1" + o, o, "1.001612", "Đất đai", Channel.IN_PERSON, false, "2022-05-03T09:00",
                        "2022-05-06T09:00"),
                received("f2" + o, o, "1.001612", "Đất đai", Channel.ONLINE, true, "2022-05-03T10:00",
                        "2022-05-06T10:00"),
                received("f3" + o, o, "2.000046", "Hộ tịch", Channel.ONLINE, true, "2022-05-04T09:00",
                        "2022-05-05T09:00"),
                resolved("f3" + o, o, Timeliness.EARLY, "2022-05-05T09:00", "2022-05-04T15:00"));
        String base = "/api/v1/reports/dossiers/breakdown?officeId=" + o + "&from=2022-05-01&to=2022-05-31";
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode byField = client.get(base + "&by=field", accept("application/json")).json();
            assertThat(byField.get("by").asText()).isEqualTo("field");
            assertThat(byField.get("rows")).hasSize(2);
            assertThat(byField.get("rows").get(0).get("key").asText()).isEqualTo("Hộ tịch");
            assertFigures(byField.get("rows").get(0).get("resolved"), Map.of("total", 1, "early", 1));
            assertThat(byField.get("rows").get(1).get("key").asText()).isEqualTo("Đất đai");
            assertFigures(byField.get("rows").get(1).get("received"), Map.of("total", 2, "online", 1));
            assertFigures(byField.get("total").get("received"), Map.of("total", 3, "online", 2, "inPerson", 1));
            assertInvariant(byField.get("total"));
        });
        JsonNode byProcedure = client.get(base + "&by=procedure", accept("application/json")).json();
        assertThat(byProcedure.get("rows")).extracting(r -> r.get("key").asText())
                .containsExactly("1.001612", "2.000046");
        assertThat(byProcedure.get("rows").get(0).get("rates").get("online").decimalValue())
                .isEqualByComparingTo("1");
    }

    @Test
    void csvOpensInExcelWithVietnameseNames() {
        String o = unique("H49.CSV");
        feed.send(new vn.motcua.events.OfficeRegistered(o, "UBND xã Tân Thông Hội", OfficeLevel.COMMUNE, null,
                        EventFeed.at("2019-01-01T08:00")),
                received("c1" + o, o, Channel.ONLINE, true, "2022-08-01T09:00", "2022-08-04T09:00"),
                resolved("c1" + o, o, Timeliness.ON_TIME, "2022-08-04T09:00", "2022-08-04T08:00"));
        String query = "officeId=" + o + "&from=2022-08-01&to=2022-08-31";
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(report(client, query).get("resolved").get("total").asLong()).isEqualTo(1));

        Reply<JsonNode> csv = client.get("/api/v1/reports/dossiers?" + query, accept("text/csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.bytes()).startsWith(0xEF, 0xBB, 0xBF); // UTF-8 byte-order mark
        String[] lines = csv.body().substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("office_id,from,to,scope,received_total,received_carried_over");
        assertThat(lines[1]).startsWith(o + ",2022-08-01,2022-08-31,self,1,0,1,0,0,1,0,1,0,0,0,0,0,0,1,1,0,0,0,")
                .endsWith(",1.0000,1.0000,1.0000");

        Reply<JsonNode> breakdown = client.get("/api/v1/reports/dossiers/breakdown?" + query + "&by=office", accept("text/csv"));
        assertThat(breakdown.status()).isEqualTo(200);
        String text = breakdown.body();
        assertThat(text).contains("," + o + ",UBND xã Tân Thông Hội,1,").contains(",TOTAL,Total,1,");
    }

    @Test
    void siblingOfficesAreRankedByOnTimeAndOnlineRate() {
        String province = unique("RK");
        String a = province + ".A";
        String b = province + ".B";
        String c = province + ".C";
        feed.send(office(province, null, OfficeLevel.PROVINCE), office(a, province, OfficeLevel.DISTRICT),
                office(b, province, OfficeLevel.DISTRICT), office(c, province, OfficeLevel.DISTRICT),
                received("a1" + a, a, Channel.ONLINE, true, "2022-09-05T09:00", "2022-09-08T09:00"),
                resolved("a1" + a, a, Timeliness.EARLY, "2022-09-08T09:00", "2022-09-06T09:00"),
                received("a2" + a, a, Channel.IN_PERSON, true, "2022-09-05T09:00", "2022-09-08T09:00"),
                resolved("a2" + a, a, Timeliness.ON_TIME, "2022-09-08T09:00", "2022-09-08T08:00"),
                received("b1" + b, b, Channel.ONLINE, true, "2022-09-05T09:00", "2022-09-08T09:00"),
                resolved("b1" + b, b, Timeliness.LATE, "2022-09-08T09:00", "2022-09-09T09:00"),
                received("b2" + b, b, Channel.ONLINE, true, "2022-09-05T09:00", "2022-09-08T09:00"),
                resolved("b2" + b, b, Timeliness.EARLY, "2022-09-08T09:00", "2022-09-06T09:00"),
                received("c1" + c, c, Channel.IN_PERSON, false, "2022-09-05T09:00", "2022-09-30T09:00"));
        String base = "/api/v1/reports/dossiers/ranking?officeId=" + province + "&from=2022-09-01&to=2022-09-30";
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode onTime = client.get(base + "&by=onTime", accept("application/json")).json();
            assertThat(onTime.get("rows")).extracting(r -> r.get("officeId").asText()).containsExactly(a, b, c);
            assertThat(onTime.get("rows").get(0).get("rank").asInt()).isEqualTo(1);
            assertThat(onTime.get("rows").get(0).get("rate").decimalValue()).isEqualByComparingTo("1");
            assertThat(onTime.get("rows").get(1).get("rank").asInt()).isEqualTo(2);
            assertThat(onTime.get("rows").get(1).get("rate").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(onTime.get("rows").get(2).get("rate").isNull()).isTrue(); // nothing resolved: no rate
            assertThat(onTime.get("rows").get(2).get("rank").isNull()).isTrue();
        });
        JsonNode online = client.get(base + "&by=online", accept("application/json")).json();
        assertThat(online.get("rows")).extracting(r -> r.get("officeId").asText()).containsExactly(b, a, c);
        assertThat(online.get("rows").get(0).get("numerator").asLong()).isEqualTo(2);
        assertThat(online.get("rows").get(1).get("rate").decimalValue()).isEqualByComparingTo("0.5");
    }

    @Test
    void aPeriodEndingTodayOrLaterIsMeasuredNow() {
        String o = unique("H49.NOW");
        java.time.LocalDateTime now = java.time.LocalDateTime.now(EventFeed.VN).withNano(0);
        String received = now.minusDays(2).toString();
        feed.send(office(o, null, OfficeLevel.COMMUNE),
                // due tomorrow: within the deadline now, though it would be overdue at the period's nominal end
                received("t1" + o, o, Channel.IN_PERSON, false, received, now.plusDays(1).toString()),
                // due yesterday, still open: overdue now
                received("t2" + o, o, Channel.ONLINE, true, received, now.minusDays(1).toString()));
        String query = "officeId=" + o + "&from=" + now.toLocalDate().minusDays(5) + "&to="
                + now.toLocalDate().plusDays(30);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode r = report(client, query);
            assertFigures(r.get("inProgress"), Map.of("total", 2, "withinDeadline", 1, "overdue", 1));
            assertInvariant(r);
        });
    }

    private static long total(JsonNode report) {
        return report.get("received").get("total").asLong();
    }

    static void assertFigures(JsonNode node, Map<String, Integer> expected) {
        expected.forEach((field, value) ->
                assertThat(node.get(field).asLong()).as(field).isEqualTo(value.longValue()));
    }

    static void assertInvariant(JsonNode r) {
        assertThat(r.get("received").get("total").asLong()).as("received = resolved + withdrawn + in progress")
                .isEqualTo(r.get("resolved").get("total").asLong() + r.get("withdrawn").asLong()
                        + r.get("inProgress").get("total").asLong());
    }
}
