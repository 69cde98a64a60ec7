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
import vn.motcua.reporting.kafka.EventBatchWriter;

/**
 * The per-dossier facts (receipt, resolution, withdrawal, supplement clock, apology letters) and the
 * pre-aggregated {@code office_counter}, written together for a whole batch in a handful of statements:
 * the touched dossiers' current state is read once, the batch's events are applied to it in memory
 * ({@link DossierState#apply}: each event sets only its own columns, so arrival order between topics does not
 * matter), the new rows go back as multi-row upserts over arrays, and the counters move by the difference
 * between each dossier's new and old contribution. Transfers, due-soon/overdue announcements and returns
 * change no figure, so they are not stored.
 */
public final class DossierWriter implements EventBatchWriter {
    private static final String FACT_COLUMNS = "dossier_id, office_id, code, procedure_code, field, channel, "
            + "online_eligible, received_at, due_at, resolved_at, outcome, timeliness, withdrawn_at";

    private final Connection connection;
    private final ZoneId zone;
    private final boolean counters;
    private final long[] profile;
    private final Map<String, List<EventEnvelope>> pending = new LinkedHashMap<>();

    /** @param counters false while a rebuild replays: it derives the counters once at the end instead */
    public DossierWriter(Connection connection, ZoneId zone, boolean counters) {
        this(connection, zone, counters, null);
    }

    /** @param profile null, or nanos added to [1] load, [2] apply, [3] fact writes, [4] counter writes */
    public DossierWriter(Connection connection, ZoneId zone, boolean counters, long[] profile) {
        this.connection = connection;
        this.zone = zone;
        this.counters = counters;
        this.profile = profile;
    }

    private void took(int stage, long since) {
        if (profile != null) {
            profile[stage] += System.nanoTime() - since;
        }
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
        took(1, t);
        t = System.nanoTime();
        CounterDeltas deltas = new CounterDeltas(zone);
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
                }
                deltas.contribute(after, +1);
            }
            changed.add(after);
        }
        took(2, t);
        t = System.nanoTime();
        writeFacts(changed);
        writeClocks(changed);
        writeLetters(changed);
        took(3, t);
        t = System.nanoTime();
        if (counters) {
            writeCounters(deltas);
        }
        took(4, t);
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
        return states;
    }

    private void writeFacts(List<DossierState> states) throws SQLException {
        List<DossierState> rows = states.stream().filter(s -> s.factChanged).toList();
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[][] text = new String[7][n];
        Boolean[] eligible = new Boolean[n];
        String[][] times = new String[4][n];
        for (int i = 0; i < n; i++) {
            DossierState s = rows.get(i);
            text[0][i] = s.dossierId;
            text[1][i] = s.officeId;
            text[2][i] = s.code;
            text[3][i] = s.procedureCode;
            text[4][i] = s.field;
            text[5][i] = s.channel;
            text[6][i] = s.outcome;
            eligible[i] = s.onlineEligible;
            times[0][i] = text(s.receivedAt);
            times[1][i] = text(s.dueAt);
            times[2][i] = text(s.resolvedAt);
            times[3][i] = text(s.withdrawnAt);
        }
        String[] timeliness = rows.stream().map(s -> s.timeliness).toArray(String[]::new);
        try (PreparedStatement ps = connection.prepareStatement("insert into dossier_fact (" + FACT_COLUMNS + ")"
                + " select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::boolean[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[],"
                + " ?::timestamptz[])"
                + " on conflict (dossier_id) do update set office_id = excluded.office_id, code = excluded.code,"
                + " procedure_code = excluded.procedure_code, field = excluded.field, channel = excluded.channel,"
                + " online_eligible = excluded.online_eligible, received_at = excluded.received_at,"
                + " due_at = excluded.due_at, resolved_at = excluded.resolved_at, outcome = excluded.outcome,"
                + " timeliness = excluded.timeliness, withdrawn_at = excluded.withdrawn_at")) {
            for (int c = 0; c < 6; c++) {
                ps.setArray(c + 1, connection.createArrayOf("text", text[c]));
            }
            ps.setArray(7, connection.createArrayOf("boolean", eligible));
            ps.setArray(8, connection.createArrayOf("text", times[0]));
            ps.setArray(9, connection.createArrayOf("text", times[1]));
            ps.setArray(10, connection.createArrayOf("text", times[2]));
            ps.setArray(11, connection.createArrayOf("text", text[6]));
            ps.setArray(12, connection.createArrayOf("text", timeliness));
            ps.setArray(13, connection.createArrayOf("text", times[3]));
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
