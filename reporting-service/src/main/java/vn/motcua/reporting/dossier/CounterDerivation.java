package vn.motcua.reporting.dossier;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Computes {@code office_counter} from scratch out of the facts, with the same {@link CounterDeltas#contribute}
 * the incremental path uses. A rebuild replays the topics without touching the counters (the per-batch counter
 * upserts are most of the write cost) and derives them once here, before it goes incremental for the last
 * records and swaps the tables in.
 */
public final class CounterDerivation {
    private CounterDerivation() {
    }

    /** Replaces the counters of the connection's current schema; returns the number of counter rows. */
    public static int derive(Connection connection, ZoneId zone) throws SQLException {
        Map<String, List<DossierState.Clock>> clocks = new HashMap<>();
        Map<String, List<DossierState.Letter>> letters = new HashMap<>();
        CounterDeltas counters = new CounterDeltas(zone);
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(20_000); // a cursor: the connection is in a transaction
            try (ResultSet rs = st.executeQuery("select dossier_id, event_id, kind, at, due_at from dossier_clock")) {
                while (rs.next()) {
                    clocks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2)).add(new DossierState.Clock(
                            rs.getObject(2, UUID.class), rs.getString(3), instant(rs.getTimestamp(4)),
                            instant(rs.getTimestamp(5))));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "select dossier_id, letter_number, office_id, issued_at, in_time from apology_letter")) {
                while (rs.next()) {
                    letters.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(new DossierState.Letter(
                            rs.getInt(2), rs.getString(3), instant(rs.getTimestamp(4)), rs.getBoolean(5)));
                }
            }
            Map<String, List<DossierState.Payment>> payments = new HashMap<>();
            try (ResultSet rs = st.executeQuery(
                    "select dossier_id, event_id, amount, online, paid_at from fee_payment")) {
                while (rs.next()) {
                    payments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(new DossierState.Payment(
                            rs.getObject(2, UUID.class), rs.getLong(3), rs.getBoolean(4),
                            instant(rs.getTimestamp(5))));
                }
            }
            try (ResultSet rs = st.executeQuery("select " + DossierState.FACT_COLUMNS + " from dossier_fact "
                    + "where received_at is not null and cancelled_at is null")) {
                while (rs.next()) {
                    DossierState s = DossierState.read(rs);
                    s.clocks.addAll(clocks.getOrDefault(s.dossierId, List.of()));
                    s.letters.addAll(letters.getOrDefault(s.dossierId, List.of()));
                    s.payments.addAll(payments.getOrDefault(s.dossierId, List.of()));
                    counters.contribute(s, +1);
                }
            }
            st.execute("truncate office_counter");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder columns = new StringBuilder("office_id, grain, bucket");
        for (Counter c : Counter.values()) {
            columns.append(", ").append(c.column());
        }
        List<Map.Entry<CounterDeltas.Key, long[]>> rows = counters.nonZero();
        for (Map.Entry<CounterDeltas.Key, long[]> e : rows) {
            out.append(e.getKey().officeId()).append('\t').append(e.getKey().grain()).append('\t')
                    .append(e.getKey().bucket());
            for (long v : e.getValue()) {
                out.append('\t').append(v);
            }
            out.append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy office_counter (" + columns + ") from stdin", new StringReader(out.toString()));
        } catch (IOException e) {
            throw new SQLException("cannot write the counters", e);
        }
        ProcedureCounters.deriveAll(connection, zone);
        return rows.size();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
