package vn.motcua.reporting.dossier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch's changes to {@code procedure_counter}. A new receipt or a new online payment moves its day, month and
 * year rows by a delta, and a new receipt may become the bucket's latest dossier: one upsert, whatever the size of
 * the day. Recounting a day from the facts on every batch cost reporting's database more than everything else it
 * did under a steady load (a busy office's day holds tens of thousands of dossiers). Anything else that changes
 * what a dossier contributed (a correction, a cancellation) can take the latest dossier away from a bucket, which
 * no delta undoes: such buckets are recounted from the facts ({@link ProcedureCounters#recompute}) after the
 * deltas, so either way each row equals the rebuild's derivation ({@code BulkRebuildIT} compares them).
 */
final class ProcedureDeltas {
    /** What a dossier's receipt says in its day bucket; the latest of a bucket is shown with it. */
    record Receipt(Instant receivedAt, String dossierId, boolean online, Boolean eligible, long fee,
                   boolean onlinePayment) {
    }

    /** One dossier's part of one day bucket: its receipt (or none) and its online payments that day. */
    private record Part(Receipt receipt, int paid) {
    }

    /** Changes to one day bucket: counts to add, and the batch's new receipts (the statement picks the latest). */
    static final class Change {
        long received;
        long online;
        long paid;
        final List<Receipt> receipts = new ArrayList<>(1);
    }

    private static final Part NONE = new Part(null, 0);

    private final ZoneId zone;
    private final Map<ProcedureCounters.Key, Change> days = new HashMap<>();
    private final Set<ProcedureCounters.Key> recount = new LinkedHashSet<>();

    ProcedureDeltas(ZoneId zone) {
        this.zone = zone;
    }

    /** Records how one dossier's contribution changed in this batch ({@code before} null: nothing stored yet). */
    void change(DossierState before, DossierState after) {
        Map<ProcedureCounters.Key, Part> was = parts(before);
        Map<ProcedureCounters.Key, Part> now = parts(after);
        Set<ProcedureCounters.Key> keys = new LinkedHashSet<>(was.keySet());
        keys.addAll(now.keySet());
        for (ProcedureCounters.Key key : keys) {
            Part old = was.getOrDefault(key, NONE);
            Part next = now.getOrDefault(key, NONE);
            if (old.receipt() != null && !old.receipt().equals(next.receipt()) || next.paid() < old.paid()) {
                recount.add(key); // a contribution taken away or changed: only the facts can tell the bucket now
                continue;
            }
            boolean received = old.receipt() == null && next.receipt() != null;
            if (!received && next.paid() == old.paid()) {
                continue; // unchanged here: most events of a dossier (transfers, decisions) touch no bucket
            }
            Change c = days.computeIfAbsent(key, k -> new Change());
            c.paid += next.paid() - old.paid();
            if (received) {
                c.received++;
                c.online += next.receipt().online() ? 1 : 0;
                c.receipts.add(next.receipt());
            }
        }
    }

    /** What a dossier counts in, per day bucket: exactly the rows {@link ProcedureCounters}' derivation counts. */
    private Map<ProcedureCounters.Key, Part> parts(DossierState s) {
        if (s == null || !s.fact || s.officeId == null || s.procedureCode == null || s.receivedAt == null
                || s.cancelledAt != null) {
            return Map.of();
        }
        Map<ProcedureCounters.Key, Part> parts = new HashMap<>(2);
        parts.put(day(s, s.receivedAt), new Part(new Receipt(s.receivedAt, s.dossierId, "ONLINE".equals(s.channel),
                s.onlineEligible, s.fee, s.onlinePayment), 0));
        for (DossierState.Payment p : s.payments) {
            if (p.online()) {
                parts.merge(day(s, p.paidAt()), new Part(null, 1),
                        (a, b) -> new Part(a.receipt() != null ? a.receipt() : b.receipt(), a.paid() + b.paid()));
            }
        }
        return parts;
    }

    private ProcedureCounters.Key day(DossierState s, Instant at) {
        return new ProcedureCounters.Key(s.officeId, s.procedureCode, LocalDate.ofInstant(at, zone));
    }

    /** Writes the deltas to every grain, then recounts the buckets whose contributions were taken away. */
    void write(Connection connection) throws SQLException {
        ProcedureCounters.add(connection, days);
        ProcedureCounters.recompute(connection, zone, recount);
    }
}
