package vn.motcua.reporting.petition;

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
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.PetitionEvent;
import vn.motcua.reporting.jdbc.EventBatchWriter;
import vn.motcua.reporting.jdbc.Sql;

/**
 * Petitions (motcua.petition.v1): the touched petitions' rows are read, the batch applied in memory, the rows
 * written back and {@code petition_counter} moved by each petition's change of contribution. Petitions are few
 * (a handful per office and month), so the counters are kept on every path, rebuilds included.
 */
public final class PetitionWriter implements EventBatchWriter {
    private final Connection connection;
    private final ZoneId zone;
    private final Map<String, List<EventEnvelope>> pending = new LinkedHashMap<>();

    public PetitionWriter(Connection connection, ZoneId zone) {
        this.connection = connection;
        this.zone = zone;
    }

    @Override
    public boolean add(EventEnvelope event) {
        if (event.data() instanceof PetitionEvent p) {
            pending.computeIfAbsent(p.petitionId(), k -> new ArrayList<>()).add(event);
            return true;
        }
        return false;
    }

    @Override
    public void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, PetitionState> stored = load(pending.keySet().toArray(String[]::new));
        PetitionDeltas deltas = new PetitionDeltas(zone);
        List<PetitionState> changed = new ArrayList<>();
        pending.forEach((id, events) -> {
            PetitionState before = stored.get(id);
            PetitionState after = before == null ? new PetitionState(id) : before.copy();
            for (EventEnvelope e : events) {
                after.apply((PetitionEvent) e.data(), e.time());
            }
            if (before != null) {
                before.contribute(deltas, -1);
            }
            after.contribute(deltas, +1);
            changed.add(after);
        });
        write(changed);
        writeCounters(deltas);
        pending.clear();
    }

    private Map<String, PetitionState> load(String[] ids) throws SQLException {
        Map<String, PetitionState> states = new LinkedHashMap<>();
        try (PreparedStatement ps = Sql.planEachTime(connection.prepareStatement(
                "select " + PetitionState.COLUMNS + " from petition_fact where petition_id = any(?)"))) {
            ps.setArray(1, connection.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PetitionState s = new PetitionState(rs.getString(1));
                    s.officeId = rs.getString(2);
                    s.receivedAt = instant(rs.getTimestamp(3));
                    s.dueAt = instant(rs.getTimestamp(4));
                    s.answeredAt = instant(rs.getTimestamp(5));
                    s.onTime = (Boolean) rs.getObject(6);
                    s.rating = rs.getString(7);
                    s.ratedAt = instant(rs.getTimestamp(8));
                    states.put(s.petitionId, s);
                }
            }
        }
        return states;
    }

    private void write(List<PetitionState> states) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("insert into petition_fact (" + PetitionState.COLUMNS
                + ") values (?, ?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?, ?, ?::timestamptz)"
                + " on conflict (petition_id) do update set office_id = excluded.office_id,"
                + " received_at = excluded.received_at, due_at = excluded.due_at, answered_at = excluded.answered_at,"
                + " on_time = excluded.on_time, rating = excluded.rating, rated_at = excluded.rated_at")) {
            for (PetitionState s : states) {
                ps.setString(1, s.petitionId);
                ps.setString(2, s.officeId);
                ps.setString(3, text(s.receivedAt));
                ps.setString(4, text(s.dueAt));
                ps.setString(5, text(s.answeredAt));
                ps.setObject(6, s.onTime);
                ps.setString(7, s.rating);
                ps.setString(8, text(s.ratedAt));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeCounters(PetitionDeltas deltas) throws SQLException {
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        StringJoiner sets = new StringJoiner(", ");
        for (PetitionCounter c : PetitionCounter.values()) {
            columns.add(c.column());
            marks.add("?");
            sets.add(c.column() + " = petition_counter." + c.column() + " + excluded." + c.column());
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into petition_counter (office_id, grain,"
                + " bucket, " + columns + ") values (?, ?, ?::date, " + marks + ") on conflict (office_id, grain,"
                + " bucket) do update set " + sets)) {
            for (Map.Entry<PetitionDeltas.Key, long[]> e : deltas.nonZero()) {
                ps.setString(1, e.getKey().officeId());
                ps.setString(2, String.valueOf(e.getKey().grain()));
                ps.setString(3, e.getKey().bucket().toString());
                long[] v = e.getValue();
                for (int c = 0; c < v.length; c++) {
                    ps.setLong(4 + c, v[c]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    @Override
    public void close() {
        pending.clear();
    }
}
