package vn.motcua.workflow.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The tree is read once per max age, and at once after a refresh; a root and an unknown office have no parent. */
class CatalogueOfficeTreeTest {
    private final Map<String, String> rows = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final OfficeTable table = new OfficeTable(null, null) {
        @Override
        public Map<String, String> parents() {
            reads.incrementAndGet();
            return new HashMap<>(rows);
        }
    };

    @Test
    void readsAtMostOncePerMaxAgeAndAtOnceAfterARefresh() {
        MutableClock clock = new MutableClock();
        CatalogueOfficeTree tree = new CatalogueOfficeTree(table, clock, Duration.ofSeconds(5));
        rows.put("X.1", "X");
        rows.put("X", null);
        assertThat(tree.parentOf("X.1")).hasValue("X");
        assertThat(tree.parentOf("X")).isEmpty();
        assertThat(tree.parentOf("NOWHERE")).isEmpty();
        assertThat(reads).hasValue(1);

        rows.put("X.1", "Y");
        clock.now = clock.now.plusSeconds(4);
        assertThat(tree.parentOf("X.1")).as("still the copy").hasValue("X");
        clock.now = clock.now.plusSeconds(2);
        assertThat(tree.parentOf("X.1")).as("expired").hasValue("Y");
        assertThat(reads).hasValue(2);

        rows.put("X.1", "Z");
        tree.refresh();
        assertThat(tree.parentOf("X.1")).hasValue("Z");
        assertThat(reads).hasValue(3);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-03-02T02:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
