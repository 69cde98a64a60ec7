package vn.motcua.reporting.dossier;

import vn.motcua.reporting.jdbc.CopyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import vn.motcua.events.DossierEvent;

/**
 * The rebuild's bulk path for the dossier tables: every event of a set of dossiers (all their events, whatever
 * the topic) is applied in memory with {@link DossierState#apply} — the same function the live
 * {@link DossierWriter} uses, so the same rows come out — and the rows are then COPYed into empty tables, the
 * counters derived in memory with {@link CounterDeltas#contribute}.
 */
public final class DossierFold {
    static final String FACT_COLUMNS = DossierState.FACT_COLUMNS;

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

    /** COPYs the facts, clock entries and letters into the connection's current (empty) tables. */
    public void copy(Connection connection) throws SQLException {
        try (CopyRows facts = new CopyRows(connection, "dossier_fact", FACT_COLUMNS)) {
            for (DossierState s : states.values()) {
                if (!s.fact) {
                    continue; // only clock entries or letters so far: no row yet (as the live upserts)
                }
                facts.text(s.dossierId).text(s.officeId).text(s.code).text(s.procedureCode).text(s.field)
                        .text(s.channel).bool(s.onlineEligible).time(s.receivedAt).time(s.dueAt)
                        .time(s.resolvedAt).text(s.outcome).text(s.timeliness).time(s.withdrawnAt)
                        .int4(s.revision < 0 ? 0 : s.revision).int4(s.documents).int4(s.digitised).int4(s.reused)
                        .int8(s.fee).bool(s.onlinePayment).time(s.returnedAt).bool(s.electronicResult)
                        .text(s.rating).time(s.ratedAt).time(s.cancelledAt).endRow();
            }
        }
        try (CopyRows clocks = new CopyRows(connection, "dossier_clock", "event_id, dossier_id, kind, at, due_at")) {
            for (DossierState s : states.values()) {
                for (DossierState.Clock c : s.clocks) {
                    clocks.uuid(c.eventId()).text(s.dossierId).text(c.kind()).time(c.at()).time(c.dueAt()).endRow();
                }
            }
        }
        try (CopyRows payments = new CopyRows(connection, "fee_payment",
                "event_id, dossier_id, amount, online, paid_at")) {
            for (DossierState s : states.values()) {
                for (DossierState.Payment p : s.payments) {
                    payments.uuid(p.eventId()).text(s.dossierId).int8(p.amount()).bool(p.online()).time(p.paidAt())
                            .endRow();
                }
            }
        }
        try (CopyRows letters = new CopyRows(connection, "apology_letter",
                "dossier_id, letter_number, office_id, issued_at, in_time")) {
            for (DossierState s : states.values()) {
                for (DossierState.Letter l : s.letters) {
                    letters.text(s.dossierId).int4(l.number()).text(l.officeId()).time(l.issuedAt())
                            .bool(l.inTime()).endRow();
                }
            }
        }
    }

    /** Writes the counters (office_counter of the connection's current schema, empty). Returns the rows. */
    public static int copyCounters(Connection connection, CounterDeltas counters) throws SQLException {
        StringBuilder columns = new StringBuilder("office_id, grain, bucket");
        for (Counter c : Counter.values()) {
            columns.append(", ").append(c.column());
        }
        int rows = 0;
        try (CopyRows out = new CopyRows(connection, "office_counter", columns.toString())) {
            for (Map.Entry<CounterDeltas.Key, long[]> e : counters.nonZero()) {
                out.text(e.getKey().officeId()).text(String.valueOf(e.getKey().grain())).date(e.getKey().bucket());
                for (long v : e.getValue()) {
                    out.int8(v);
                }
                out.endRow();
                rows++;
            }
        }
        return rows;
    }
}
