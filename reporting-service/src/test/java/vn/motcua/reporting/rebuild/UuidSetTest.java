package vn.motcua.reporting.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rebuild's ce_id set must tell a repeated id from a new one exactly as a HashSet would, at any size. */
class UuidSetTest {
    @Test
    void repeatedIdsAreRecognisedThroughGrowthAndTheNilUuidIsAnIdLikeAnyOther() {
        Random random = new Random(3);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        ids.add(new UUID(0, 0));
        ids.add(new UUID(0, 1)); // a zero half is not the empty marker
        UuidSet set = new UuidSet();
        Set<UUID> reference = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < ids.size(); i += round + 1) { // first every id, then every other one again
                assertThat(set.add(ids.get(i))).isEqualTo(reference.add(ids.get(i)));
            }
        }
        assertThat(set.size()).isEqualTo(reference.size()).isEqualTo(ids.size());
    }
}
