package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.workflow.deadline.DeadlineWatcher;

/** Persistent deadlines: DossierDueSoon and DossierOverdue, once each, also for late imports and downtime. */
class DeadlineIT extends WorkflowIntegrationTestBase {
    private static final String DUE_SOON = "vn.motcua.dossier.due-soon.v1";
    private static final String OVERDUE = "vn.motcua.dossier.overdue.v1";

    @Autowired
    DeadlineWatcher watcher;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDossierImportedAfterItsDueDateIsAnnouncedDueSoonThenOverdueOnce() throws Exception {
        String id = newDossierId("H49");
        Instant due = local("2026-03-05T09:00");
        openDossier(id, "H49", local("2026-03-02T09:00"), due);

        ConsumerRecord<String, byte[]> overdue = awaitPublished(ofType(id, OVERDUE));
        assertThat(Instant.parse(header(overdue, "ce_time"))).as("overdue when dueAt passed").isEqualTo(due);
        ConsumerRecord<String, byte[]> dueSoon = awaitPublished(ofType(id, DUE_SOON));
        assertThat(Instant.parse(header(dueSoon, "ce_time"))).isEqualTo(local("2026-03-04T09:00"));
        assertThat(dueSoon.offset()).as("same partition, due-soon first").isLessThan(overdue.offset());

        awaitMorePasses(2);
        assertThat(stored(id, "DossierDueSoon")).isEqualTo(1);
        assertThat(stored(id, "DossierOverdue")).isEqualTo(1);
    }

    @Test
    void aDeadlineThatFellWhileTheServiceWasDownFiresOnceWhenItIsBack() throws Exception {
        watcher.stop();
        String id;
        try {
            id = newDossierId("H49.17");
            Instant now = Instant.now();
            openDossier(id, "H49.17", now.minusSeconds(7_200), now.minusSeconds(60));
            assertThat(stored(id, "DossierOverdue")).isZero();
        } finally {
            watcher.start();
        }
        String dossier = id;
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(dossier, "DossierOverdue") == 1);
        awaitPublished(ofType(id, OVERDUE));
        awaitMorePasses(2);
        assertThat(stored(id, "DossierOverdue")).isEqualTo(1);
        assertThat(stored(id, "DossierDueSoon")).isEqualTo(1);
    }

    @Test
    void aDossierDueLaterIsOnlyDueSoon() throws Exception {
        String id = newDossierId("H49.17.05");
        Instant now = Instant.now();
        openDossier(id, "H49.17.05", now.minusSeconds(3_600), now.plusSeconds(3_600));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(id, "DossierDueSoon") == 1);
        awaitPublished(ofType(id, DUE_SOON));
        awaitMorePasses(2);
        assertThat(stored(id, "DossierOverdue")).isZero();
        assertThat(get("/api/v1/dossiers/" + id).json().path("history").toString()).contains("DUE_SOON");
    }

    /** Waits until the watcher has completed {@code n} more full polls: anything it would do, it has done. */
    private void awaitMorePasses(int n) {
        long target = watcher.passes() + n;
        await().atMost(Duration.ofSeconds(30)).until(() -> watcher.passes() >= target);
    }

    private int stored(String dossierId, String eventType) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Integer.class, dossierId, "%." + eventType);
    }
}
