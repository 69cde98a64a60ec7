package vn.motcua.reporting.dossier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.reporting.kafka.EventBatchWriter;
import vn.motcua.reporting.kafka.Sql;

/**
 * The per-dossier facts the report counts: receipt, resolution, withdrawal, the supplement clock and apology
 * letters. Each event writes only its own columns (insert-or-update keyed by dossier id), so a workflow event
 * that arrives before its DossierReceived simply creates the row early. Times are the events' own.
 * Transfers, due-soon/overdue announcements and returns change no figure, so they are not stored.
 */
public final class DossierWriter implements EventBatchWriter {
    private final PreparedStatement received;
    private final PreparedStatement resolved;
    private final PreparedStatement withdrawn;
    private final PreparedStatement clock;
    private final PreparedStatement apology;
    private final List<PreparedStatement> all;
    private int pending;

    public DossierWriter(Connection connection) throws SQLException {
        received = connection.prepareStatement("""
                insert into dossier_fact (dossier_id, office_id, code, procedure_code, field, channel,
                                          online_eligible, received_at, due_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (dossier_id) do update
                   set office_id = excluded.office_id, code = excluded.code,
                       procedure_code = excluded.procedure_code, field = excluded.field,
                       channel = excluded.channel, online_eligible = excluded.online_eligible,
                       received_at = excluded.received_at, due_at = excluded.due_at""");
        resolved = connection.prepareStatement("""
                insert into dossier_fact (dossier_id, office_id, resolved_at, outcome, timeliness)
                values (?, ?, ?, ?, ?)
                on conflict (dossier_id) do update
                   set resolved_at = excluded.resolved_at, outcome = excluded.outcome,
                       timeliness = excluded.timeliness""");
        withdrawn = connection.prepareStatement("""
                insert into dossier_fact (dossier_id, office_id, withdrawn_at) values (?, ?, ?)
                on conflict (dossier_id) do update set withdrawn_at = excluded.withdrawn_at""");
        clock = connection.prepareStatement("""
                insert into dossier_clock (event_id, dossier_id, kind, at, due_at) values (?, ?, ?, ?, ?)
                on conflict (event_id) do nothing""");
        apology = connection.prepareStatement("""
                insert into apology_letter (dossier_id, letter_number, office_id, issued_at, in_time)
                values (?, ?, ?, ?, ?)
                on conflict (dossier_id, letter_number) do nothing""");
        all = new ArrayList<>(List.of(received, resolved, withdrawn, clock, apology));
    }

    @Override
    public boolean add(EventEnvelope event) throws SQLException {
        Object data = event.data();
        if (data instanceof DossierReceived r) {
            received.setString(1, r.dossierId());
            received.setString(2, r.officeId());
            received.setString(3, r.code());
            received.setString(4, r.procedureCode());
            received.setString(5, r.field());
            Sql.setEnum(received, 6, r.channel());
            received.setBoolean(7, r.onlineEligible());
            Sql.setInstant(received, 8, orTime(r.receivedAt(), event));
            Sql.setInstant(received, 9, r.dueAt());
            received.addBatch();
        } else if (data instanceof DossierResolved r) {
            resolved.setString(1, r.dossierId());
            resolved.setString(2, r.officeId());
            Sql.setInstant(resolved, 3, orTime(r.resolvedAt(), event));
            Sql.setEnum(resolved, 4, r.outcome());
            Sql.setEnum(resolved, 5, r.timeliness());
            resolved.addBatch();
        } else if (data instanceof DossierWithdrawn w) {
            withdrawn.setString(1, w.dossierId());
            withdrawn.setString(2, w.officeId());
            Sql.setInstant(withdrawn, 3, orTime(w.withdrawnAt(), event));
            withdrawn.addBatch();
        } else if (data instanceof SupplementRequested s) {
            addClock(event, s.dossierId(), "STOPPED", orTime(s.requestedAt(), event), null);
        } else if (data instanceof SupplementReceived s) {
            addClock(event, s.dossierId(), "RESTARTED", orTime(s.receivedAt(), event), s.dueAt());
        } else if (data instanceof ApologyLetterIssued a) {
            apology.setString(1, a.dossierId());
            apology.setInt(2, a.letterNumber());
            apology.setString(3, a.officeId());
            Sql.setInstant(apology, 4, orTime(a.issuedAt(), event));
            apology.setBoolean(5, a.inTime());
            apology.addBatch();
        } else {
            return false;
        }
        pending++;
        return true;
    }

    private void addClock(EventEnvelope event, String dossierId, String kind, Instant at, Instant dueAt)
            throws SQLException {
        clock.setObject(1, event.id());
        clock.setString(2, dossierId);
        clock.setString(3, kind);
        Sql.setInstant(clock, 4, at);
        Sql.setInstant(clock, 5, dueAt);
        clock.addBatch();
    }

    /** The event's own time; ce_time if a producer left it out. */
    private static Instant orTime(Instant value, EventEnvelope event) {
        return value != null ? value : event.time();
    }

    @Override
    public void flush() throws SQLException {
        if (pending > 0) {
            for (PreparedStatement statement : all) {
                statement.executeBatch();
            }
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : all) {
            statement.close();
        }
    }
}
