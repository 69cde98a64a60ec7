package vn.motcua.reporting.index;

import static vn.motcua.reporting.ReportingInfra.accept;
import static vn.motcua.reporting.ReportingInfra.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.at;
import static vn.motcua.reporting.EventFeed.office;
import static vn.motcua.reporting.EventFeed.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierRated;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.FeePaid;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OnlineMode;
import vn.motcua.events.Outcome;
import vn.motcua.events.PetitionAnswered;
import vn.motcua.events.PetitionRated;
import vn.motcua.events.PetitionReceived;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.events.Rating;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.ReturnMethod;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.events.Timeliness;
import vn.motcua.reporting.FedReportingBase;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * The Decision 766 index as an analyst reads it: one commune, March 2024, dossiers and petitions crafted so that
 * every indicator has a value computed by hand below (numerator, denominator, score), then the same figures
 * after a rebuild. Dates are local (Asia/Ho_Chi_Minh); the period's end is 2024-04-01 00:00.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceIndexIT extends FedReportingBase {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    protected String database() {
        return "reporting_index_it";
    }

    /** A procedure with Decision 766 data (dates null = unknown). */
    private static ProcedurePublished procedure(String code, OnlineMode mode, long fee, boolean onlinePayment,
                                                String decided, String effective, String published,
                                                Boolean complete) {
        return new ProcedurePublished(code, "Thủ tục " + code, "Hộ tịch", BigDecimal.valueOf(5), mode, false,
                at("2023-12-01T08:00"), fee, onlinePayment, date(decided), date(effective), date(published),
                complete);
    }

    private static LocalDate date(String d) {
        return d == null ? null : LocalDate.parse(d);
    }

    private static DossierReceived receipt(String id, String office, String procedure, Channel channel,
                                           boolean eligible, String receivedAt, String dueAt, int revision,
                                           int documents, int digitised, int reused, long fee,
                                           boolean onlinePayment) {
        return new DossierReceived(id, id, office, procedure, "Hộ tịch", channel, eligible, BigDecimal.valueOf(5),
                at(receivedAt), at(dueAt), null, revision, documents, digitised, reused, fee, onlinePayment, null);
    }

    private static DossierResolved resolved(String id, String office, Timeliness t, String due, String at) {
        return new DossierResolved(id, office, Outcome.APPROVED, null, t, at(due), at(at));
    }

    private static ResultReturned returned(String id, String office, String at, boolean electronic) {
        return new ResultReturned(id, office, ReturnMethod.IN_PERSON, at(at), electronic);
    }

    /** Every event of the commune's ledger; {@code p} prefixes the procedure codes (unique per office tree). */
    static List<MotcuaEvent> ledger(String c, String p) {
        String p1 = p + "1"; // FULL, no fee; announced and made public on time, complete
        String p2 = p + "2"; // PARTIAL, fee; announced and made public late, incomplete
        String p3 = p + "3"; // NONE, fee; 766 dates unknown
        String p4 = p + "4"; // a procedure of no dossier newly received in March
        List<MotcuaEvent> e = new ArrayList<>(List.of(
                procedure(p1, OnlineMode.FULL, 0, false, "2024-01-02", "2024-01-15", "2024-01-05", true),
                procedure(p2, OnlineMode.PARTIAL, 100_000, true, "2024-01-10", "2024-01-12", "2024-01-25", false),
                procedure(p3, OnlineMode.NONE, 50_000, true, null, "2024-02-01", null, null),
                procedure(p4, OnlineMode.FULL, 10_000, true, "2024-01-02", "2024-01-15", "2024-01-05", true)));
        // Before March. a1: carried over, open and overdue at the end.
        e.add(receipt("a1" + c, c, p1, Channel.IN_PERSON, true, "2024-02-20T09:00", "2024-02-27T09:00", 0, 0, 0,
                0, 0, false));
        // a2: closed in February (not in D); its online payment in March is of a procedure not in N.
        e.add(receipt("a2" + c, c, p4, Channel.IN_PERSON, true, "2024-02-10T09:00", "2024-02-16T09:00", 0, 1, 1,
                0, 10_000, true));
        e.add(resolved("a2" + c, c, Timeliness.EARLY, "2024-02-16T09:00", "2024-02-15T09:00"));
        e.add(new FeePaid("a2" + c, c, 10_000, true, at("2024-03-05T09:00")));
        // a3: carried over, resolved on time in March, result returned electronically in March.
        e.add(receipt("a3" + c, c, p2, Channel.IN_PERSON, true, "2024-02-25T09:00", "2024-03-05T09:00", 0, 0, 0,
                0, 100_000, true));
        e.add(resolved("a3" + c, c, Timeliness.ON_TIME, "2024-03-05T09:00", "2024-03-04T09:00"));
        e.add(returned("a3" + c, c, "2024-03-05T10:00", true));
        // March, N. b1: online, all digitised, one reused; early, electronic result, satisfied.
        e.add(receipt("b1" + c, c, p1, Channel.ONLINE, true, "2024-03-04T09:00", "2024-03-11T09:00", 0, 2, 2, 1,
                0, false));
        e.add(resolved("b1" + c, c, Timeliness.EARLY, "2024-03-11T09:00", "2024-03-05T09:00"));
        e.add(returned("b1" + c, c, "2024-03-06T09:00", true));
        e.add(new DossierRated("b1" + c, c, Rating.SATISFIED, at("2024-03-06T10:00")));
        // b2: 2 of 3 documents digitised; late; paper result; DISSATISFIED.
        e.add(receipt("b2" + c, c, p1, Channel.IN_PERSON, true, "2024-03-05T09:00", "2024-03-08T09:00", 0, 3, 2, 0,
                0, false));
        e.add(resolved("b2" + c, c, Timeliness.LATE, "2024-03-08T09:00", "2024-03-20T09:00"));
        e.add(returned("b2" + c, c, "2024-03-21T09:00", false));
        e.add(new DossierRated("b2" + c, c, Rating.DISSATISFIED, at("2024-03-21T10:00")));
        // b3: online, paid online; two supplement requests; resolved on time, never returned.
        e.add(receipt("b3" + c, c, p2, Channel.ONLINE, true, "2024-03-06T09:00", "2024-03-13T09:00", 0, 1, 1, 0,
                100_000, true));
        e.add(new FeePaid("b3" + c, c, 100_000, true, at("2024-03-06T10:00")));
        e.add(new SupplementRequested("b3" + c, c, "thiếu bản sao", at("2024-03-07T09:00")));
        e.add(new SupplementReceived("b3" + c, c, at("2024-03-08T09:00"), at("2024-03-20T09:00")));
        e.add(new SupplementRequested("b3" + c, c, "thiếu bản sao lần hai", at("2024-03-11T09:00")));
        e.add(new SupplementReceived("b3" + c, c, at("2024-03-12T09:00"), at("2024-03-25T09:00")));
        e.add(resolved("b3" + c, c, Timeliness.ON_TIME, "2024-03-25T09:00", "2024-03-22T09:00"));
        // b4: no documents, paid at the desk, withdrawn.
        e.add(receipt("b4" + c, c, p2, Channel.IN_PERSON, true, "2024-03-07T09:00", "2024-03-14T09:00", 0, 0, 0, 0,
                100_000, true));
        e.add(new FeePaid("b4" + c, c, 100_000, false, at("2024-03-07T10:00")));
        e.add(new DossierWithdrawn("b4" + c, c, "applicant's request", at("2024-03-15T09:00")));
        // b5: nothing digitised, one reused; open within its deadline.
        e.add(receipt("b5" + c, c, p3, Channel.IN_PERSON, false, "2024-03-11T09:00", "2024-04-05T09:00", 0, 2, 0,
                1, 50_000, false));
        // b6: the latest of p3 (fee payable online); open and overdue at the end.
        e.add(receipt("b6" + c, c, p3, Channel.POSTAL, false, "2024-03-12T09:00", "2024-03-15T09:00", 0, 1, 1, 0,
                50_000, true));
        // b7: the latest of p2; revision 1 (fee 120,000 not payable online, every document digitised, 2 reused)
        // arrives BEFORE revision 0, which must not undo it. Paid online; early; paper result.
        e.add(receipt("b7" + c, c, p2, Channel.ONLINE, true, "2024-03-13T09:00", "2024-03-20T09:00", 1, 2, 2, 2,
                120_000, false));
        e.add(receipt("b7" + c, c, p2, Channel.ONLINE, true, "2024-03-13T09:00", "2024-03-20T09:00", 0, 2, 0, 0,
                100_000, true));
        e.add(new FeePaid("b7" + c, c, 120_000, true, at("2024-03-14T09:00")));
        e.add(resolved("b7" + c, c, Timeliness.EARLY, "2024-03-20T09:00", "2024-03-14T10:00"));
        e.add(returned("b7" + c, c, "2024-03-15T09:00", false));
        // b8: cancelled (received in error): it would be p1's latest (not offered online) and counts NOWHERE.
        e.add(receipt("b8" + c, c, p1, Channel.ONLINE, false, "2024-03-28T09:00", "2024-03-29T09:00", 0, 5, 5, 5,
                0, false));
        e.add(new FeePaid("b8" + c, c, 1_000, true, at("2024-03-28T09:30")));
        e.add(resolved("b8" + c, c, Timeliness.LATE, "2024-03-29T09:00", "2024-03-30T09:00"));
        e.add(returned("b8" + c, c, "2024-03-30T10:00", true));
        e.add(new DossierRated("b8" + c, c, Rating.DISSATISFIED, at("2024-03-30T11:00")));
        e.add(new DossierCancelled("b8" + c, c, "received in error", at("2024-03-31T09:00")));
        // b9: awaiting a supplement at the end (within its deadline).
        e.add(receipt("b9" + c, c, p1, Channel.IN_PERSON, true, "2024-03-25T09:00", "2024-03-27T09:00", 0, 1, 1, 0,
                0, false));
        e.add(new SupplementRequested("b9" + c, c, "thiếu tờ khai", at("2024-03-26T09:00")));
        // After the period.
        e.add(receipt("c1" + c, c, p3, Channel.ONLINE, false, "2024-04-02T09:00", "2024-04-09T09:00", 0, 1, 1, 1,
                50_000, true));
        // Petitions. q1: open at the start, answered late in March. q2: answered in February (not counted).
        e.add(new PetitionReceived("q1" + c, c, "thái độ", at("2024-02-10T09:00"), at("2024-03-01T09:00")));
        e.add(new PetitionAnswered("q1" + c, c, at("2024-03-05T09:00"), at("2024-03-01T09:00"), false));
        e.add(new PetitionReceived("q2" + c, c, "thái độ", at("2024-02-01T09:00"), at("2024-02-22T09:00")));
        e.add(new PetitionAnswered("q2" + c, c, at("2024-02-20T09:00"), at("2024-02-22T09:00"), true));
        // q3: answered on time, rated DISSATISFIED; q6: on time, SATISFIED (the rating arrives first).
        e.add(new PetitionRated("q3" + c, c, Rating.DISSATISFIED, at("2024-03-21T09:00")));
        e.add(new PetitionReceived("q3" + c, c, "thủ tục", at("2024-03-04T09:00"), at("2024-03-25T09:00")));
        e.add(new PetitionAnswered("q3" + c, c, at("2024-03-20T09:00"), at("2024-03-25T09:00"), true));
        e.add(new PetitionReceived("q6" + c, c, "thủ tục", at("2024-03-06T09:00"), at("2024-03-27T09:00")));
        e.add(new PetitionAnswered("q6" + c, c, at("2024-03-10T09:00"), at("2024-03-27T09:00"), true));
        e.add(new PetitionRated("q6" + c, c, Rating.SATISFIED, at("2024-03-11T09:00")));
        // q4: open and overdue at the end; q5: open, not yet due; q7: answered after the period, overdue at the end.
        e.add(new PetitionReceived("q4" + c, c, "thủ tục", at("2024-03-05T09:00"), at("2024-03-26T09:00")));
        e.add(new PetitionReceived("q5" + c, c, "thủ tục", at("2024-03-20T09:00"), at("2024-04-10T09:00")));
        e.add(new PetitionReceived("q7" + c, c, "thủ tục", at("2024-03-07T09:00"), at("2024-03-28T09:00")));
        e.add(new PetitionAnswered("q7" + c, c, at("2024-04-05T09:00"), at("2024-03-28T09:00"), false));
        return e;
    }

    /** code -> {numerator, denominator, score}; null: unavailable. */
    private static final Map<String, String[]> EXPECTED = new HashMap<>();

    static {
        // CKMB: procedures of N = p1, p2, p3 (p4's dossier was not received in March).
        EXPECTED.put("CKMB.1", new String[] {"1", "2", "3.00"}); // p1 on time, p2 late, p3 unknown
        EXPECTED.put("CKMB.2", new String[] {"1", "2", "2.00"});
        EXPECTED.put("CKMB.3", new String[] {"1", "2", "1.00"});
        EXPECTED.put("CKMB.4", null);
        // D = a1 a3 b1..b7 b9 = 10 (b8 cancelled); early+onTime+withdrawn+within = 2+2+1+2 = 7, less b3 (two
        // supplement requests) = 6.
        EXPECTED.put("TDGQ.1", new String[] {"6", "10", "12.00"});
        // latest of p1 = b9 (online), p2 = b7 (online), p3 = b6 (not): 2/3 of threshold 0.8 -> 4 * 0.8333.
        EXPECTED.put("CLGQ.1", new String[] {"2", "3", "3.33"});
        EXPECTED.put("CLGQ.2", new String[] {"3", "8", "3.00"}); // b1 b3 b7 of 8; 0.375/0.5 * 4
        EXPECTED.put("CLGQ.3", new String[] {"1", "3", "2.67"}); // FULL = p1: b1 of b1 b2 b9
        // fee > 0 by the latest dossier: p2 (b7 rev 1: not payable online), p3 (b6: payable online).
        EXPECTED.put("TTTT.1", new String[] {"1", "2", "1.25"});
        EXPECTED.put("TTTT.2", new String[] {"1", "2", "1.25"}); // p2 paid online in March (b3, b7), p3 not
        EXPECTED.put("TTTT.3", new String[] {"2", "5", "2.40"}); // b3 b7 of b3 b4 b5 b6 b7
        EXPECTED.put("MDSH.1", new String[] {"2", "4", "3.00"}); // a3 b1 of a3 b1 b2 b7
        EXPECTED.put("MDSH.2", new String[] {"5", "8", "3.13"}); // b1 b3 b6 b7 b9; 0.625/0.8 * 4 = 3.125
        EXPECTED.put("MDSH.3", new String[] {"3", "8", "0.94"}); // b1 b5 b7; 0.375/0.8 * 2 = 0.9375
        EXPECTED.put("MDSH.4-6", null);
        // petitions P = q1 q3 q4 q5 q6 q7; on time q3 q6 + not yet due q5.
        EXPECTED.put("MDHL.1", new String[] {"3", "6", "3.00"});
        // less q1 (late), q4 q7 (overdue), q3 (dissatisfied) = 2.
        EXPECTED.put("MDHL.2", new String[] {"2", "6", "2.00"});
        // 10 - late 1 (b2) - overdue 2 (a1 b6) - dissatisfied 1 (b2) = 6; 0.6/0.9 * 6.
        EXPECTED.put("MDHL.3", new String[] {"6", "10", "4.00"});
    }

    @Test
    void everyIndicatorOfTheLedgerAsComputedByHandAndTheSameAfterARebuild() {
        String district = unique("H20.X");
        String c = district + ".C1";
        List<MotcuaEvent> events = new ArrayList<>(List.of(office(district, null, OfficeLevel.DISTRICT),
                office(c, district, OfficeLevel.COMMUNE)));
        events.addAll(ledger(c, unique("T")));
        feed.send(events);
        String query = "officeId=" + c + "&from=2024-03-01&to=2024-03-31";
        await().atMost(PATIENCE).untilAsserted(() -> assertLedger(index(query), c));

        // The form 06 report leaves the cancelled dossier out as well.
        JsonNode report = report(client, query);
        assertThat(report.get("received").get("total").asLong()).isEqualTo(10);
        assertThat(report.get("received").get("online").asLong()).isEqualTo(3);
        assertThat(report.get("resolved").get("total").asLong()).isEqualTo(5);
        assertThat(report.get("inProgress").get("overdue").asLong()).isEqualTo(2);

        assertThat(client.send("POST", "/api/v1/projections/rebuild", null, accept("application/json")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            JsonNode status = client.get("/api/v1/projections/status", accept("application/json")).json();
            assertThat(status.get("rebuild").get("state").asText()).isEqualTo("DONE");
        });
        assertLedger(index(query), c);
        assertThat(report(client, query)).isEqualTo(report);
    }

    private void assertLedger(JsonNode index, String c) {
        assertThat(index.get("officeId").asText()).isEqualTo(c);
        assertThat(index.get("from").asText()).isEqualTo("2024-03-01");
        assertThat(index.get("to").asText()).isEqualTo("2024-03-31");
        Map<String, JsonNode> byCode = new HashMap<>();
        for (JsonNode g : index.get("groups")) {
            for (JsonNode i : g.get("indicators")) {
                byCode.put(i.get("code").asText(), i);
            }
        }
        assertThat(byCode.keySet()).isEqualTo(EXPECTED.keySet());
        EXPECTED.forEach((code, expected) -> {
            JsonNode i = byCode.get(code);
            if (expected == null) {
                assertThat(i.get("available").asBoolean()).as(code).isFalse();
                assertThat(i.get("score").isNull()).as(code).isTrue();
                return;
            }
            assertThat(i.get("available").asBoolean()).as(code).isTrue();
            assertThat(i.get("numerator").asLong()).as(code + " numerator").isEqualTo(Long.parseLong(expected[0]));
            assertThat(i.get("denominator").asLong()).as(code + " denominator")
                    .isEqualTo(Long.parseLong(expected[1]));
            assertThat(i.get("score").decimalValue()).as(code + " score").isEqualByComparingTo(expected[2]);
        });
        // 6 + 12 + 9 + 4.90 + 7.07 + 9; 100 less CKMB.4 (6) and MDSH.4-6 (10).
        assertThat(index.get("total").decimalValue()).isEqualByComparingTo("47.97");
        assertThat(index.get("maxTotal").decimalValue()).isEqualByComparingTo("84");
        JsonNode tdgq = index.get("groups").get(1);
        assertThat(tdgq.get("code").asText()).isEqualTo("TDGQ");
        assertThat(tdgq.get("score").decimalValue()).isEqualByComparingTo("12");
        assertThat(tdgq.get("max").decimalValue()).isEqualByComparingTo("20");
        assertThat(index.get("groups").get(0).get("max").decimalValue()).isEqualByComparingTo("12"); // CKMB less .4
    }

    @Test
    void childrenRankedByTotalWithTiesSharingARank() {
        String district = unique("H21.X");
        String a = district + ".A";
        String b = district + ".B";
        String c = district + ".C";
        String p = unique("R");
        List<MotcuaEvent> events = new ArrayList<>(List.of(office(district, null, OfficeLevel.DISTRICT),
                office(a, district, OfficeLevel.COMMUNE), office(b, district, OfficeLevel.COMMUNE),
                office(c, district, OfficeLevel.COMMUNE),
                procedure(p, OnlineMode.FULL, 0, false, null, null, null, null)));
        // a and c: the same good dossier; b: a late one.
        for (String o : List.of(a, c)) {
            events.add(receipt("r" + o, o, p, Channel.ONLINE, true, "2024-03-04T09:00", "2024-03-08T09:00", 0, 1,
                    1, 1, 0, false));
            events.add(resolved("r" + o, o, Timeliness.EARLY, "2024-03-08T09:00", "2024-03-05T09:00"));
        }
        events.add(receipt("r" + b, b, p, Channel.IN_PERSON, true, "2024-03-04T09:00", "2024-03-08T09:00", 0, 1,
                0, 0, 0, false));
        events.add(resolved("r" + b, b, Timeliness.LATE, "2024-03-08T09:00", "2024-03-12T09:00"));
        feed.send(events);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Reply<JsonNode> r = client.get("/api/v1/reports/service-index/ranking?officeId=" + district
                    + "&from=2024-03-01&to=2024-03-31", accept("application/json"));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode entries = r.json().get("entries");
            assertThat(entries).hasSize(3);
            assertThat(entries.get(0).get("officeId").asText()).isEqualTo(a);
            assertThat(entries.get(1).get("officeId").asText()).isEqualTo(c);
            assertThat(entries.get(2).get("officeId").asText()).isEqualTo(b);
            assertThat(entries.get(0).get("rank").asInt()).isEqualTo(1);
            assertThat(entries.get(1).get("rank").asInt()).isEqualTo(1);
            assertThat(entries.get(2).get("rank").asInt()).isEqualTo(3);
            assertThat(entries.get(0).get("total").decimalValue())
                    .isEqualByComparingTo(entries.get(1).get("total").decimalValue())
                    .isGreaterThan(entries.get(2).get("total").decimalValue());
        });
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String o = unique("H22");
        feed.send(office(o, null, OfficeLevel.PROVINCE));
        for (String[] c : new String[][] {
            {"from=2024-03-01&to=2024-03-31", "officeId"},
            {"officeId=" + o + "&from=2024-03-32&to=2024-03-31", "from"},
            {"officeId=" + o + "&from=2024-04-01&to=2024-03-31", "from"},
            {"officeId=" + o + "&from=2024-03-01&to=2024-03-31&scope=everything", "scope"}}) {
            Reply<JsonNode> r = client.get("/api/v1/reports/service-index?" + c[0], accept("application/json"));
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(c[1]);
        }
        Reply<JsonNode> ranking = client.get("/api/v1/reports/service-index/ranking?officeId=" + o, accept("application/json"));
        assertThat(ranking.status()).isEqualTo(400);
        assertThat(ranking.json().get("errors").get(0).get("field").asText()).isEqualTo("from");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(client.get("/api/v1/reports/service-index?officeId="
                + o + "&from=2024-03-01&to=2024-03-31", accept("application/json")).status()).isEqualTo(200));
        Reply<JsonNode> unknown = client.get("/api/v1/reports/service-index?officeId=" + o
                + ".NOPE&from=2024-03-01&to=2024-03-31", accept("application/json"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    private JsonNode index(String query) {
        Reply<JsonNode> r = client.get("/api/v1/reports/service-index?" + query, accept("application/json"));
        if (r.status() != 200) {
            throw new AssertionError("service-index answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }
}
