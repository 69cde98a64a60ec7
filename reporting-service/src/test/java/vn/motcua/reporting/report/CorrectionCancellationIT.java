package vn.motcua.reporting.report;

import static vn.motcua.reporting.ReportingInfra.accept;
import static vn.motcua.reporting.ReportingInfra.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.apology;
import static vn.motcua.reporting.EventFeed.at;
import static vn.motcua.reporting.EventFeed.office;
import static vn.motcua.reporting.EventFeed.resolved;
import static vn.motcua.reporting.EventFeed.unique;
import static vn.motcua.reporting.report.DossierReportIT.assertFigures;
import static vn.motcua.reporting.report.DossierReportIT.assertInvariant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierRated;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.FeePaid;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.Rating;
import vn.motcua.events.Timeliness;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.reporting.FedReportingBase;
import vn.motcua.reporting.projection.ProjectionMetrics;

/**
 * Issue 14's "Must show" for reporting, over the real broker and database: a correction of procedure (the next
 * revision of DossierReceived, with the dueAt workflow moved) moves the dossier's figures, and a cancelled receipt
 * leaves every figure of the report, its breakdowns and its dossier lists.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectionCancellationIT extends FedReportingBase {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String MARCH = "&from=2020-03-01&to=2020-03-31";

    @Inject
    ProjectionMetrics metrics;

    @Override
    protected String database() {
        return "reporting_correction_it";
    }

    /** A receipt of {@code revision}; the procedure decides the field and (through workflow) the dueAt. */
    private static DossierReceived receipt(String id, String office, String procedure, int revision,
                                           String receivedAt, String dueAt) {
        String field = procedure.startsWith("1.") ? "Hộ tịch" : "Đất đai";
        return new DossierReceived(id, office + "-" + id, office, procedure, field, Channel.IN_PERSON, false,
                BigDecimal.valueOf(3), at(receivedAt), at(dueAt), null, revision, 1, 0, 0, 0, false, null);
    }

    @Test
    void aCorrectedProcedureMovesTheDossiersDueAtAndItsFigures() {
        String o = unique("H14.COR");
        String shortP = "1.000014"; // 3 working days
        String longP = "2.000014"; // 30 days
        feed.send(office(o, null, OfficeLevel.COMMUNE));
        double before = metrics.appliedTotal();
        List<MotcuaEvent> events = List.of(
                // x: received under the short procedure, overdue at the period's end; corrected to the long one
                receipt("x" + o, o, shortP, 0, "2020-03-02T09:00", "2020-03-05T09:00"),
                receipt("x" + o, o, longP, 1, "2020-03-02T09:00", "2020-04-15T09:00"),
                // w: the other way round, the correction arriving BEFORE the first revision (it must stand)
                receipt("w" + o, o, shortP, 1, "2020-03-02T09:00", "2020-03-05T09:00"),
                receipt("w" + o, o, longP, 0, "2020-03-02T09:00", "2020-04-15T09:00"),
                // z: corrected to the long procedure, then resolved against the moved dueAt: on time, not late
                receipt("z" + o, o, shortP, 0, "2020-03-02T09:00", "2020-03-05T09:00"),
                receipt("z" + o, o, longP, 1, "2020-03-02T09:00", "2020-03-20T09:00"),
                resolved("z" + o, o, Timeliness.ON_TIME, "2020-03-20T09:00", "2020-03-18T09:00"));
        feed.send(events);
        await().atMost(PATIENCE).until(() -> metrics.appliedTotal() >= before + events.size());

        String query = "officeId=" + o + MARCH;
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode r = report(client, query);
            assertFigures(r.get("received"), Map.of("total", 3, "inPerson", 3));
            assertFigures(r.get("resolved"), Map.of("total", 1, "onTime", 1, "late", 0));
            assertFigures(r.get("inProgress"), Map.of("total", 2, "withinDeadline", 1, "overdue", 1));
            assertFigures(r.get("apologies"), Map.of("lateWithoutLetter", 0));
            assertInvariant(r);
        });
        // The dossier lists name the moved dossiers with the latest revision's dueAt.
        JsonNode overdue = items(query + "&figure=inProgress.overdue").get("items");
        assertThat(overdue).extracting(i -> i.get("dossierId").asText()).containsExactly("w" + o);
        assertThat(overdue.get(0).get("procedureCode").asText()).isEqualTo(shortP);
        JsonNode within = items(query + "&figure=inProgress.withinDeadline").get("items");
        assertThat(within).extracting(i -> i.get("dossierId").asText()).containsExactly("x" + o);
        assertThat(within.get(0).get("procedureCode").asText()).isEqualTo(longP);
        assertThat(within.get(0).get("dueAt").asText()).startsWith("2020-04-15");
        // The breakdowns follow the corrected procedure and its field.
        JsonNode byProcedure = json("/api/v1/reports/dossiers/breakdown?" + query + "&by=procedure");
        assertThat(byProcedure.get("rows")).extracting(row -> row.get("key").asText())
                .containsExactly(shortP, longP);
        assertFigures(byProcedure.get("rows").get(0).get("received"), Map.of("total", 1)); // w
        assertFigures(byProcedure.get("rows").get(0).get("inProgress"), Map.of("overdue", 1));
        assertFigures(byProcedure.get("rows").get(1).get("received"), Map.of("total", 2)); // x, z
        assertFigures(byProcedure.get("rows").get(1).get("resolved"), Map.of("onTime", 1));
        assertFigures(byProcedure.get("rows").get(1).get("inProgress"), Map.of("withinDeadline", 1, "overdue", 0));
    }

    @Test
    void aCancelledReceiptLeavesEveryFigureBreakdownAndList() {
        // Two twin offices with the same ledger; one also holds cancelled dossiers. Every figure must be equal.
        String district = unique("H14.CAN");
        String withCancelled = district + ".A";
        String twin = district + ".B";
        feed.send(office(district, null, OfficeLevel.DISTRICT), office(withCancelled, district, OfficeLevel.COMMUNE),
                office(twin, district, OfficeLevel.COMMUNE));
        double before = metrics.appliedTotal();
        List<MotcuaEvent> events = new ArrayList<>();
        for (String o : List.of(withCancelled, twin)) {
            events.add(receipt("n1" + o, o, "1.000014", 0, "2020-03-02T09:00", "2020-03-05T09:00"));
            events.add(resolved("n1" + o, o, Timeliness.EARLY, "2020-03-05T09:00", "2020-03-04T09:00"));
            events.add(receipt("n2" + o, o, "1.000014", 0, "2020-03-03T09:00", "2020-03-06T09:00")); // overdue
        }
        String o = withCancelled;
        // k1: a whole life (corrected, fee, late apology, late resolution, rating), then cancelled.
        events.add(receipt("k1" + o, o, "2.000014", 0, "2020-03-02T09:00", "2020-03-05T09:00"));
        events.add(receipt("k1" + o, o, "2.000014", 1, "2020-03-02T09:00", "2020-03-06T09:00"));
        events.add(new FeePaid("k1" + o, o, 50_000, true, at("2020-03-02T10:00")));
        events.add(apology("k1" + o, o, "2020-03-07T09:00", false));
        events.add(resolved("k1" + o, o, Timeliness.LATE, "2020-03-06T09:00", "2020-03-10T09:00"));
        events.add(new DossierRated("k1" + o, o, Rating.DISSATISFIED, at("2020-03-11T09:00")));
        events.add(new DossierCancelled("k1" + o, o, "received in error", at("2020-03-12T09:00")));
        // k2: open and overdue, cancelled. k3: the cancellation arrives before its receipt.
        events.add(receipt("k2" + o, o, "2.000014", 0, "2020-03-09T09:00", "2020-03-10T09:00"));
        events.add(new DossierCancelled("k2" + o, o, "duplicate receipt", at("2020-03-09T10:00")));
        events.add(new DossierCancelled("k3" + o, o, "received in error", at("2020-03-16T10:00")));
        events.add(receipt("k3" + o, o, "1.000014", 0, "2020-03-16T09:00", "2020-03-30T09:00"));
        feed.send(events);
        await().atMost(PATIENCE).until(() -> metrics.appliedTotal() >= before + events.size());

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode r = report(client, "officeId=" + withCancelled + MARCH);
            assertFigures(r.get("received"), Map.of("total", 2));
            assertThat(withoutOffice(r)).isEqualTo(withoutOffice(report(client, "officeId=" + twin + MARCH)));
        });
        JsonNode r = report(client, "officeId=" + withCancelled + MARCH);
        assertFigures(r.get("resolved"), Map.of("total", 1, "early", 1, "late", 0));
        assertFigures(r.get("inProgress"), Map.of("total", 1, "overdue", 1));
        assertFigures(r.get("apologies"), Map.of("sent", 0, "lateWithoutLetter", 0));

        // The district's subtree counts both communes' own dossiers only, in every breakdown.
        JsonNode subtree = report(client, "officeId=" + district + "&scope=subtree" + MARCH);
        assertFigures(subtree.get("received"), Map.of("total", 4));
        assertFigures(subtree.get("apologies"), Map.of("sent", 0));
        JsonNode byOffice = json("/api/v1/reports/dossiers/breakdown?officeId=" + district + MARCH + "&by=office");
        assertThat(withoutOffice(row(byOffice, withCancelled))).isEqualTo(withoutOffice(row(byOffice, twin)));
        JsonNode byProcedure = json("/api/v1/reports/dossiers/breakdown?officeId=" + withCancelled + MARCH
                + "&by=procedure");
        assertThat(byProcedure.get("rows")).extracting(row -> row.get("key").asText()).containsExactly("1.000014");

        // Every figure's dossier list: none of the cancelled dossiers.
        for (FigurePath figure : FigurePath.values()) {
            JsonNode page = items("officeId=" + withCancelled + MARCH + "&figure=" + figure.path() + "&size=50");
            assertThat(page.get("items")).as(figure.path())
                    .allSatisfy(i -> assertThat(i.get("dossierId").asText()).as(figure.path()).startsWith("n"));
            assertThat(page.get("total").asLong()).as(figure.path())
                    .isEqualTo(items("officeId=" + twin + MARCH + "&figure=" + figure.path()).get("total").asLong());
        }
    }

    private static JsonNode withoutOffice(JsonNode node) {
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of("officeId", "key", "label", "rank"));
        return copy;
    }

    private static JsonNode row(JsonNode breakdown, String key) {
        for (JsonNode row : breakdown.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + breakdown);
    }

    private JsonNode items(String query) {
        return json("/api/v1/reports/dossiers/items?" + query);
    }

    private JsonNode json(String path) {
        Reply<JsonNode> r = client.get(path, accept("application/json"));
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }
}
