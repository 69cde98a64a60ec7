package vn.motcua.reporting.dossier;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import vn.motcua.events.DossierEvent;
import vn.motcua.events.EventEnvelope;
import vn.motcua.reporting.timing.StageTimers;
import vn.motcua.reporting.jdbc.EventBatchWriter;

/**
 * The per-dossier facts (receipt, resolution, withdrawal, supplement clock, apology letters) and the
 * pre-aggregated {@code office_counter}, written together for a whole batch in a handful of statements:
 * the touched dossiers' current state is read once, the batch's events are applied to it in memory
 * ({@link DossierState#apply}: each event sets only its own columns, so arrival order between topics does not
 * matter), the new rows go back as multi-row upserts over arrays, and the counters move by the difference
 * between each dossier's new and old contribution; the procedure buckets a batch touches are recomputed
 * ({@link ProcedureCounters}). Returns, ratings, payments and cancellations (contract 1.1) are stored; transfers
 * and due-soon/overdue announcements change no figure, so they are not.
 */
public final class DossierWriter implements EventBatchWriter {
    private static final String FACT_COLUMNS = DossierState.FACT_COLUMNS;

    private final Connection connection;
    private final ZoneId zone;
    private final boolean counters;
    private final StageTimers timers;
    private final Map<String, List<EventEnvelope>> pending = new LinkedHashMap<>();

    /**
     * @param counters false while a rebuild replays: it derives the counters once at the end instead
     * @param timers   where the stages' time goes: {@code load}, {@code apply}, {@code facts}, {@code counters}
     */
    public DossierWriter(Connection connection, ZoneId zone, boolean counters, StageTimers timers) {
        this.connection = connection;
        this.zone = zone;
        this.counters = counters;
        this.timers = timers;
    }

    @Override
    public boolean add(EventEnvelope event) {
        Object data = event.data();
        if (DossierState.applies(data)) {
            pending.computeIfAbsent(((DossierEvent) data).dossierId(), k -> new ArrayList<>()).add(event);
            return true;
        }
        return false;
    }

    @Override
    public void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        long t = System.nanoTime();
        String[] ids = pending.keySet().toArray(String[]::new);
        Map<String, DossierState> states = load(ids);
        timers.record("load", t);
        t = System.nanoTime();
        CounterDeltas deltas = new CounterDeltas(zone);
        java.util.Set<ProcedureCounters.Key> procedureKeys = new java.util.HashSet<>();
        List<DossierState> changed = new ArrayList<>(ids.length);
        for (Map.Entry<String, List<EventEnvelope>> e : pending.entrySet()) {
            DossierState before = states.get(e.getKey());
            DossierState after = before == null ? new DossierState(e.getKey()) : before.copy();
            for (EventEnvelope event : e.getValue()) {
                after.apply(event.data(), event.id(), event.time());
            }
            if (counters) {
                if (before != null) {
                    deltas.contribute(before, -1);
                    ProcedureCounters.touched(before, zone, procedureKeys);
                }
                deltas.contribute(after, +1);
                ProcedureCounters.touched(after, zone, procedureKeys);
            }
            changed.add(after);
        }
        timers.record("apply", t);
        t = System.nanoTime();
        writeFacts(changed);
        writeClocks(changed);
        writeLetters(changed);
        writePayments(changed);
        timers.record("facts", t);
        t = System.nanoTime();
        if (counters) {
            writeCounters(deltas);
            ProcedureCounters.recompute(connection, zone, procedureKeys);
        }
        timers.record("counters", t);
        pending.clear();
    }

    /** The stored state of these dossiers (absent: nothing stored yet). */
    private Map<String, DossierState> load(String[] ids) throws SQLException {
        Map<String, DossierState> states = new LinkedHashMap<>();
        Array idArray = connection.createArrayOf("text", ids);
        try (PreparedStatement ps = connection.prepareStatement(
                "select " + FACT_COLUMNS + " from dossier_fact where dossier_id = any(?)")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DossierState s = DossierState.read(rs);
                    states.put(s.dossierId, s);
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "select dossier_id, event_id, kind, at, due_at from dossier_clock where dossier_id = any(?)")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.computeIfAbsent(rs.getString(1), DossierState::new).clocks.add(new DossierState.Clock(
                            rs.getObject(2, UUID.class), rs.getString(3), instant(rs.getTimestamp(4)),
                            instant(rs.getTimestamp(5))));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("select dossier_id, letter_number, office_id, "
                + "issued_at, in_time from apology_letter where dossier_id = any(?)")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.computeIfAbsent(rs.getString(1), DossierState::new).letters.add(new DossierState.Letter(
                            rs.getInt(2), rs.getString(3), instant(rs.getTimestamp(4)), rs.getBoolean(5)));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("select dossier_id, event_id, amount, online, paid_at"
                + " from fee_payment where dossier_id = any(?)")) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.computeIfAbsent(rs.getString(1), DossierState::new).payments.add(new DossierState.Payment(
                            rs.getObject(2, UUID.class), rs.getLong(3), rs.getBoolean(4),
                            instant(rs.getTimestamp(5))));
                }
            }
        }
        return states;
    }

    private void writeFacts(List<DossierState> states) throws SQLException {
        List<DossierState> rows = states.stream().filter(s -> s.factChanged).toList();
        if (rows.isEmpty()) {
            return;
        }
        String[] columns = FACT_COLUMNS.split(", ");
        String[] types = {"text", "text", "text", "text", "text", "text", "boolean", "timestamptz", "timestamptz",
            "timestamptz", "text", "text", "timestamptz", "integer", "integer", "integer", "integer", "bigint",
            "boolean", "timestamptz", "boolean", "text", "timestamptz", "timestamptz"};
        int n = rows.size();
        Object[][] values = new Object[columns.length][n];
        for (int i = 0; i < n; i++) {
            DossierState s = rows.get(i);
            Object[] row = {s.dossierId, s.officeId, s.code, s.procedureCode, s.field, s.channel, s.onlineEligible,
                text(s.receivedAt), text(s.dueAt), text(s.resolvedAt), s.outcome, s.timeliness, text(s.withdrawnAt),
                Math.max(0, s.revision), s.documents, s.digitised, s.reused, s.fee, s.onlinePayment,
                text(s.returnedAt), s.electronicResult, s.rating, text(s.ratedAt), text(s.cancelledAt)};
            for (int c = 0; c < columns.length; c++) {
                values[c][i] = row[c];
            }
        }
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner sets = new StringJoiner(", ");
        for (int c = 0; c < columns.length; c++) {
            arrays.add("?::" + types[c] + "[]");
            if (c > 0) {
                sets.add(columns[c] + " = excluded." + columns[c]);
            }
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into dossier_fact (" + FACT_COLUMNS + ")"
                + " select * from unnest(" + arrays + ") on conflict (dossier_id) do update set " + sets)) {
            for (int c = 0; c < columns.length; c++) {
                String arrayType = switch (types[c]) {
                    case "boolean" -> "boolean";
                    case "integer" -> "integer";
                    case "bigint" -> "bigint";
                    default -> "text"; // timestamps as ISO text, cast by the statement
                };
                ps.setArray(c + 1, connection.createArrayOf(arrayType, values[c]));
            }
            ps.executeUpdate();
        }
    }

    private void writePayments(List<DossierState> states) throws SQLException {
        List<String> dossier = new ArrayList<>();
        List<String> event = new ArrayList<>();
        List<Long> amount = new ArrayList<>();
        List<Boolean> online = new ArrayList<>();
        List<String> at = new ArrayList<>();
        for (DossierState s : states) {
            for (DossierState.Payment p : s.newPayments) {
                dossier.add(s.dossierId);
                event.add(p.eventId().toString());
                amount.add(p.amount());
                online.add(p.online());
                at.add(text(p.paidAt()));
            }
        }
        if (dossier.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into fee_payment (event_id, dossier_id,"
                + " amount, online, paid_at) select * from unnest(?::uuid[], ?::text[], ?::bigint[], ?::boolean[],"
                + " ?::timestamptz[]) on conflict (event_id) do nothing")) {
            ps.setArray(1, connection.createArrayOf("text", event.toArray()));
            ps.setArray(2, connection.createArrayOf("text", dossier.toArray()));
            ps.setArray(3, connection.createArrayOf("bigint", amount.toArray()));
            ps.setArray(4, connection.createArrayOf("boolean", online.toArray()));
            ps.setArray(5, connection.createArrayOf("text", at.toArray()));
            ps.executeUpdate();
        }
    }

    private void writeClocks(List<DossierState> states) throws SQLException {
        List<String> dossier = new ArrayList<>();
        List<String> event = new ArrayList<>();
        List<String> kind = new ArrayList<>();
        List<String> at = new ArrayList<>();
        List<String> due = new ArrayList<>();
        for (DossierState s : states) {
            for (DossierState.Clock c : s.newClocks) {
                dossier.add(s.dossierId);
                event.add(c.eventId().toString());
                kind.add(c.kind());
                at.add(text(c.at()));
                due.add(text(c.dueAt()));
            }
        }
        if (dossier.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into dossier_clock (event_id, dossier_id,"
                + " kind, at, due_at) select * from unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[],"
                + " ?::timestamptz[]) on conflict (event_id) do nothing")) {
            ps.setArray(1, connection.createArrayOf("text", event.toArray()));
            ps.setArray(2, connection.createArrayOf("text", dossier.toArray()));
            ps.setArray(3, connection.createArrayOf("text", kind.toArray()));
            ps.setArray(4, connection.createArrayOf("text", at.toArray()));
            ps.setArray(5, connection.createArrayOf("text", due.toArray()));
            ps.executeUpdate();
        }
    }

    private void writeLetters(List<DossierState> states) throws SQLException {
        List<String> dossier = new ArrayList<>();
        List<Integer> number = new ArrayList<>();
        List<String> office = new ArrayList<>();
        List<String> issued = new ArrayList<>();
        List<Boolean> inTime = new ArrayList<>();
        for (DossierState s : states) {
            for (DossierState.Letter l : s.newLetters) {
                dossier.add(s.dossierId);
                number.add(l.number());
                office.add(l.officeId());
                issued.add(text(l.issuedAt()));
                inTime.add(l.inTime());
            }
        }
        if (dossier.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into apology_letter (dossier_id,"
                + " letter_number, office_id, issued_at, in_time) select * from unnest(?::text[], ?::integer[],"
                + " ?::text[], ?::timestamptz[], ?::boolean[]) on conflict (dossier_id, letter_number) do nothing")) {
            ps.setArray(1, connection.createArrayOf("text", dossier.toArray()));
            ps.setArray(2, connection.createArrayOf("integer", number.toArray()));
            ps.setArray(3, connection.createArrayOf("text", office.toArray()));
            ps.setArray(4, connection.createArrayOf("text", issued.toArray()));
            ps.setArray(5, connection.createArrayOf("boolean", inTime.toArray()));
            ps.executeUpdate();
        }
    }

    private void writeCounters(CounterDeltas deltas) throws SQLException {
        List<Map.Entry<CounterDeltas.Key, long[]>> rows = deltas.nonZero();
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] office = new String[n];
        String[] grain = new String[n];
        String[] bucket = new String[n];
        Long[][] values = new Long[Counter.COUNT][n];
        for (int i = 0; i < n; i++) {
            CounterDeltas.Key key = rows.get(i).getKey();
            office[i] = key.officeId();
            grain[i] = String.valueOf(key.grain());
            bucket[i] = key.bucket().toString();
            long[] v = rows.get(i).getValue();
            for (int c = 0; c < Counter.COUNT; c++) {
                values[c][i] = v[c];
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(upsertCounters())) {
            ps.setArray(1, connection.createArrayOf("text", office));
            ps.setArray(2, connection.createArrayOf("text", grain));
            ps.setArray(3, connection.createArrayOf("text", bucket));
            for (int c = 0; c < Counter.COUNT; c++) {
                ps.setArray(4 + c, connection.createArrayOf("bigint", values[c]));
            }
            ps.executeUpdate();
        }
    }

    private static String upsertCounters() {
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner sets = new StringJoiner(", ");
        for (Counter c : Counter.values()) {
            columns.add(c.column());
            arrays.add("?::bigint[]");
            sets.add(c.column() + " = office_counter." + c.column() + " + excluded." + c.column());
        }
        return "insert into office_counter (office_id, grain, bucket, " + columns + ")"
                + " select * from unnest(?::text[], ?::text[], ?::date[], " + arrays + ")"
                + " on conflict (office_id, grain, bucket) do update set " + sets;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** ISO-8601 with offset Z: PostgreSQL reads it as timestamptz whatever the session time zone. */
    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    @Override
    public void close() {
        pending.clear();
    }
}
