package vn.motcua.workflow.dossier;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.events.DossierDueSoon;
import vn.motcua.events.DossierOverdue;
import vn.motcua.events.DossierRated;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierTransferred;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.FeePaid;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.workflow.deadline.DueSoonRule;

/**
 * Keeps {@code dossier_view}, {@code dossier_history} and {@code apology_letter} up to date. Runs in a
 * subscribing processor, inside the command's transaction: a failure here rolls the command back.
 *
 * <p>Over 300 lines on purpose: one short handler per dossier event, in the lifecycle's order; split by event, the
 * three tables it keeps would be written from several classes.
 */
@Component
@ProcessingGroup(DossierProjection.GROUP)
public class DossierProjection {
    public static final String GROUP = "dossier-view";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final OfficeCalendars calendars;
    private final WorkflowPolicy policy;

    public DossierProjection(JdbcTemplate jdbc, JsonMapper json, OfficeCalendars calendars, WorkflowPolicy policy) {
        this.jdbc = jdbc;
        this.json = json;
        this.calendars = calendars;
        this.policy = policy;
    }

    /** When a dossier of {@code officeId} due at {@code dueAt} enters the due-soon list (and gets its DossierDueSoon). */
    private Timestamp dueSoonAt(String officeId, Instant dueAt) {
        return ts(DueSoonRule.of(policy).dueSoonAt(calendars.forOffice(officeId), dueAt));
    }

    @EventHandler
    void on(DossierOpened e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        insertOpened(List.of(e), seq, by);
    }

    /**
     * The rows of newly opened dossiers (read model, deadline schedule, first history line), each statement one
     * JDBC batch whatever the count: the intake consumer opens a whole poll at once ({@link DossierOpening}).
     * {@code seq} is the DossierOpened's sequence in its stream (0 unless a cancellation came first).
     */
    void insertOpened(List<DossierOpened> opened, long seq, String by) {
        jdbc.batchUpdate("""
                INSERT INTO dossier_view (dossier_id, office_id, procedure_code, status, received_at, due_at,
                                          last_step_at, due_soon_at, code, field, channel, fee, online_payment,
                                          revision, external_ref, lookup_verifier)
                VALUES (?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dossier_id) DO NOTHING""",
                opened, opened.size(), (ps, e) -> {
                    int i = 0;
                    ps.setString(++i, e.dossierId());
                    ps.setString(++i, e.officeId());
                    ps.setString(++i, e.procedureCode());
                    ps.setTimestamp(++i, ts(e.receivedAt()));
                    ps.setTimestamp(++i, ts(e.dueAt()));
                    ps.setTimestamp(++i, ts(e.receivedAt()));
                    ps.setTimestamp(++i, dueSoonAt(e.officeId(), e.dueAt()));
                    ps.setString(++i, e.code());
                    ps.setString(++i, e.field());
                    ps.setString(++i, e.channel() == null ? null : e.channel().name());
                    ps.setObject(++i, e.fee(), Types.BIGINT);
                    ps.setObject(++i, e.onlinePayment(), Types.BOOLEAN);
                    ps.setInt(++i, e.revisionOrZero());
                    ps.setString(++i, e.externalRef());
                    ps.setString(++i, e.lookupVerifier());
                });
        jdbc.batchUpdate("""
                INSERT INTO dossier_history (dossier_id, seq, kind, at, details, actor)
                VALUES (?, ?, 'RECEIVED', ?, ?::jsonb, ?)
                ON CONFLICT DO NOTHING""", opened, opened.size(), (ps, e) -> {
                    ps.setString(1, e.dossierId());
                    ps.setLong(2, seq);
                    ps.setTimestamp(3, ts(e.receivedAt()));
                    ps.setString(4, json.writeValueAsString(details("dueAt", e.dueAt())));
                    ps.setString(5, by);
                });
    }

    /** A corrected receipt: the dossier's receipt facts and, when the due date moved, its pending deadlines. */
    @EventHandler
    void on(DossierRevised e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        // SET reads the old values on the right: deadlines already announced stay done only for an unchanged date.
        jdbc.update("""
                UPDATE dossier_view SET code = ?, procedure_code = ?, field = ?, channel = ?, fee = ?,
                                        online_payment = ?, revision = ?, external_ref = COALESCE(?, external_ref),
                                        lookup_verifier = COALESCE(?, lookup_verifier),
                                        last_step_at = CASE WHEN last_step_at = received_at OR last_step_at < ?
                                                            THEN ? ELSE last_step_at END,
                                        received_at = ?, due_at = ?, due_soon_at = ?,
                                        due_soon_done = due_soon_done AND due_at = ?,
                                        overdue_done = overdue_done AND due_at = ?
                WHERE dossier_id = ?""",
                e.code(), e.procedureCode(), e.field(), e.channel() == null ? null : e.channel().name(), e.fee(),
                e.onlinePayment(), e.revision(), e.externalRef(), e.lookupVerifier(), ts(e.receivedAt()), ts(e.receivedAt()), ts(e.receivedAt()),
                ts(e.dueAt()), dueSoonAt(e.officeId(), e.dueAt()), ts(e.dueAt()), ts(e.dueAt()), e.dossierId());
        history(e.dossierId(), seq, by, "RECEIPT_CORRECTED", e.receivedAt(), details("revision", e.revision(),
                "procedureCode", e.procedureCode(), "channel", e.channel(), "receivedAt", e.receivedAt(),
                "dueAt", e.dueAt()));
    }

    /** A cancelled receipt: off every worklist (they list open statuses only) and no deadline is pending. */
    @EventHandler
    void on(ReceiptCancelled e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        int rows = jdbc.update("""
                UPDATE dossier_view SET status = 'CANCELLED', cancelled_at = ?, due_soon_done = TRUE,
                                        overdue_done = TRUE
                WHERE dossier_id = ?""", ts(e.cancelledAt()), e.dossierId());
        if (rows > 0) {
            history(e.dossierId(), seq, by, "CANCELLED", e.cancelledAt(), details("reason", e.reason()));
        }
    }

    @EventHandler
    void on(FeePaid e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        jdbc.update("""
                UPDATE dossier_view SET paid_amount = paid_amount + ?, paid_online = paid_online OR ?,
                                        last_step_at = GREATEST(last_step_at, ?)
                WHERE dossier_id = ?""", e.amount(), e.online(), ts(e.paidAt()), e.dossierId());
        history(e.dossierId(), seq, by, "FEE_PAID", e.paidAt(), details("amount", e.amount(), "online", e.online()));
    }

    @EventHandler
    void on(DossierRated e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        jdbc.update("UPDATE dossier_view SET rating = ?, last_step_at = GREATEST(last_step_at, ?) WHERE dossier_id = ?",
                e.rating().name(), ts(e.ratedAt()), e.dossierId());
        history(e.dossierId(), seq, by, "RATED", e.ratedAt(), details("rating", e.rating()));
    }

    @EventHandler
    void on(DossierTransferred e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        Map<String, Object> row = jdbc.queryForMap("SELECT current_unit, due_at FROM dossier_view WHERE dossier_id = ?",
                e.dossierId());
        Instant dueAt = ((Timestamp) row.get("due_at")).toInstant();
        jdbc.update("""
                UPDATE dossier_view SET status = 'IN_PROCESS', current_unit = ?, last_step_at = ?
                WHERE dossier_id = ?""", e.toUnit(), ts(e.transferredAt()), e.dossierId());
        // A line of the processing control slip (form 05): from, to, when, on time or not.
        history(e.dossierId(), seq, by, "TRANSFERRED", e.transferredAt(), details(
                "from", row.get("current_unit"), "to", e.toUnit(), "toOfficeId", e.toOfficeId(), "note", e.note(),
                "onTime", !e.transferredAt().isAfter(dueAt)));
    }

    @EventHandler
    void on(SupplementRequested e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        jdbc.update("""
                UPDATE dossier_view SET status = 'AWAITING_SUPPLEMENT', supplement_requests = supplement_requests + 1,
                                        last_step_at = ?
                WHERE dossier_id = ?""", ts(e.requestedAt()), e.dossierId());
        history(e.dossierId(), seq, by, "SUPPLEMENT_REQUESTED", e.requestedAt(), details("reason", e.reason()));
    }

    @EventHandler
    void on(SupplementReceived e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        // A new statutory due date: its deadlines are pending again.
        jdbc.update("""
                UPDATE dossier_view SET status = 'IN_PROCESS', due_at = ?, last_step_at = ?, due_soon_at = ?,
                                        due_soon_done = FALSE, overdue_done = FALSE
                WHERE dossier_id = ?""", ts(e.dueAt()), ts(e.receivedAt()), dueSoonAt(e.officeId(), e.dueAt()), e.dossierId());
        history(e.dossierId(), seq, by, "SUPPLEMENT_RECEIVED", e.receivedAt(), details("dueAt", e.dueAt()));
    }

    @EventHandler
    void on(DossierDueSoon e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        announced(List.of(Announced.of(e, seq, by)));
    }

    @EventHandler
    void on(DossierOverdue e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        announced(List.of(Announced.of(e, seq, by)));
    }

    /**
     * The rows of many deadline announcements ({@code DossierDueSoon}/{@code DossierOverdue}) at once, each
     * statement one JDBC batch: the deadline watcher appends a burst's announcements directly to the event store
     * (as {@link DossierOpening} does for new dossiers) and projects them here, in the same transaction. The
     * handlers above write the same rows for one event of the command path.
     */
    public void deadlinesAnnounced(List<? extends DomainEventMessage<?>> events) {
        announced(events.stream().map(m -> Announced.of(m.getPayload(), m.getSequenceNumber(),
                (String) m.getMetaData().get(Actor.KEY))).toList());
    }

    /** One deadline announcement as the read model keeps it: its schedule flag and its history line. */
    private record Announced(String dossierId, long seq, String by, String flag, String kind, Instant at,
                             Instant dueAt) {
        static Announced of(Object event, long seq, String by) {
            if (event instanceof DossierDueSoon e) {
                return new Announced(e.dossierId(), seq, by, "due_soon_done", "DUE_SOON", e.announcedAt(), e.dueAt());
            }
            if (event instanceof DossierOverdue e) {
                return new Announced(e.dossierId(), seq, by, "overdue_done", "OVERDUE", e.overdueAt(), e.dueAt());
            }
            throw new IllegalArgumentException("not a deadline announcement: " + event);
        }
    }

    private void announced(List<Announced> announced) {
        for (String flag : List.of("due_soon_done", "overdue_done")) {
            List<String> ids = announced.stream().filter(a -> a.flag().equals(flag)).map(Announced::dossierId)
                    .toList();
            if (!ids.isEmpty()) {
                jdbc.batchUpdate("UPDATE dossier_view SET " + flag + " = TRUE WHERE dossier_id = ?", ids, ids.size(),
                        (ps, id) -> ps.setString(1, id));
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO dossier_history (dossier_id, seq, kind, at, details, actor)
                VALUES (?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT DO NOTHING""", announced, announced.size(), (ps, a) -> {
                    ps.setString(1, a.dossierId());
                    ps.setLong(2, a.seq());
                    ps.setString(3, a.kind());
                    ps.setTimestamp(4, ts(a.at()));
                    ps.setString(5, json.writeValueAsString(details("dueAt", a.dueAt())));
                    ps.setString(6, a.by());
                });
    }

    @EventHandler
    void on(ApologyLetterIssued e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        jdbc.update("""
                UPDATE dossier_view SET rescheduled_due_at = ?, apology_letters = apology_letters + 1, last_step_at = ?
                WHERE dossier_id = ?""", ts(e.newDueAt()), ts(e.issuedAt()), e.dossierId());
        jdbc.update("""
                INSERT INTO apology_letter (dossier_id, letter_number, office_id, reason, responsible_unit, due_at,
                                            new_due_at, issued_at, in_time)
                SELECT dossier_id, ?, office_id, ?, ?, due_at, ?, ?, ? FROM dossier_view WHERE dossier_id = ?
                ON CONFLICT DO NOTHING""",
                e.letterNumber(), e.reason(), e.responsibleUnit(), ts(e.newDueAt()), ts(e.issuedAt()), e.inTime(),
                e.dossierId());
        history(e.dossierId(), seq, by, "APOLOGY_LETTER_ISSUED", e.issuedAt(), details("letterNumber", e.letterNumber(),
                "reason", e.reason(), "responsibleUnit", e.responsibleUnit(), "newDueAt", e.newDueAt(),
                "inTime", e.inTime()));
    }

    @EventHandler
    void on(DossierResolved e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        jdbc.update("""
                UPDATE dossier_view SET status = 'RESOLVED', outcome = ?, timeliness = ?, resolved_at = ?,
                                        last_step_at = ?
                WHERE dossier_id = ?""", e.outcome().name(), e.timeliness().name(), ts(e.resolvedAt()),
                ts(e.resolvedAt()), e.dossierId());
        history(e.dossierId(), seq, by, "RESOLVED", e.resolvedAt(), details("outcome", e.outcome(), "reason", e.reason(),
                "timeliness", e.timeliness()));
    }

    @EventHandler
    void on(ResultReturned e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        jdbc.update("""
                UPDATE dossier_view SET status = 'RETURNED', last_step_at = ?, electronic_result = ?
                WHERE dossier_id = ?""", ts(e.returnedAt()), e.electronicResult(), e.dossierId());
        history(e.dossierId(), seq, by, "RETURNED", e.returnedAt(), details("method", e.method(),
                "electronicResult", e.electronicResult()));
    }

    @EventHandler
    void on(DossierWithdrawn e, @SequenceNumber long seq, @MetaDataValue(Actor.KEY) String by) {
        jdbc.update("UPDATE dossier_view SET status = 'WITHDRAWN', last_step_at = ? WHERE dossier_id = ?",
                ts(e.withdrawnAt()), e.dossierId());
        history(e.dossierId(), seq, by, "WITHDRAWN", e.withdrawnAt(), details("reason", e.reason()));
    }

    /** {@code by}: who did the step (the event's {@link Actor#KEY} metadata), null when the service did. */
    private void history(String dossierId, long seq, String by, String kind, Instant at, Map<String, Object> details) {
        jdbc.update("""
                INSERT INTO dossier_history (dossier_id, seq, kind, at, details, actor)
                VALUES (?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT DO NOTHING""", dossierId, seq, kind, ts(at), json.writeValueAsString(details), by);
    }

    /** Key/value pairs without the null ones, in order. */
    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                Object value = pairs[i + 1];
                map.put((String) pairs[i], value instanceof Instant || value instanceof Enum<?> ? value.toString() : value);
            }
        }
        return map;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
