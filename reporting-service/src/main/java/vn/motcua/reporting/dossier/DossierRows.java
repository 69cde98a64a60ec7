package vn.motcua.reporting.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import vn.motcua.reporting.jdbc.CopyRows;
import vn.motcua.reporting.jdbc.RowSink;
import vn.motcua.reporting.jdbc.UpsertRows;

/**
 * The one row codec of the dossier tables ({@code dossier_fact}, {@code dossier_clock}, {@code fee_payment},
 * {@code apology_letter}, {@code office_counter}): their columns, how a {@link DossierState} and a counter row
 * become a row (to any {@link RowSink}: the live writer's {@link UpsertRows}, the rebuild's {@link CopyRows}), and
 * how a stored row is read back. The live path and both rebuild paths write through it, so they write the same
 * rows.
 */
public final class DossierRows {
    /** The {@code dossier_fact} columns, in the order {@link #fact} writes and {@link #readFact} reads them. */
    public static final String FACT_COLUMNS = "dossier_id, office_id, code, procedure_code, field, channel, "
            + "online_eligible, received_at, due_at, resolved_at, outcome, timeliness, withdrawn_at, revision, "
            + "documents, digitised, reused, fee, online_payment, returned_at, electronic_result, rating, rated_at, "
            + "cancelled_at";
    static final String CLOCK_COLUMNS = "event_id, dossier_id, kind, at, due_at";
    static final String PAYMENT_COLUMNS = "event_id, dossier_id, amount, online, paid_at";
    static final String LETTER_COLUMNS = "dossier_id, letter_number, office_id, issued_at, in_time";
    static final String COUNTER_COLUMNS;

    static {
        StringJoiner columns = new StringJoiner(", ", "office_id, grain, bucket, ", "");
        for (Counter c : Counter.values()) {
            columns.add(c.column());
        }
        COUNTER_COLUMNS = columns.toString();
    }

    private DossierRows() {
    }

    // ---- the sinks of each table: an upsert (live) or a COPY into the connection's current schema (rebuild)

    /** Facts: each event's columns were merged in memory ({@link DossierState#apply}), so the row replaces all. */
    static UpsertRows upsertFacts() {
        return UpsertRows.upsert("dossier_fact", FACT_COLUMNS, "dossier_id", column -> "excluded." + column);
    }

    static UpsertRows upsertClocks() {
        return UpsertRows.insertNew("dossier_clock", CLOCK_COLUMNS, "event_id");
    }

    static UpsertRows upsertPayments() {
        return UpsertRows.insertNew("fee_payment", PAYMENT_COLUMNS, "event_id");
    }

    static UpsertRows upsertLetters() {
        return UpsertRows.insertNew("apology_letter", LETTER_COLUMNS, "dossier_id, letter_number");
    }

    /** Counters move by deltas: a conflict adds. */
    static UpsertRows upsertCounters() {
        return UpsertRows.upsert("office_counter", COUNTER_COLUMNS, "office_id, grain, bucket",
                column -> "office_counter." + column + " + excluded." + column);
    }

    static CopyRows copy(java.sql.Connection connection, String table, String columns) throws SQLException {
        return new CopyRows(connection, table, columns);
    }

    // ---- encoding

    static void fact(DossierState s, RowSink out) throws SQLException {
        out.text(s.dossierId).text(s.officeId).text(s.code).text(s.procedureCode).text(s.field).text(s.channel)
                .bool(s.onlineEligible).time(s.receivedAt).time(s.dueAt).time(s.resolvedAt).text(s.outcome)
                .text(s.timeliness).time(s.withdrawnAt).int4(Math.max(0, s.revision)).int4(s.documents)
                .int4(s.digitised).int4(s.reused).int8(s.fee).bool(s.onlinePayment).time(s.returnedAt)
                .bool(s.electronicResult).text(s.rating).time(s.ratedAt).time(s.cancelledAt);
        out.endRow();
    }

    static void clock(String dossierId, DossierState.Clock c, RowSink out) throws SQLException {
        out.uuid(c.eventId()).text(dossierId).text(c.kind()).time(c.at()).time(c.dueAt());
        out.endRow();
    }

    static void payment(String dossierId, DossierState.Payment p, RowSink out) throws SQLException {
        out.uuid(p.eventId()).text(dossierId).int8(p.amount()).bool(p.online()).time(p.paidAt());
        out.endRow();
    }

    static void letter(String dossierId, DossierState.Letter l, RowSink out) throws SQLException {
        out.text(dossierId).int4(l.number()).text(l.officeId()).time(l.issuedAt()).bool(l.inTime());
        out.endRow();
    }

    static void counter(CounterDeltas.Key key, long[] values, RowSink out) throws SQLException {
        out.text(key.officeId()).text(String.valueOf(key.grain())).date(key.bucket());
        for (long v : values) {
            out.int8(v);
        }
        out.endRow();
    }

    /** Every non-zero counter row of {@code counters} to {@code out}; returns how many. */
    static int counters(CounterDeltas counters, RowSink out) throws SQLException {
        int rows = 0;
        for (Map.Entry<CounterDeltas.Key, long[]> e : counters.nonZero()) {
            counter(e.getKey(), e.getValue(), out);
            rows++;
        }
        return rows;
    }

    // ---- decoding (select the table's columns in the order above, dossier_id first for the children)

    /** A state from a {@code select FACT_COLUMNS} row (clock entries, letters and payments are added apart). */
    static DossierState readFact(ResultSet rs) throws SQLException {
        DossierState s = new DossierState(rs.getString(1));
        s.fact = true;
        s.officeId = rs.getString(2);
        s.code = rs.getString(3);
        s.procedureCode = rs.getString(4);
        s.field = rs.getString(5);
        s.channel = rs.getString(6);
        s.onlineEligible = (Boolean) rs.getObject(7);
        s.receivedAt = instant(rs.getTimestamp(8));
        s.dueAt = instant(rs.getTimestamp(9));
        s.resolvedAt = instant(rs.getTimestamp(10));
        s.outcome = rs.getString(11);
        s.timeliness = rs.getString(12);
        s.withdrawnAt = instant(rs.getTimestamp(13));
        s.revision = s.receivedAt == null ? -1 : rs.getInt(14);
        s.documents = rs.getInt(15);
        s.digitised = rs.getInt(16);
        s.reused = rs.getInt(17);
        s.fee = rs.getLong(18);
        s.onlinePayment = rs.getBoolean(19);
        s.returnedAt = instant(rs.getTimestamp(20));
        s.electronicResult = (Boolean) rs.getObject(21);
        s.rating = rs.getString(22);
        s.ratedAt = instant(rs.getTimestamp(23));
        s.cancelledAt = instant(rs.getTimestamp(24));
        return s;
    }

    /** Columns of {@code select dossier_id, event_id, kind, at, due_at from dossier_clock}, from the second. */
    static final String CLOCK_SELECT = "select dossier_id, event_id, kind, at, due_at from dossier_clock";
    static final String LETTER_SELECT = "select " + LETTER_COLUMNS + " from apology_letter";
    static final String PAYMENT_SELECT = "select dossier_id, event_id, amount, online, paid_at from fee_payment";

    static DossierState.Clock readClock(ResultSet rs) throws SQLException {
        return new DossierState.Clock(rs.getObject(2, UUID.class), rs.getString(3), instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)));
    }

    static DossierState.Letter readLetter(ResultSet rs) throws SQLException {
        return new DossierState.Letter(rs.getInt(2), rs.getString(3), instant(rs.getTimestamp(4)), rs.getBoolean(5));
    }

    static DossierState.Payment readPayment(ResultSet rs) throws SQLException {
        return new DossierState.Payment(rs.getObject(2, UUID.class), rs.getLong(3), rs.getBoolean(4),
                instant(rs.getTimestamp(5)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
