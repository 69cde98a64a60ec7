package vn.motcua.workflow.deadline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.events.DossierDueSoon;
import vn.motcua.events.DossierOverdue;
import vn.motcua.workflow.dossier.DossierProjection;
import vn.motcua.workflow.infra.CommandBatch;

/**
 * Announces a chunk of due deadlines without the command path, in ONE transaction: claim the due schedule rows,
 * decide from them, append the events, project them. JFR showed an announcement through the aggregate cost its
 * stream's read and replay, the command bus and two statements per event; a burst of 40,000 took 80 s.
 *
 * <p><b>Claim.</b> One statement takes up to {@code limit} due-soon and {@code limit} overdue entries that have
 * passed, {@code FOR UPDATE SKIP LOCKED}: concurrent chunks (this watcher's workers, another instance's) take
 * disjoint dossiers and never wait for each other, and an officer's command in flight on a dossier (it holds the
 * row from its projection to its commit) is skipped and seen at the next pass. The same statement reads each
 * dossier's last event sequence number.
 *
 * <p><b>Decide.</b> The read model is written in the same transaction as every event of the dossier, so the row
 * says what the aggregate would check: open (received or in process: not resolved, returned, withdrawn, cancelled
 * or awaiting a supplement), the due date in force ({@code due_at}) and whether it was announced ({@code *_done},
 * reset when the due date moves). Two cases are left to the aggregate, whose commands are sent in the same
 * transaction while the rows are still held (so no other worker claims them meanwhile): a dossier with a supplement (its clock restarted at an instant the row does not keep, and the due-soon
 * instant is clamped to it) and a corrected receipt (the aggregate remembers the due dates it announced, the row
 * only the current one); and a row without an event stream.
 *
 * <p><b>Guard.</b> The events are appended at the next sequence numbers read in the claiming statement. If any
 * event of the dossier was committed after that statement's snapshot (an officer's step, the other instance),
 * the event store's unique (aggregate, sequence) key refuses the append and the whole chunk rolls back: nothing
 * is announced on a stale decision, and the caller retries. {@code lock_timeout} bounds the one wait possible: an
 * officer's transaction that appended its event but has not yet reached the row we hold.
 *
 * <p>The aggregate stays the source of truth: these are the events it would have applied, it replays them as
 * its own ({@code Dossier.on(DossierDueSoon)}), and the Kafka publisher relays them from the event store.
 */
public class DeadlineAnnouncer {
    static final String STREAM_TYPE = "Dossier";
    private static final String OPEN = "status IN ('RECEIVED', 'IN_PROCESS')";
    /**
     * What the read-model row decides alone. A supplement restarts the clock at an instant the row does not keep,
     * and a corrected receipt's aggregate remembers the due dates it announced: those go through the commands,
     * outside the chunks' row locks (in the chunk, an officer's command on the same dossier could wait on the row
     * while the chunk's command waited on the officer's append).
     */
    private static final String DIRECT = "revision = 0 AND supplement_requests = 0";
    private static final String CLAIM = """
            WITH s AS (SELECT dossier_id FROM dossier_view
                       WHERE NOT due_soon_done AND %1$s AND %2$s AND due_soon_at <= ?
                       ORDER BY due_soon_at LIMIT ? FOR UPDATE SKIP LOCKED),
                 o AS (SELECT dossier_id FROM dossier_view
                       WHERE NOT overdue_done AND %1$s AND %2$s AND due_at < ?
                       ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
            SELECT v.dossier_id, v.office_id, v.received_at, v.due_at, v.revision, v.supplement_requests,
                   v.dossier_id IN (SELECT dossier_id FROM s)
                       OR (NOT v.due_soon_done AND v.due_soon_at <= ?) AS due_soon,
                   v.dossier_id IN (SELECT dossier_id FROM o) AS overdue,
                   (SELECT max(e.sequence_number) FROM domain_event_entry e
                    WHERE e.aggregate_identifier = v.dossier_id) AS last_seq
            FROM dossier_view v
            WHERE v.dossier_id IN (SELECT dossier_id FROM s UNION SELECT dossier_id FROM o)
            ORDER BY v.dossier_id""".formatted(OPEN, DIRECT);
    /** The dossiers left to the aggregate, read without locks: the command path settles them, one thread a pass. */
    private static final String LEFT_TO_AGGREGATE = """
            SELECT v.dossier_id, v.office_id, v.received_at, v.due_at,
                   NOT v.due_soon_done AND v.due_soon_at <= ? AS due_soon,
                   NOT v.overdue_done AND v.due_at < ? AS overdue
            FROM dossier_view v
            WHERE %1$s AND NOT (%2$s)
              AND ((NOT v.due_soon_done AND v.due_soon_at <= ?) OR (NOT v.overdue_done AND v.due_at < ?))
            ORDER BY v.due_at LIMIT ?""".formatted(OPEN, DIRECT);

    private final JdbcTemplate jdbc;
    private final CommandBatch batch;
    private final EventStorageEngine storageEngine;
    private final DossierProjection projection;
    private final OfficeCalendars calendars;
    private final DueSoonRule dueSoon;

    public DeadlineAnnouncer(JdbcTemplate jdbc, CommandBatch batch, EventStorageEngine storageEngine,
                             DossierProjection projection, OfficeCalendars calendars, DueSoonRule dueSoon) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.storageEngine = storageEngine;
        this.projection = projection;
        this.calendars = calendars;
        this.dueSoon = dueSoon;
    }

    /** A claimed schedule row: which of its announcements are due. */
    record Due(String dossierId, String officeId, Instant receivedAt, Timestamp dueAt, boolean dueSoon,
               boolean overdue, boolean direct, Long lastSeq) {
    }

    /**
     * What a chunk did: how many dossiers it claimed, how many announcements it made (directly or through the
     * aggregate), and whether a kind filled the limit (more may be due).
     */
    record Chunk(int claimed, int appended, boolean full) {
    }

    /** Thrown when a chunk rolled back; carries what it had claimed, for the caller's fallback. */
    static final class ChunkFailedException extends RuntimeException {
        private final transient List<Due> claimed;

        ChunkFailedException(List<Due> claimed, RuntimeException cause) {
            super(cause.toString(), cause);
            this.claimed = claimed;
        }

        List<Due> claimed() {
            return claimed;
        }
    }

    /** Claims, decides, appends and projects one chunk of at most {@code limit} entries of each kind due at {@code now}. */
    Chunk announce(Instant now, int limit) {
        List<Due> claimed = new ArrayList<>();
        try {
            return batch.inTransaction(sender -> {
                jdbc.execute("SET LOCAL lock_timeout = '200ms'");
                Timestamp at = Timestamp.from(now);
                claimed.addAll(jdbc.query(CLAIM, (rs, n) -> {
                    long seq = rs.getLong("last_seq");
                    Long lastSeq = rs.wasNull() ? null : seq;
                    return new Due(rs.getString("dossier_id"), rs.getString("office_id"),
                            rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("due_at"),
                            rs.getBoolean("due_soon"), rs.getBoolean("overdue"),
                            lastSeq != null, lastSeq);
                }, at, limit, at, limit, at));
                List<DomainEventMessage<?>> events = new ArrayList<>();
                List<Due> nothingToDo = new ArrayList<>();
                for (Due due : claimed) {
                    if (!due.direct()) {
                        continue; // no event stream yet: nothing to announce; the entry stays pending
                    }
                    long seq = due.lastSeq();
                    Instant dueAt = due.dueAt().toInstant();
                    if (due.dueSoon()) { // first, as the aggregate would: due soon before overdue
                        events.add(event(due, ++seq, new DossierDueSoon(due.dossierId(), due.officeId(), dueAt,
                                dueSoon.announcedAt(calendars.forOffice(due.officeId()), dueAt, due.receivedAt()))));
                    }
                    if (due.overdue()) {
                        events.add(event(due, ++seq, new DossierOverdue(due.dossierId(), due.officeId(), dueAt, dueAt)));
                    }
                }
                if (!events.isEmpty()) {
                    storageEngine.appendEvents(events);
                    projection.deadlinesAnnounced(events);
                }
                settle(nothingToDo);
                int full = (int) Math.max(claimed.stream().filter(Due::dueSoon).count(),
                        claimed.stream().filter(Due::overdue).count());
                return new Chunk(claimed.size(), events.size(), full >= limit);
            });
        } catch (RuntimeException e) {
            throw new ChunkFailedException(List.copyOf(claimed), e);
        }
    }

    /** Due entries of the dossiers left to the aggregate (supplement, corrected receipt), at most {@code limit}. */
    List<Due> leftToAggregate(Instant now, int limit) {
        Timestamp at = Timestamp.from(now);
        return jdbc.query(LEFT_TO_AGGREGATE, (rs, n) -> new Due(rs.getString("dossier_id"), rs.getString("office_id"),
                rs.getTimestamp("received_at").toInstant(), rs.getTimestamp("due_at"), rs.getBoolean("due_soon"),
                rs.getBoolean("overdue"), false, null), at, at, at, at, limit);
    }

    /** Entries the aggregate had nothing for: settled for that due date only (a moved one stays pending). */
    private void settle(List<Due> settled) {
        for (String flag : List.of("due_soon_done", "overdue_done")) {
            List<Due> rows = settled.stream().filter(d -> flag.equals("due_soon_done") ? d.dueSoon() : d.overdue())
                    .toList();
            if (!rows.isEmpty()) {
                jdbc.batchUpdate("UPDATE dossier_view SET " + flag + " = TRUE WHERE dossier_id = ? AND due_at = ?",
                        rows, rows.size(), (ps, d) -> {
                            ps.setString(1, d.dossierId());
                            ps.setTimestamp(2, d.dueAt());
                        });
            }
        }
    }

    private static DomainEventMessage<?> event(Due due, long seq, Object payload) {
        return new GenericDomainEventMessage<>(STREAM_TYPE, due.dossierId(), seq, payload, MetaData.emptyInstance());
    }
}
