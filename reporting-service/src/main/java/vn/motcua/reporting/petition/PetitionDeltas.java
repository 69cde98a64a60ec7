package vn.motcua.reporting.petition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Changes to {@code petition_counter} per (office, grain, bucket), days rolled up into months and years. */
final class PetitionDeltas {
    record Key(String officeId, char grain, LocalDate bucket) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::officeId).thenComparing(Key::grain)
                .thenComparing(Key::bucket);
    }

    private final ZoneId zone;
    private final Map<Key, long[]> rows = new HashMap<>();

    PetitionDeltas(ZoneId zone) {
        this.zone = zone;
    }

    void add(String office, Instant at, PetitionCounter counter, int sign) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        for (Key key : List.of(new Key(office, 'D', day), new Key(office, 'M', day.withDayOfMonth(1)),
                new Key(office, 'Y', day.withDayOfYear(1)))) {
            rows.computeIfAbsent(key, k -> new long[PetitionCounter.COUNT])[counter.ordinal()] += sign;
        }
    }

    /** Non-zero rows in a stable order (rows are locked in the same order by every writer). */
    List<Map.Entry<Key, long[]>> nonZero() {
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
}
