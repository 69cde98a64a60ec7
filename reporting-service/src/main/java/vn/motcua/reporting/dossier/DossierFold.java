package vn.motcua.reporting.dossier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import vn.motcua.events.DossierEvent;
import vn.motcua.reporting.jdbc.CopyRows;

/**
 * The rebuild's bulk path for the dossier tables: every event of a set of dossiers (all their events, whatever
 * the topic) is applied in memory with {@link DossierState#apply} — the same function the live
 * {@link DossierWriter} uses, so the same rows come out — and the rows are then COPYed into empty tables, the
 * counters derived in memory with {@link CounterDeltas#contribute}.
 */
public final class DossierFold {
    private final Map<String, DossierState> states = new HashMap<>();
    /** One copy of each office id, procedure code and field: a group holds many states, and the GC copies them. */
    private final Map<String, String> strings = new HashMap<>();

    /** Applies one event that {@link DossierState#applies}; {@code time} is ce_time. */
    public void apply(Object data, UUID eventId, Instant time) {
        DossierState s = states.computeIfAbsent(((DossierEvent) data).dossierId(), DossierState::new);
        s.apply(data, eventId, time);
        s.officeId = shared(s.officeId);
        s.procedureCode = shared(s.procedureCode);
        s.field = shared(s.field);
    }

    private String shared(String value) {
        if (value == null) {
            return null;
        }
        String known = strings.putIfAbsent(value, value);
        return known != null ? known : value;
    }

    public int dossiers() {
        return states.size();
    }

    /** Adds every dossier's contribution to the counters. */
    public void contribute(CounterDeltas counters) {
        for (DossierState s : states.values()) {
            counters.contribute(s, +1);
        }
    }

    /** COPYs the facts, clock entries, payments and letters into the connection's current (empty) tables. */
    public void copy(Connection connection) throws SQLException {
        try (CopyRows facts = DossierRows.copy(connection, "dossier_fact", DossierRows.FACT_COLUMNS)) {
            for (DossierState s : states.values()) {
                if (s.fact) { // only clock entries or letters so far: no row yet (as the live upserts)
                    DossierRows.fact(s, facts);
                }
            }
        }
        try (CopyRows clocks = DossierRows.copy(connection, "dossier_clock", DossierRows.CLOCK_COLUMNS)) {
            for (DossierState s : states.values()) {
                for (DossierState.Clock c : s.clocks) {
                    DossierRows.clock(s.dossierId, c, clocks);
                }
            }
        }
        try (CopyRows payments = DossierRows.copy(connection, "fee_payment", DossierRows.PAYMENT_COLUMNS)) {
            for (DossierState s : states.values()) {
                for (DossierState.Payment p : s.payments) {
                    DossierRows.payment(s.dossierId, p, payments);
                }
            }
        }
        try (CopyRows letters = DossierRows.copy(connection, "apology_letter", DossierRows.LETTER_COLUMNS)) {
            for (DossierState s : states.values()) {
                for (DossierState.Letter l : s.letters) {
                    DossierRows.letter(s.dossierId, l, letters);
                }
            }
        }
    }

    /** Writes the counters (office_counter of the connection's current schema, empty). Returns the rows. */
    public static int copyCounters(Connection connection, CounterDeltas counters) throws SQLException {
        try (CopyRows out = DossierRows.copy(connection, "office_counter", DossierRows.COUNTER_COLUMNS)) {
            return DossierRows.counters(counters, out);
        }
    }
}
