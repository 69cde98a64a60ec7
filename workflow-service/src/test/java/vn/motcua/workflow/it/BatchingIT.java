package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.EventEnvelope;
import vn.motcua.workflow.deadline.DeadlineWatcher;
import vn.motcua.workflow.dossier.Commands.OpenDossier;
import vn.motcua.workflow.dossier.Commands.TransferDossier;
import vn.motcua.workflow.infra.CommandBatch;

/**
 * Many commands per transaction (intake polls, deadline groups) keep the guarantees of one command each:
 * idempotent opening, all or nothing, and one failing dossier never costing the others their work.
 */
class BatchingIT extends WorkflowIntegrationTestBase {
    @Autowired
    CommandBatch batch;
    @Autowired
    DeadlineWatcher watcher;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void receiptsRepeatedWithinAndAcrossPollsOpenEachDossierOnce() throws Exception {
        Instant receivedAt = local("2026-03-02T09:00");
        Instant dueAt = local("2026-03-05T09:00");
        String earlier = newDossierId("H49.31");
        openDossier(earlier, "H49.31", receivedAt, dueAt);

        // Sent back to back, so they mostly arrive in one poll: an already opened dossier, and new ones twice.
        List<String> fresh = List.of(newDossierId("H49.31"), newDossierId("H49.31"), newDossierId("H49.31"));
        List<String> sequence = new ArrayList<>(List.of(earlier));
        fresh.forEach(id -> sequence.addAll(List.of(id, id)));
        sequence.add(earlier);
        List<ProducerRecord<String, byte[]>> openings = new ArrayList<>();
        for (String id : sequence) {
            openings.add(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                    received(id, "H49.31", receivedAt, dueAt))));
        }
        for (RecordMetadata record : topics().publish(openings)) {
            awaitConsumed(record);
        }

        for (String id : sequence) {
            assertThat(stored(id, "DossierOpened")).as(id).isEqualTo(1);
            assertThat(steps(get("/api/v1/dossiers/" + id).json())).as(id).containsExactly("RECEIVED");
        }
    }

    @Test
    void aBatchIsAllOrNothingAndOpensADossierOnceEvenIfAskedTwice() {
        String id = newDossierId("H49.32");
        OpenDossier open = new OpenDossier(id, "H49.32", "1.001612", new BigDecimal("3"),
                local("2026-03-02T09:00"), local("2026-03-05T09:00"));

        assertThatThrownBy(() -> batch.sendAll(List.of(open, open,
                new TransferDossier(id, " ", null, null, local("2026-03-03T09:00")))))
                .hasMessageContaining("receiving unit");
        assertThat(stored(id, "DossierOpened")).as("nothing half-written").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier_view WHERE dossier_id = ?", Integer.class, id))
                .isZero();

        List<Object> results = batch.sendAll(List.of(open, open));
        assertThat(results).hasSize(2);
        assertThat(stored(id, "DossierOpened")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dossier_view WHERE dossier_id = ?", Integer.class, id))
                .isEqualTo(1);
    }

    @Test
    void aDossierThatCannotBeAnnouncedDoesNotCostTheOthersTheirAnnouncements() throws Exception {
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        // A schedule entry whose dossier has no events: its announcement fails, and with it its group's batch.
        String broken = newDossierId("H49.33");
        watcher.stop();
        try {
            for (int i = 0; i < 20; i++) {
                String id = newDossierId("H49.33");
                ids.add(id);
                openDossier(id, "H49.33", now.minusSeconds(7_200), now.minusSeconds(60 + i));
            }
            Timestamp brokenDue = Timestamp.from(now.minusSeconds(70));
            jdbc.update("""
                    INSERT INTO dossier_view (dossier_id, office_id, status, received_at, due_at, last_step_at,
                                              due_soon_at)
                    VALUES (?, 'H49.33', 'RECEIVED', ?, ?, ?, ?)""", broken, Timestamp.from(now.minusSeconds(7_200)),
                    brokenDue, Timestamp.from(now.minusSeconds(7_200)), Timestamp.from(now.minusSeconds(3_600)));
        } finally {
            watcher.start();
        }
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> stored(id, "DossierOverdue") == 1 && stored(id, "DossierDueSoon") == 1));
            long target = watcher.passes() + 2;
            await().atMost(Duration.ofSeconds(30)).until(() -> watcher.passes() >= target);
            for (String id : ids) {
                assertThat(stored(id, "DossierOverdue")).as(id).isEqualTo(1);
                assertThat(stored(id, "DossierDueSoon")).as(id).isEqualTo(1);
            }
        } finally {
            jdbc.update("DELETE FROM dossier_view WHERE dossier_id = ?", broken);
        }
    }

    private int stored(String dossierId, String eventType) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Integer.class, dossierId, "%." + eventType);
    }
}
