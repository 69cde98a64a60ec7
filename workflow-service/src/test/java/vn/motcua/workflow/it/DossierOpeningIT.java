package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.workflow.dossier.Commands.CancelDossier;
import vn.motcua.workflow.dossier.Commands.OpenDossier;
import vn.motcua.workflow.dossier.Commands.TransferDossier;
import vn.motcua.workflow.dossier.DossierOpening;

/**
 * The intake consumer's opening path: new dossiers appended directly, everything else through the aggregate, all in
 * one transaction, with the same outcome as one command each (read model, history, order within a dossier).
 */
class DossierOpeningIT extends WorkflowIntegrationTestBase {
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");

    @Autowired
    DossierOpening opening;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void newDossiersAreOpenedDirectlyAndTheRestKeepsItsOrderThroughTheAggregate() throws Exception {
        String twice = newDossierId("H49.33");
        String cancelledFirst = newDossierId("H49.33");
        String cancelledAfter = newDossierId("H49.33");

        DossierOpening.Outcome outcome = opening.openAll(List.of(open(twice), open(twice),
                cancel(cancelledFirst), open(cancelledFirst), open(cancelledAfter), cancel(cancelledAfter)));

        assertThat(outcome).isEqualTo(new DossierOpening.Outcome(2, 4));
        assertThat(stored(twice, "DossierOpened")).isEqualTo(1);
        assertThat(steps(get("/api/v1/dossiers/" + twice).json())).containsExactly("RECEIVED");
        assertThat(jdbc.queryForObject("SELECT due_soon_at IS NOT NULL FROM dossier_view WHERE dossier_id = ?",
                Boolean.class, twice)).as("its deadlines are scheduled").isTrue();
        // A cancellation that came first wins: the late receipt opens nothing.
        assertThat(stored(cancelledFirst, "DossierOpened")).isZero();
        assertThat(stored(cancelledFirst, "ReceiptCancelled")).isEqualTo(1);
        // Opened directly, then cancelled through the aggregate, which saw the new stream.
        assertThat(stored(cancelledAfter, "DossierOpened")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM dossier_view WHERE dossier_id = ?", String.class,
                cancelledAfter)).isEqualTo("CANCELLED");

        // Redelivered: the streams exist now, so the aggregate decides, and records nothing.
        assertThat(opening.openAll(List.of(open(twice), open(cancelledAfter))))
                .isEqualTo(new DossierOpening.Outcome(0, 2));
        assertThat(stored(twice, "DossierOpened")).isEqualTo(1);
        assertThat(stored(cancelledAfter, "DossierOpened")).isEqualTo(1);
    }

    @Test
    void aFailingCommandRollsBackTheDirectOpeningsToo() {
        String opened = newDossierId("H49.34");
        String other = newDossierId("H49.34");

        assertThatThrownBy(() -> opening.openAll(List.of(open(opened), open(other),
                new TransferDossier(other, " ", null, null, local("2026-03-03T09:00")))))
                .hasMessageContaining("receiving unit");

        for (String id : List.of(opened, other)) {
            assertThat(stored(id, "DossierOpened")).as(id).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier_view WHERE dossier_id = ?", Integer.class,
                    id)).as(id).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier_history WHERE dossier_id = ?",
                    Integer.class, id)).as(id).isZero();
        }
    }

    private static OpenDossier open(String id) {
        return new OpenDossier(id, "H49.33", "1.001612", new BigDecimal("3"), RECEIVED, DUE);
    }

    private static CancelDossier cancel(String id) {
        return new CancelDossier(id, "H49.33", "receipt entered twice", RECEIVED.plusSeconds(60));
    }

    private int stored(String dossierId, String eventType) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Integer.class, dossierId, "%." + eventType);
    }
}
