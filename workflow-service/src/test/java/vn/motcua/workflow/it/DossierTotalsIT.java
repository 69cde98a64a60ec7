package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.workflow.dossier.DossierStatus;
import vn.motcua.workflow.search.DossierCounts;
import vn.motcua.workflow.search.DossierSearch;

/**
 * The dossier list's {@code total} comes from {@code dossier_count} (per office and status, kept by triggers on
 * dossier_view): after a mixed lifecycle it must equal {@code count(*)} for every scope, status and overdue filter,
 * before and after the deltas are folded, after a rebuild, and after the rows are deleted and projected again.
 */
class DossierTotalsIT extends WorkflowIntegrationTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DossierSearch search;
    @Autowired
    DossierCounts counts;

    @Test
    void totalsEqualTheRowCountThroughAMixedLifecycle() throws Exception {
        String r = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String province = "TP" + r;
        String a = "TA" + r;
        String b = "TB" + r;
        registerOffices(province, null, a, province, b, province);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant late = now.minus(Duration.ofHours(1));
        Instant ahead = now.plus(Duration.ofDays(3));

        List<String> ids = new ArrayList<>();
        List<RecordMetadata> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = newDossierId(a);
            ids.add(id);
            sent.add(open(id, a, now.minus(Duration.ofHours(20 - i)), i % 2 == 0 ? late : ahead));
        }
        sent.add(open(newDossierId(b), b, now.minus(Duration.ofHours(30)), ahead));
        sent.add(open(newDossierId(province), province, now.minus(Duration.ofHours(40)), late));
        sent.forEach(DossierTotalsIT::awaitConsumed);
        assertTotals(province, a, b);

        String d = "/api/v1/dossiers/";
        // Transferred to a unit of another office, resolved, returned, withdrawn, awaiting a supplement.
        assertThat(post(d + ids.get(0) + "/transfers", "{\"toUnit\":\"Phòng TN-MT\",\"toOfficeId\":\"" + b + "\"}")
                .status()).isEqualTo(200);
        assertThat(post(d + ids.get(1) + "/transfers", "{\"toUnit\":\"Phòng TN-MT\"}").status()).isEqualTo(200);
        assertThat(post(d + ids.get(1) + "/resolution", "{\"outcome\":\"APPROVED\"}").status()).isEqualTo(200);
        assertThat(post(d + ids.get(1) + "/return", "{\"method\":\"IN_PERSON\"}").status()).isEqualTo(200);
        assertThat(post(d + ids.get(2) + "/resolution", "{\"outcome\":\"REFUSED\",\"reason\":\"thiếu\"}").status())
                .isEqualTo(200);
        assertThat(post(d + ids.get(3) + "/withdrawal", "{}").status()).isEqualTo(200);
        assertThat(post(d + ids.get(4) + "/supplement-requests", "{\"reason\":\"thiếu bản đồ\"}").status())
                .isEqualTo(200);
        assertTotals(province, a, b);

        // Cancelled by intake; corrected by intake to another office and procedure, now due in the past.
        awaitConsumed(publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                new DossierCancelled(ids.get(5), a, "nhầm thủ tục", now.minus(Duration.ofMinutes(5))))));
        awaitConsumed(publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake", new DossierReceived(
                ids.get(6), "CODE-" + ids.get(6), b, "2.000100", "Xây dựng", Channel.ONLINE, true,
                new BigDecimal("5"), now.minus(Duration.ofHours(14)), late, null, 1, 2, 2, 0, 0, false, null))));
        assertThat(get(d + ids.get(6)).json().path("revision").asInt()).isEqualTo(1);
        assertTotals(province, a, b);
        assertThat(search.total(query(List.of(a), DossierStatus.CANCELLED, null))).isEqualTo(1);
        assertThat(search.total(query(List.of(a), DossierStatus.RETURNED, null))).isEqualTo(1);

        // Folding the deltas leaves one row per (office, status) and every total unchanged.
        counts.fold();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT office_id, status FROM dossier_count WHERE office_id IN (?, ?, ?)
                                      GROUP BY office_id, status HAVING count(*) > 1) x""", Long.class,
                province, a, b)).isZero();
        assertTotals(province, a, b);

        // A rebuild from the read model, then the rows deleted and projected again (as a replay would).
        counts.rebuild();
        assertTotals(province, a, b);
        jdbc.execute("CREATE TEMP TABLE totals_copy AS SELECT * FROM dossier_view WHERE office_id IN ('" + province
                + "', '" + a + "', '" + b + "')");
        jdbc.update("DELETE FROM dossier_view WHERE office_id IN (?, ?, ?)", province, a, b);
        assertThat(search.total(query(List.of(province, a, b), null, null))).isZero();
        jdbc.update("INSERT INTO dossier_view SELECT * FROM totals_copy");
        jdbc.execute("DROP TABLE totals_copy");
        assertTotals(province, a, b);

        // And over HTTP, the list says the same.
        assertThat(get("/api/v1/dossiers?officeId=" + province + "&scope=subtree").json().path("total").asLong())
                .isEqualTo(10);
    }

    private static RecordMetadata open(String id, String office, Instant receivedAt, Instant dueAt) throws Exception {
        return publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                received(id, office, receivedAt, dueAt)));
    }

    private DossierSearch.Query query(List<String> offices, DossierStatus status, Boolean overdue) {
        return new DossierSearch.Query(offices, status, overdue, Instant.now(), 0, 20);
    }

    /** Every scope x status (and none) x overdue (true, false, none): the counters' total is count(*). */
    private void assertTotals(String province, String a, String b) {
        List<List<String>> scopes = List.of(List.of(a), List.of(b), List.of(province), List.of(province, a, b));
        List<DossierStatus> statuses = new ArrayList<>(Arrays.asList(DossierStatus.values()));
        statuses.add(null);
        for (List<String> scope : scopes) {
            for (DossierStatus status : statuses) {
                for (Boolean overdue : Arrays.asList(null, Boolean.TRUE, Boolean.FALSE)) {
                    DossierSearch.Query q = query(scope, status, overdue);
                    assertThat(search.total(q)).as("%s %s overdue=%s", scope, status, overdue)
                            .isEqualTo(search.countRows(q));
                }
            }
        }
        assertThat(search.total(query(List.of(province, a, b), null, null))).isEqualTo(10);
    }
}
