package vn.motcua.reporting.dossier;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import vn.motcua.events.MotcuaEvent;

/**
 * Benchmark loading: dossiers go through the projection's own semantics ({@link DossierState#apply} for the
 * rows, {@link CounterDeltas#contribute} for the counters) and reach the tables with COPY instead of the
 * per-batch upserts, so millions of dossiers load in minutes. Not used by the service.
 */
public final class BulkLoader implements AutoCloseable {
    private static final int CHUNK = 50_000;

    private final Connection connection;
    private final CopyManager copy;
    private final CounterDeltas counters;
    private final StringBuilder facts = new StringBuilder();
    private final StringBuilder clocks = new StringBuilder();
    private final StringBuilder letters = new StringBuilder();
    private final StringBuilder payments = new StringBuilder();
    private final ZoneId zone;
    private int rows;

    public BulkLoader(Connection connection, ZoneId zone) throws SQLException {
        this.connection = connection;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        this.counters = new CounterDeltas(zone);
        this.zone = zone;
    }

    public void add(String dossierId, List<MotcuaEvent> events) throws SQLException {
        DossierState s = new DossierState(dossierId);
        for (MotcuaEvent e : events) {
            s.apply(e, UUID.randomUUID(), null);
        }
        counters.contribute(s, +1);
        facts.append(s.dossierId).append('\t').append(s.officeId).append('\t').append(t(s.code)).append('\t')
                .append(t(s.procedureCode)).append('\t').append(t(s.field)).append('\t').append(t(s.channel))
                .append('\t').append(s.onlineEligible == null ? "\\N" : s.onlineEligible).append('\t')
                .append(t(s.receivedAt)).append('\t').append(t(s.dueAt)).append('\t').append(t(s.resolvedAt))
                .append('\t').append(t(s.outcome)).append('\t').append(t(s.timeliness)).append('\t')
                .append(t(s.withdrawnAt)).append('\t').append(Math.max(0, s.revision)).append('\t')
                .append(s.documents).append('\t').append(s.digitised).append('\t').append(s.reused).append('\t')
                .append(s.fee).append('\t').append(s.onlinePayment).append('\t').append(t(s.returnedAt))
                .append('\t').append(t(s.electronicResult)).append('\t').append(t(s.rating)).append('\t')
                .append(t(s.ratedAt)).append('\t').append(t(s.cancelledAt)).append('\n');
        for (DossierState.Payment p : s.payments) {
            payments.append(p.eventId()).append('\t').append(s.dossierId).append('\t').append(p.amount())
                    .append('\t').append(p.online()).append('\t').append(t(p.paidAt())).append('\n');
        }
        for (DossierState.Clock c : s.clocks) {
            clocks.append(c.eventId()).append('\t').append(s.dossierId).append('\t').append(c.kind()).append('\t')
                    .append(t(c.at())).append('\t').append(t(c.dueAt())).append('\n');
        }
        for (DossierState.Letter l : s.letters) {
            letters.append(s.dossierId).append('\t').append(l.number()).append('\t').append(l.officeId())
                    .append('\t').append(t(l.issuedAt())).append('\t').append(l.inTime()).append('\n');
        }
        if (++rows % CHUNK == 0) {
            flush();
        }
    }

    private void flush() throws SQLException {
        try {
            copy.copyIn("copy dossier_fact (" + DossierRows.FACT_COLUMNS + ") from stdin",
                    new StringReader(facts.toString()));
            copy.copyIn("copy fee_payment (event_id, dossier_id, amount, online, paid_at) from stdin",
                    new StringReader(payments.toString()));
            copy.copyIn("copy dossier_clock (event_id, dossier_id, kind, at, due_at) from stdin",
                    new StringReader(clocks.toString()));
            copy.copyIn("copy apology_letter (dossier_id, letter_number, office_id, issued_at, in_time) from stdin",
                    new StringReader(letters.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        facts.setLength(0);
        clocks.setLength(0);
        letters.setLength(0);
        payments.setLength(0);
    }

    /** Writes the rows left and the counters (one row per office and day, month, year). */
    @Override
    public void close() throws SQLException {
        flush();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<CounterDeltas.Key, long[]> e : counters.nonZero()) {
            out.append(e.getKey().officeId()).append('\t').append(e.getKey().grain()).append('\t')
                    .append(e.getKey().bucket());
            for (long v : e.getValue()) {
                out.append('\t').append(v);
            }
            out.append('\n');
        }
        StringBuilder columns = new StringBuilder("office_id, grain, bucket");
        for (Counter c : Counter.values()) {
            columns.append(", ").append(c.column());
        }
        try {
            copy.copyIn("copy office_counter (" + columns + ") from stdin", new StringReader(out.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        ProcedureCounters.deriveAll(connection, zone); // the rebuild's own derivation
    }

    private static String t(Object value) {
        return value == null ? "\\N" : value.toString();
    }

    public Connection connection() {
        return connection;
    }
}
