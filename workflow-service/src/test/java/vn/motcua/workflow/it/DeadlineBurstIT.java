package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.workflow.deadline.DeadlineAnnouncer;
import vn.motcua.workflow.deadline.DeadlineWatcher;
import vn.motcua.workflow.deadline.DueSoonRule;
import vn.motcua.workflow.dossier.Commands.AnnounceOverdue;
import vn.motcua.workflow.dossier.DossierProjection;
import vn.motcua.workflow.dossier.WorkflowPolicy;
import vn.motcua.workflow.infra.CommandBatch;

/**
 * A burst of deadlines announced directly (without the command path) by two watchers at once, as two instances
 * would: every dossier gets its DossierDueSoon and DossierOverdue exactly once (in the event store, in order, and on
 * the topic), a dossier resolved before the burst gets none, a corrected receipt (left to the aggregate) gets its
 * announcements through the commands, and the aggregate replays the direct announcements as its own.
 */
class DeadlineBurstIT extends WorkflowIntegrationTestBase {
    private static final String DUE_SOON = "vn.motcua.dossier.due-soon.v1";
    private static final String OVERDUE = "vn.motcua.dossier.overdue.v1";
    /** More than two chunks of each kind, so both watchers and several workers share it. */
    private static final int BURST = 1_100;

    @Autowired
    DeadlineWatcher watcher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    CommandBatch batch;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    DossierProjection projection;
    @Autowired
    OfficeCalendars calendars;
    @Autowired
    WorkflowPolicy policy;

    @Test
    void aBurstIsAnnouncedOnceByTwoWatchersAndSkipsTheResolvedDossier() throws Exception {
        Instant received = local("2026-03-02T09:00");
        Instant due = local("2026-03-05T09:00");
        List<String> ids = new ArrayList<>();
        String resolved = newDossierId("H49");
        String corrected = newDossierId("H49");
        List<DeadlineWatcher> instances = new ArrayList<>();
        watcher.stop(); // the burst falls due while the watchers are down, all at once when they start
        try {
            List<ProducerRecord<String, byte[]>> openings = new ArrayList<>();
            for (int i = 0; i < BURST; i++) { // sent without waiting for each: a second instead of a minute
                String id = newDossierId("H49");
                ids.add(id);
                openings.add(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(),
                        "/motcua/intake", received(id, "H49", received, due))));
            }
            topics().publish(openings);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM dossier_view WHERE dossier_id = ANY(?)", Integer.class,
                    (Object) ids.toArray(String[]::new)) == BURST);
            openDossier(resolved, "H49", received, due);
            openDossier(corrected, "H49", received, due);
            publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake", new DossierReceived(corrected,
                    corrected, "H49", "1.001612", "Đất đai", Channel.IN_PERSON, true, new BigDecimal("3"), received,
                    due.plus(Duration.ofHours(1)), null, 1, 2, 2, 0, 0L, true, null)));
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/dossiers/" + corrected).json()
                    .path("revision").asInt() == 1);
            assertThat(post("/api/v1/dossiers/" + resolved + "/resolution",
                    "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-04T10:00:00+07:00\"}").status()).isEqualTo(200);

            for (int i = 0; i < 2; i++) {
                DeadlineAnnouncer announcer = new DeadlineAnnouncer(jdbc, batch, storageEngine, projection, calendars,
                        DueSoonRule.of(policy));
                instances.add(new DeadlineWatcher(jdbc, announcer, commands, batch, storageEngine,
                        Clock.systemUTC(), Duration.ofSeconds(1), 4));
            }
            instances.forEach(DeadlineWatcher::start);
            List<String> all = new ArrayList<>(ids);
            all.add(corrected);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM dossier_view WHERE dossier_id = ANY(?) AND due_soon_done AND overdue_done""",
                    Integer.class, (Object) all.toArray(String[]::new)) == all.size());
            for (DeadlineWatcher instance : instances) {
                long target = instance.passes() + 2;
                await().atMost(Duration.ofSeconds(30)).until(() -> instance.passes() >= target);
            }
        } finally {
            instances.forEach(DeadlineWatcher::stop);
            watcher.start();
        }

        // In the event store: each dossier's DueSoon then Overdue, once each, right after its opening.
        List<String> kinds = jdbc.queryForList("""
                SELECT aggregate_identifier || ' ' || sequence_number || ' ' || payload_type FROM domain_event_entry
                WHERE aggregate_identifier = ANY(?) AND sequence_number > 0 ORDER BY 1""", String.class,
                (Object) ids.toArray(String[]::new));
        assertThat(kinds).hasSize(2 * BURST);
        for (String id : ids) {
            assertThat(kinds).contains(id + " 1 vn.motcua.events.DossierDueSoon",
                    id + " 2 vn.motcua.events.DossierOverdue");
        }
        assertThat(stored(resolved, "DossierDueSoon") + stored(resolved, "DossierOverdue")).isZero();
        assertThat(stored(corrected, "DossierDueSoon")).isEqualTo(1);
        assertThat(stored(corrected, "DossierOverdue")).isEqualTo(1);

        // On the topic: once each; the due soon first (same key, same partition).
        for (String id : ids.subList(0, 50)) {
            awaitPublished(ofType(id, OVERDUE));
            awaitPublished(ofType(id, DUE_SOON));
        }
        awaitPublished(ofType(corrected, OVERDUE));
        awaitPublished(ofType(ids.get(BURST - 1), OVERDUE));
        for (String id : ids.subList(0, 50)) {
            List<String> types = publishedFor(id).stream().map(r -> header(r, "ce_type")).toList();
            assertThat(types).containsExactly(DUE_SOON, OVERDUE);
        }
        assertThat(publishedFor(resolved).stream().map(r -> header(r, "ce_type")))
                .doesNotContain(DUE_SOON, OVERDUE);

        // The aggregate replays the direct announcements as its own: nothing more to announce for that due date.
        assertThat(commands.<Boolean>sendAndWait(new AnnounceOverdue(ids.get(0), due))).isFalse();
        assertThat(get("/api/v1/dossiers/" + ids.get(0)).json().path("history").toString())
                .contains("DUE_SOON").contains("OVERDUE");
    }

    private int stored(String dossierId, String eventType) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Integer.class, dossierId, "%." + eventType);
    }
}
