package vn.motcua.reporting.dossier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to {@code office_counter}, summed per (office, grain, bucket). Each dossier adds what it contributes
 * now and subtracts what it contributed before the batch, so the table always equals the sum over all dossiers
 * of {@link #contribute}, whatever the order in which their events arrived.
 */
public final class CounterDeltas {
    public record Key(String officeId, char grain, LocalDate bucket) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::officeId).thenComparing(Key::grain)
                .thenComparing(Key::bucket);
    }

    private final ZoneId zone;
    private final Map<Key, long[]> deltas = new HashMap<>();

    public CounterDeltas(ZoneId zone) {
        this.zone = zone;
    }

    /** Adds (sign +1) or removes (sign -1) what one dossier contributes. */
    public void contribute(DossierState d, int sign) {
        if (!d.fact || d.receivedAt == null || d.officeId == null || d.cancelledAt != null) {
            return; // not received yet, or a receipt made in error (cancelled): in no figure
        }
        String office = d.officeId;
        Instant received = d.receivedAt;
        add(office, received, Counter.RECEIVED, sign);
        if (d.channel != null) {
            switch (d.channel) {
                case "ONLINE" -> add(office, received, Counter.RECEIVED_ONLINE, sign);
                case "IN_PERSON" -> add(office, received, Counter.RECEIVED_IN_PERSON, sign);
                case "POSTAL" -> add(office, received, Counter.RECEIVED_POSTAL, sign);
                default -> { }
            }
        }
        if (Boolean.TRUE.equals(d.onlineEligible)) {
            add(office, received, Counter.ELIGIBLE, sign);
            if ("ONLINE".equals(d.channel)) {
                add(office, received, Counter.ELIGIBLE_ONLINE, sign);
            }
        }
        if (d.documents > 0 && d.digitised >= d.documents) {
            add(office, received, Counter.DIGITISED, sign);
        }
        if (d.reused > 0) {
            add(office, received, Counter.REUSED, sign);
        }
        if (d.fee > 0) {
            add(office, received, Counter.FEE_DUE, sign);
            if (d.paidOnline()) {
                add(office, received, Counter.FEE_PAID_ONLINE, sign);
            }
        }
        if (d.returnedAt != null && "APPROVED".equals(d.outcome)) {
            Instant returned = d.returnedAt.isBefore(received) ? received : d.returnedAt;
            add(office, returned, Counter.RETURNED_APPROVED, sign);
            if (Boolean.TRUE.equals(d.electronicResult)) {
                add(office, returned, Counter.RETURNED_ELECTRONIC, sign);
            }
        }
        boolean multi = d.multipleSupplementRequests();
        boolean dissatisfied = "DISSATISFIED".equals(d.rating);
        if (multi) {
            add(office, received, Counter.MULTI_RECEIVED, sign);
        }
        if (dissatisfied) {
            add(office, received, Counter.DISSAT_RECEIVED, sign);
        }
        Instant closed = d.closedAt();
        if (closed != null) {
            add(office, closed, Counter.CLOSED, sign);
            if (multi) {
                add(office, closed, Counter.MULTI_CLOSED, sign);
                if (d.resolvedAt == null || "EARLY".equals(d.timeliness) || "ON_TIME".equals(d.timeliness)) {
                    add(office, closed, Counter.MULTI_CLOSED_GOOD, sign);
                }
            }
            if (dissatisfied) {
                add(office, closed, Counter.DISSAT_CLOSED, sign);
            }
            if (d.resolvedAt != null) {
                add(office, closed, Counter.RESOLVED, sign);
                if (d.timeliness != null) {
                    switch (d.timeliness) {
                        case "EARLY" -> add(office, closed, Counter.RESOLVED_EARLY, sign);
                        case "ON_TIME" -> add(office, closed, Counter.RESOLVED_ON_TIME, sign);
                        case "LATE" -> {
                            add(office, closed, Counter.RESOLVED_LATE, sign);
                            if (d.letters.isEmpty()) {
                                add(office, closed, Counter.LATE_WITHOUT_LETTER, sign);
                            }
                        }
                        default -> { }
                    }
                }
            } else {
                add(office, closed, Counter.WITHDRAWN, sign);
            }
        }
        for (DossierState.Letter letter : d.letters) {
            add(office, letter.issuedAt(), Counter.APOLOGIES, sign);
            if (letter.inTime()) {
                add(office, letter.issuedAt(), Counter.APOLOGIES_IN_TIME, sign);
            }
        }
        clockIntervals(d, office, received, closed, sign, multi);
    }

    /**
     * The dossier is open on (received, closed]. The supplement clock cuts that into segments (t_i, t_i+1]
     * between entries: after a STOPPED entry it awaits a supplement; otherwise the due date in force is the
     * receipt's, or the one of the RESTARTED entry; past it the dossier is overdue. Each such interval (lo, hi]
     * adds a start at lo and an end at hi; the count at instant e is starts before e minus ends before e.
     */
    private void clockIntervals(DossierState d, String office, Instant received, Instant closed, int sign,
                                boolean multi) {
        List<DossierState.Clock> clocks = d.clocks;
        if (clocks.size() > 1) {
            clocks = new ArrayList<>(clocks);
            clocks.sort(DossierState.Clock.BY_TIME);
        }
        for (int i = 0; i <= clocks.size(); i++) {
            DossierState.Clock entry = i == 0 ? null : clocks.get(i - 1);
            Instant from = entry == null ? received : max(received, entry.at());
            Instant segmentEnd = i < clocks.size() ? clocks.get(i).at() : null;
            Instant to = min(closed, segmentEnd);
            if (entry != null && DossierState.STOPPED.equals(entry.kind())) {
                interval(office, from, to, Counter.AWAIT_START, Counter.AWAIT_END, sign);
            } else {
                Instant due = entry != null && entry.dueAt() != null ? entry.dueAt() : d.dueAt;
                if (due != null) {
                    interval(office, max(from, due), to, Counter.OVERDUE_START, Counter.OVERDUE_END, sign);
                    if (multi) {
                        interval(office, max(from, due), to, Counter.MULTI_OVERDUE_START, Counter.MULTI_OVERDUE_END,
                                sign);
                    }
                }
            }
        }
    }

    private void interval(String office, Instant lo, Instant hi, Counter start, Counter end, int sign) {
        if (hi != null && !lo.isBefore(hi)) {
            return; // empty
        }
        add(office, lo, start, sign);
        if (hi != null) {
            add(office, hi, end, sign);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** null = never (+infinity). */
    private static Instant min(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    private void add(String office, Instant at, Counter counter, int sign) {
        // Days only here; their months and years are summed once in nonZero() (a third of the map work).
        Key day = new Key(office, 'D', LocalDate.ofInstant(at, zone));
        deltas.computeIfAbsent(day, k -> new long[Counter.COUNT])[counter.ordinal()] += sign;
    }

    /**
     * The non-zero changes of every day, month and year row, in a stable order (rows are locked in the same
     * order by every writer).
     */
    public List<Map.Entry<Key, long[]>> nonZero() {
        Map<Key, long[]> rows = new HashMap<>(deltas.size() * 2);
        for (Map.Entry<Key, long[]> e : deltas.entrySet()) {
            Key day = e.getKey();
            long[] v = e.getValue();
            rows.put(day, v.clone());
            for (Key up : List.of(new Key(day.officeId(), 'M', day.bucket().withDayOfMonth(1)),
                    new Key(day.officeId(), 'Y', day.bucket().withDayOfYear(1)))) {
                long[] sum = rows.computeIfAbsent(up, k -> new long[Counter.COUNT]);
                for (int c = 0; c < Counter.COUNT; c++) {
                    sum[c] += v[c];
                }
            }
        }
        List<Map.Entry<Key, long[]>> result = new ArrayList<>();
        for (Map.Entry<Key, long[]> e : rows.entrySet()) {
            for (long v : e.getValue()) {
                if (v != 0) {
                    result.add(e);
                    break;
                }
            }
        }
        result.sort(Map.Entry.comparingByKey(Key.ORDER));
        return result;
    }

    /** Adds another set of changes to this one (a rebuild sums its partition groups'). */
    public void merge(CounterDeltas other) {
        other.deltas.forEach((key, values) -> {
            long[] mine = deltas.computeIfAbsent(key, k -> new long[Counter.COUNT]);
            for (int c = 0; c < Counter.COUNT; c++) {
                mine[c] += values[c];
            }
        });
    }

    public void clear() {
        deltas.clear();
    }
}
