package vn.motcua.reporting.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.Topics;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.RandomStream;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.reporting.report.ReportRequest;
import vn.motcua.reporting.report.Scope;

/**
 * Properties of the index over random streams (seeded, so a failure replays): every score in [0, max], ratio =
 * numerator / denominator, denominator 0 = unavailable, total and maxTotal the sums of the available ones; and
 * the subtree index of a district equals the index of one office that received the union of its communes'
 * dossiers and petitions (the same streams generated twice from the same seed, once spread over the communes,
 * once at a single office).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexPropertyIT implements TestPropertyProvider {
    private static final int DOSSIERS = 600;
    private static final int PETITIONS = 80;

    @Inject
    IndexService service;
    @Inject
    javax.sql.DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_index_prop_it",
                ReportingInfra.uniqueGroup("reporting-index-prop-it"));
    }

    @Test
    void scoresRatiosAvailabilityAndTheSubtreeEqualsTheUnionOfItsCommunes() throws Exception {
        RandomStream.Tree tree = RandomStream.tree(EventFeed.unique("H66P"), 2, 3);
        String district = tree.districts().get(0);
        List<String> communes = tree.communes().stream().filter(c -> c.startsWith(district + ".")).toList();
        String union = tree.province() + ".U";
        List<MotcuaEvent> events = new ArrayList<>(tree.events());
        events.add(EventFeed.office(union, tree.province(), OfficeLevel.COMMUNE));
        Random pick = new Random(3);
        Random spread = new Random(42);
        Random single = new Random(42);
        for (int i = 0; i < DOSSIERS; i++) {
            String commune = communes.get(pick.nextInt(communes.size()));
            events.addAll(RandomStream.dossier(tree.province() + "-A" + i, commune, LocalDate.of(2023, 1, 1), 400,
                    spread).events());
            events.addAll(RandomStream.dossier(tree.province() + "-B" + i, union, LocalDate.of(2023, 1, 1), 400,
                    single).events());
        }
        for (int i = 0; i < PETITIONS; i++) {
            String commune = communes.get(pick.nextInt(communes.size()));
            events.addAll(RandomStream.petition(tree.province() + "-A" + i, commune, LocalDate.of(2023, 1, 1), 400,
                    spread));
            events.addAll(RandomStream.petition(tree.province() + "-B" + i, union, LocalDate.of(2023, 1, 1), 400,
                    single));
        }
        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers())) {
            feed.send(events);
        }
        // Every topic read to its end (other test classes' events included: a count of applied events is not
        // enough when they share the broker).
        await().atMost(Duration.ofSeconds(120)).until(() -> storedPositions() == endOffsets());
        Random random = new Random(2024);
        int available = 0;
        for (int i = 0; i < 62; i++) {
            LocalDate from = LocalDate.of(2022, 12, 1).plusDays(random.nextInt(450));
            LocalDate to = from.plusDays(random.nextInt(random.nextBoolean() ? 40 : 300));
            if (i >= 60) { // whole years (year buckets) and the standard cut-off around them
                from = i == 60 ? LocalDate.of(2023, 1, 1) : LocalDate.of(2022, 12, 15);
                to = i == 60 ? LocalDate.of(2023, 12, 31) : LocalDate.of(2024, 1, 14);
            }
            ServiceIndex subtree = service.index(new ReportRequest(district, from, to, Scope.SUBTREE));
            ServiceIndex one = service.index(new ReportRequest(union, from, to, Scope.SELF));
            assertThat(subtree.groups()).as("%s..%s", from, to).isEqualTo(one.groups());
            assertThat(subtree.total()).isEqualByComparingTo(one.total());
            for (String office : List.of(district, communes.get(0), tree.province())) {
                available += checkProperties(service.index(new ReportRequest(office, from, to,
                        random.nextBoolean() ? Scope.SUBTREE : Scope.SELF)));
            }
            available += checkProperties(subtree);
        }
        assertThat(available).as("the properties were not checked on empty answers only").isGreaterThan(1000);
    }

    private long storedPositions() throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("select coalesce(sum(next_offset), 0) from projection_offset")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long endOffsets() {
        try (var topics = new vn.motcua.testsupport.TopicProbe(ReportingInfra.infra().bootstrapServers())) {
            return topics.count(Topics.CATALOGUE, Topics.DOSSIER_INTAKE, Topics.DOSSIER_WORKFLOW, Topics.PETITION);
        }
    }

    /** Returns how many indicators were available. */
    private static int checkProperties(ServiceIndex index) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal maxTotal = BigDecimal.ZERO;
        int available = 0;
        for (ServiceIndex.Group g : index.groups()) {
            BigDecimal groupScore = BigDecimal.ZERO;
            for (ServiceIndex.Indicator i : g.indicators()) {
                if (i.denominator() == null || i.denominator() == 0) {
                    assertThat(i.available()).as(i.code()).isFalse();
                }
                if (!i.available()) {
                    assertThat(i.score()).as(i.code()).isNull();
                    assertThat(i.ratio()).as(i.code()).isNull();
                    continue;
                }
                available++;
                assertThat(i.denominator()).as(i.code()).isPositive();
                assertThat(i.numerator()).as(i.code()).isBetween(0L, i.denominator());
                assertThat(i.ratio()).as(i.code()).isEqualByComparingTo(BigDecimal.valueOf(i.numerator())
                        .divide(BigDecimal.valueOf(i.denominator()), 4, RoundingMode.HALF_UP));
                assertThat(i.score()).as(i.code()).isBetween(BigDecimal.ZERO, i.max());
                groupScore = groupScore.add(i.score());
                maxTotal = maxTotal.add(i.max());
            }
            assertThat(g.score()).isEqualByComparingTo(groupScore);
            total = total.add(groupScore);
        }
        assertThat(index.total()).isEqualByComparingTo(total);
        assertThat(index.maxTotal()).isEqualByComparingTo(maxTotal);
        assertThat(index.total()).isBetween(BigDecimal.ZERO, index.maxTotal());
        return available;
    }
}
