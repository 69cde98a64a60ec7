package vn.motcua.reporting.dossier;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.motcua.events.DossierEvent;
import vn.motcua.events.EventEnvelope;
import vn.motcua.reporting.jdbc.Sql;
import vn.motcua.reporting.jdbc.UpsertRows;
import vn.motcua.reporting.timing.StageTimers;
import vn.motcua.reporting.jdbc.EventBatchWriter;

/**
 * The per-dossier facts (receipt, resolution, withdrawal, supplement clock, apology letters) and the
 * pre-aggregated {@code office_counter}, written together for a whole batch in a handful of statements:
 * the touched dossiers' current state is read once, the batch's events are applied to it in memory
 * ({@link DossierState#apply}: each event sets only its own columns, so arrival order between topics does not
 * matter), the new rows go back as multi-row upserts over arrays, and the counters move by the difference
 * between each dossier's new and old contribution, the procedure buckets too ({@link ProcedureDeltas}). Returns,
 * ratings, payments and cancellations (contract 1.1) are stored; transfers and due-soon/overdue announcements
 * change no figure, so they are not.
 */
public final class DossierWriter implements EventBatchWriter {
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
        ProcedureDeltas procedureDeltas = new ProcedureDeltas(zone);
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
                procedureDeltas.change(before, after);
            }
            changed.add(after);
        }
        timers.record("apply", t);
        t = System.nanoTime();
        writeRows(changed);
        timers.record("facts", t);
        t = System.nanoTime();
        if (counters) {
            writeCounters(deltas);
            procedureDeltas.write(connection);
        }
        timers.record("counters", t);
        pending.clear();
    }

    /** The stored state of these dossiers (absent: nothing stored yet). */
    private Map<String, DossierState> load(String[] ids) throws SQLException {
        Map<String, DossierState> states = new LinkedHashMap<>();
        Array idArray = connection.createArrayOf("text", ids);
        try (PreparedStatement ps = Sql.planEachTime(connection.prepareStatement(
                "select " + DossierRows.FACT_COLUMNS + " from dossier_fact where dossier_id = any(?)"))) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DossierState s = DossierRows.readFact(rs);
                    states.put(s.dossierId, s);
                }
            }
        }
        try (PreparedStatement ps = Sql.planEachTime(connection.prepareStatement(DossierRows.CLOCK_SELECT
                + " where dossier_id = any(?)"))) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.computeIfAbsent(rs.getString(1), DossierState::new).clocks.add(DossierRows.readClock(rs));
                }
            }
        }
        try (PreparedStatement ps = Sql.planEachTime(connection.prepareStatement(DossierRows.LETTER_SELECT
                + " where dossier_id = any(?)"))) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.computeIfAbsent(rs.getString(1), DossierState::new).letters.add(DossierRows.readLetter(rs));
                }
            }
        }
        try (PreparedStatement ps = Sql.planEachTime(connection.prepareStatement(DossierRows.PAYMENT_SELECT
                + " where dossier_id = any(?)"))) {
            ps.setArray(1, idArray);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.computeIfAbsent(rs.getString(1), DossierState::new).payments
                            .add(DossierRows.readPayment(rs));
                }
            }
        }
        return states;
    }

    /** The batch's new rows, through the row codec into upserts (one statement per table). */
    private void writeRows(List<DossierState> states) throws SQLException {
        UpsertRows facts = DossierRows.upsertFacts();
        UpsertRows clocks = DossierRows.upsertClocks();
        UpsertRows letters = DossierRows.upsertLetters();
        UpsertRows payments = DossierRows.upsertPayments();
        for (DossierState s : states) {
            if (s.factChanged) {
                DossierRows.fact(s, facts);
            }
            for (DossierState.Clock c : s.newClocks) {
                DossierRows.clock(s.dossierId, c, clocks);
            }
            for (DossierState.Letter l : s.newLetters) {
                DossierRows.letter(s.dossierId, l, letters);
            }
            for (DossierState.Payment p : s.newPayments) {
                DossierRows.payment(s.dossierId, p, payments);
            }
        }
        facts.execute(connection);
        clocks.execute(connection);
        letters.execute(connection);
        payments.execute(connection);
    }

    private void writeCounters(CounterDeltas deltas) throws SQLException {
        UpsertRows rows = DossierRows.upsertCounters();
        DossierRows.counters(deltas, rows);
        rows.execute(connection);
    }

    @Override
    public void close() {
        pending.clear();
    }
}
