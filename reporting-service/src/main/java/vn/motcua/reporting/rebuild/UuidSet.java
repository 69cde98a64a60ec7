package vn.motcua.reporting.rebuild;

import java.sql.SQLException;
import java.util.UUID;
import vn.motcua.reporting.jdbc.CopyRows;

/**
 * The ce_ids a rebuild's partition group has seen: an open-addressing hash set of (most, least) significant
 * bit pairs in one long array. A group keeps hundreds of thousands of them for its whole fold; as plain
 * {@code HashSet<UUID>} entries they would be millions of small objects for the garbage collector to copy.
 */
final class UuidSet {
    private long[] slots = new long[2 * 1024]; // pairs; (0, 0) = empty
    private int size;
    private boolean zero; // the nil UUID, which marks empty slots

    /** Adds the id; false if it was already there. */
    boolean add(UUID id) {
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        if (hi == 0 && lo == 0) {
            boolean added = !zero;
            zero = true;
            return added;
        }
        if (2 * (size + 1) > slots.length / 2) { // keep the load factor at most 1/2
            grow();
        }
        if (!insert(slots, hi, lo)) {
            return false;
        }
        size++;
        return true;
    }

    private static boolean insert(long[] table, long hi, long lo) {
        int mask = table.length / 2 - 1;
        int i = mix(hi, lo) & mask;
        while (true) {
            long h = table[2 * i];
            long l = table[2 * i + 1];
            if (h == 0 && l == 0) {
                table[2 * i] = hi;
                table[2 * i + 1] = lo;
                return true;
            }
            if (h == hi && l == lo) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != 0 || slots[i + 1] != 0) {
                insert(bigger, slots[i], slots[i + 1]);
            }
        }
        slots = bigger;
    }

    private static int mix(long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ h >>> 32);
    }

    int size() {
        return size + (zero ? 1 : 0);
    }

    /** Writes every id as one row of {@code rows}. */
    void copyTo(CopyRows rows) throws SQLException {
        if (zero) {
            rows.uuid(0, 0).endRow();
        }
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != 0 || slots[i + 1] != 0) {
                rows.uuid(slots[i], slots[i + 1]).endRow();
            }
        }
    }
}
