package vn.motcua.reporting.dossier;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, List<DossierState.Payment>> payments = new HashMap<>();
        CounterDeltas counters = new CounterDeltas(zone);
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(20_000); // a cursor: the connection is in a transaction
            try (ResultSet rs = st.executeQuery(DossierRows.CLOCK_SELECT)) {
                while (rs.next()) {
                    clocks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2)).add(DossierRows.readClock(rs));
                }
            }
            try (ResultSet rs = st.executeQuery(DossierRows.LETTER_SELECT)) {
                while (rs.next()) {
                    letters.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1)).add(DossierRows.readLetter(rs));
                }
            }
            try (ResultSet rs = st.executeQuery(DossierRows.PAYMENT_SELECT)) {
                while (rs.next()) {
                    payments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1))
                            .add(DossierRows.readPayment(rs));
                }
            }
            try (ResultSet rs = st.executeQuery("select " + DossierRows.FACT_COLUMNS + " from dossier_fact "
                    + "where received_at is not null and cancelled_at is null")) {
                while (rs.next()) {
                    DossierState s = DossierRows.readFact(rs);
                    s.clocks.addAll(clocks.getOrDefault(s.dossierId, List.of()));
                    s.letters.addAll(letters.getOrDefault(s.dossierId, List.of()));
                    s.payments.addAll(payments.getOrDefault(s.dossierId, List.of()));
                    counters.contribute(s, +1);
                }
            }
            st.execute("truncate office_counter");
        }
        int rows = DossierFold.copyCounters(connection, counters);
        ProcedureCounters.deriveAll(connection, zone);
        return rows;
    }
}
