package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.access.OfficeTree;

/** motcua.catalogue.v1 into the office table: newest registration wins, redelivery changes nothing. */
class CatalogueConsumerIT extends WorkflowIntegrationTestBase {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OfficeTree tree;

    @Test
    void theNewestRegistrationWinsWhateverTheOrderAndRedeliveryIsHarmless() throws Exception {
        String run = "CC" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String a = run + ".A";
        String b = run + ".B";
        String commune = run + ".A.01";
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        Instant t2 = Instant.parse("2026-02-01T00:00:00Z");
        Instant t3 = Instant.parse("2026-03-01T00:00:00Z");
        registerOffices(a, null, b, null);

        awaitConsumed(registerOffice(commune, a, t2), CATALOGUE_GROUP);
        assertThat(row(commune)).containsEntry("parent_id", a);
        // An older version arriving late, and the same version again: nothing changes.
        awaitConsumed(registerOffice(commune, b, t1), CATALOGUE_GROUP);
        awaitConsumed(registerOffice(commune, a, t2), CATALOGUE_GROUP);
        assertThat(row(commune)).containsEntry("parent_id", a);
        assertThat(count(commune)).isEqualTo(1);
        assertThat(tree.parentOf(commune)).hasValue(a);
        String officerOfA = ISSUER.bearer("officer-a", List.of("officer"), List.of(a));
        String officerOfB = ISSUER.bearer("officer-b", List.of("officer"), List.of(b));
        assertThat(get("/api/v1/worklists/" + commune + "?kind=overdue", officerOfA).status()).isEqualTo(200);
        assertThat(get("/api/v1/worklists/" + commune + "?kind=overdue", officerOfB).status()).isEqualTo(403);

        // The commune moves to B: B's officers take over at once, A's lose it.
        awaitConsumed(registerOffice(commune, b, t3), CATALOGUE_GROUP);
        assertThat(row(commune)).containsEntry("parent_id", b);
        assertThat(get("/api/v1/worklists/" + commune + "?kind=overdue", officerOfB).status()).isEqualTo(200);
        assertThat(get("/api/v1/worklists/" + commune + "?kind=overdue", officerOfA).status()).isEqualTo(403);
    }

    private Map<String, Object> row(String officeId) {
        return jdbc.queryForMap("SELECT parent_id, registered_at FROM office WHERE office_id = ?", officeId);
    }

    private int count(String officeId) {
        return jdbc.queryForObject("SELECT count(*) FROM office WHERE office_id = ?", Integer.class, officeId);
    }
}
