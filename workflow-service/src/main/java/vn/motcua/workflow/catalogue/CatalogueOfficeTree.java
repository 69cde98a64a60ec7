package vn.motcua.workflow.catalogue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import vn.motcua.access.OfficeTree;

/**
 * The office tree the access rules walk, read from the {@code office} table and kept for a short while: every
 * request is checked, and the catalogue changes rarely. Another instance's writes (it may own the catalogue
 * partitions) show within {@code maxAge}; this instance's own consumer refreshes it at once.
 */
public class CatalogueOfficeTree implements OfficeTree {
    private final OfficeTable table;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Snapshot snapshot;

    private record Snapshot(Map<String, String> parents, Instant loadedAt) {
    }

    public CatalogueOfficeTree(OfficeTable table, Clock clock, Duration maxAge) {
        this.table = table;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public Optional<String> parentOf(String officeId) {
        return Optional.ofNullable(current().parents().get(officeId));
    }

    /** Forget what was read: the next check reads the table again. */
    public void refresh() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || s.loadedAt().plus(maxAge).isBefore(now)) {
            synchronized (this) {
                s = snapshot;
                if (s == null || s.loadedAt().plus(maxAge).isBefore(now)) {
                    s = new Snapshot(Map.copyOf(withoutNullValues(table.parents())), now);
                    snapshot = s;
                }
            }
        }
        return s;
    }

    /** Map.copyOf refuses nulls; a root has no parent, which "absent" says just as well. */
    private static Map<String, String> withoutNullValues(Map<String, String> parents) {
        parents.values().removeIf(v -> v == null);
        return parents;
    }
}
