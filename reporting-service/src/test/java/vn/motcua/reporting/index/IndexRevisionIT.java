package vn.motcua.reporting.index;

import static vn.motcua.reporting.ReportingInfra.accept;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.at;
import static vn.motcua.reporting.EventFeed.office;
import static vn.motcua.reporting.EventFeed.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.FeePaid;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OnlineMode;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.reporting.FedReportingBase;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Issue 11, "a DossierReceived revision changing a procedure's fee", in arrival order (ServiceIndexIT has the
 * out-of-order case): the fee figures (TTTT) and the document counts (MDSH.2) follow each new revision of one
 * dossier on the live path, including a correction that moves the dossier to a free procedure.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexRevisionIT extends FedReportingBase {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Override
    protected String database() {
        return "reporting_index_revision_it";
    }

    private static ProcedurePublished procedure(String code) {
        return new ProcedurePublished(code, "Thủ tục " + code, "Hộ tịch", BigDecimal.valueOf(5), OnlineMode.PARTIAL,
                false, at("2023-12-01T08:00"), 0, false, null, null, null, null);
    }

    private static DossierReceived revision(String id, String office, String procedure, int revision, int digitised,
                                            long fee, boolean onlinePayment) {
        return new DossierReceived(id, id, office, procedure, "Hộ tịch", Channel.IN_PERSON, true,
                BigDecimal.valueOf(5), at("2024-03-04T09:00"), at("2024-03-11T09:00"), null, revision, 1, digitised,
                0, fee, onlinePayment, null);
    }

    @Test
    void theFeeFiguresFollowEachRevisionOfTheDossier() {
        String c = unique("H23.C");
        String paid = unique("F");
        String free = unique("G");
        String d = unique("d");
        feed.send(office(c, null, OfficeLevel.COMMUNE), procedure(paid), procedure(free));
        String query = "officeId=" + c + "&from=2024-03-01&to=2024-03-31";

        // Revision 0: no fee, nothing digitised: no payment indicator can be measured.
        feed.send(revision(d, c, paid, 0, 0, 0, false));
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, JsonNode> i = indicators(query);
            assertFraction(i, "MDSH.2", 0, 1);
            assertUnavailable(i, "TTTT.1", 0);
            assertUnavailable(i, "TTTT.2", 0);
            assertUnavailable(i, "TTTT.3", 0);
        });

        // Revision 1: the fee is 80,000 VND, payable online, the document digitised; not paid yet.
        feed.send(revision(d, c, paid, 1, 1, 80_000, true));
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, JsonNode> i = indicators(query);
            assertFraction(i, "MDSH.2", 1, 1);
            assertScore(i, "TTTT.1", 1, 1, "2.00");
            assertScore(i, "TTTT.2", 0, 1, "0.00");
            assertScore(i, "TTTT.3", 0, 1, "0.00");
        });

        // Paid online: TTTT.2 and TTTT.3 reach their full points.
        feed.send(new FeePaid(d, c, 80_000, true, at("2024-03-05T09:00")));
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, JsonNode> i = indicators(query);
            assertScore(i, "TTTT.1", 1, 1, "2.00");
            assertScore(i, "TTTT.2", 1, 1, "2.00");
            assertScore(i, "TTTT.3", 1, 1, "6.00");
        });

        // Revision 2: the dossier was of a free procedure after all. Neither procedure has a fee any more.
        feed.send(revision(d, c, free, 2, 1, 0, false));
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, JsonNode> i = indicators(query);
            assertFraction(i, "MDSH.2", 1, 1);
            assertUnavailable(i, "TTTT.1", 0);
            assertUnavailable(i, "TTTT.2", 0);
            assertUnavailable(i, "TTTT.3", 0);
        });

        // An older revision arriving late changes nothing.
        feed.send(revision(d, c, paid, 1, 0, 80_000, true));
        await().pollDelay(Duration.ofSeconds(2)).atMost(PATIENCE).untilAsserted(() -> {
            Map<String, JsonNode> i = indicators(query);
            assertFraction(i, "MDSH.2", 1, 1);
            assertUnavailable(i, "TTTT.1", 0);
            assertUnavailable(i, "TTTT.3", 0);
        });
    }

    private Map<String, JsonNode> indicators(String query) {
        Reply<JsonNode> r = client.get("/api/v1/reports/service-index?" + query, accept("application/json"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> byCode = new java.util.HashMap<>();
        for (JsonNode g : r.json().get("groups")) {
            for (JsonNode i : g.get("indicators")) {
                byCode.put(i.get("code").asText(), i);
            }
        }
        return byCode;
    }

    private static void assertFraction(Map<String, JsonNode> byCode, String code, long numerator, long denominator) {
        JsonNode i = byCode.get(code);
        assertThat(i.get("available").asBoolean()).as(code + " available").isTrue();
        assertThat(i.get("numerator").asLong()).as(code + " numerator").isEqualTo(numerator);
        assertThat(i.get("denominator").asLong()).as(code + " denominator").isEqualTo(denominator);
    }

    private static void assertScore(Map<String, JsonNode> byCode, String code, long numerator, long denominator,
                                    String score) {
        assertFraction(byCode, code, numerator, denominator);
        assertThat(byCode.get(code).get("score").decimalValue()).as(code + " score").isEqualByComparingTo(score);
    }

    private static void assertUnavailable(Map<String, JsonNode> byCode, String code, long denominator) {
        JsonNode i = byCode.get(code);
        assertThat(i.get("available").asBoolean()).as(code + " available").isFalse();
        assertThat(i.get("denominator").asLong()).as(code + " denominator").isEqualTo(denominator);
        assertThat(i.get("score").isNull()).as(code + " score").isTrue();
    }
}
