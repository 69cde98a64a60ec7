package vn.motcua.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.RandomStream;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.reporting.projection.ProjectionMetrics;

/**
 * The pre-aggregated counters must give exactly what the plain aggregate over the per-dossier facts gives, for
 * any office, scope and period, whatever the order and repetition of the events: a random stream (workflow
 * events before their receipts, duplicates, corrected receipts, late letters) goes through the real Kafka and
 * projector in two waves, and after each wave hundreds of random reports are compared figure by figure.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CounterCrossCheckIT implements TestPropertyProvider {
    private static final int DOSSIERS = 1200;

    @Inject
    CounterRepository counters;
    @Inject
    ReportRepository reference;
    @Inject
    ProjectionMetrics metrics;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_xcheck_it", ReportingInfra.uniqueGroup("reporting-xcheck-it"));
    }

    @Test
    void countersEqualThePlainAggregateForRandomOfficesAndPeriods() throws Exception {
        Random random = new Random(20240615);
        RandomStream.Tree tree = RandomStream.tree(EventFeed.unique("H77X"), 3, 3);
        List<MotcuaEvent> firstWave = new ArrayList<>(tree.events());
        List<MotcuaEvent> secondWave = new ArrayList<>();
        List<MotcuaEvent> receiptsLast = new ArrayList<>();
        for (int i = 0; i < DOSSIERS; i++) {
            RandomStream.Dossier d = RandomStream.dossier(tree.province() + "-" + i, RandomStream.office(tree, random),
                    LocalDate.of(2023, 1, 1), 700, random);
            List<MotcuaEvent> events = d.events();
            switch (i % 4) {
                case 0 -> firstWave.addAll(events); // everything at once
                case 1 -> { // receipt now, the workflow later
                    firstWave.add(events.get(0));
                    secondWave.addAll(events.subList(1, events.size()));
                }
                case 2 -> { // the workflow first, the receipt later
                    firstWave.addAll(events.subList(1, events.size()));
                    receiptsLast.add(events.get(0));
                }
                default -> { // a receipt, then a corrected receipt (other office, channel and due date)
                    firstWave.addAll(events);
                    DossierReceived r = (DossierReceived) events.get(0);
                    secondWave.add(new DossierReceived(r.dossierId(), r.code(), RandomStream.office(tree, random),
                            r.procedureCode(), r.field(), Channel.ONLINE, true, BigDecimal.ONE,
                            r.receivedAt().plus(Duration.ofDays(1)), r.dueAt().minus(Duration.ofDays(1))));
                }
            }
        }
        secondWave.addAll(receiptsLast);
        Collections.shuffle(secondWave, random);

        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers())) {
            double before = metrics.appliedTotal();
            List<EventEnvelope> first = feed.send(firstWave.toArray(MotcuaEvent[]::new));
            awaitSettled(before + first.size());
            compare(tree, random, 150);

            double middle = metrics.appliedTotal();
            feed.send(secondWave);
            feed.resend(first.subList(0, first.size() / 10)); // at-least-once redelivery: no effect
            awaitSettled(middle + secondWave.size());
            compare(tree, random, 250);
        }
    }

    /**
     * Until the projector applied at least {@code atLeast} events in all and then nothing for half a second: the
     * count alone can be reached while this wave's last batches are still being applied (the group also replays
     * the shared topics' earlier events), and a report compared meanwhile reads two different moments.
     */
    private void awaitSettled(double atLeast) {
        double[] last = {-1};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            double now = metrics.appliedTotal();
            boolean settled = now >= atLeast && now == last[0];
            last[0] = now;
            return settled;
        });
    }

    private void compare(RandomStream.Tree tree, Random random, int reports) throws Exception {
        List<String> offices = tree.all();
        long counted = 0;
        long atEnd = 0;
        for (int i = 0; i < reports; i++) {
            String office = offices.get(random.nextInt(offices.size()));
            boolean subtree = random.nextBoolean();
            LocalDate from = LocalDate.of(2022, 12, 1).plusDays(random.nextInt(800));
            LocalDate end = from.plusDays(1 + random.nextInt(random.nextBoolean() ? 40 : 400));
            Map<String, Figures.Counts> fast = counters.counts(office, subtree, from, end, false);
            Map<String, Figures.Counts> plain = reference.counts(office, subtree,
                    from.atStartOfDay(EventFeed.VN).toInstant(), end.atStartOfDay(EventFeed.VN).toInstant(), null);
            Figures.Counts expected = plain.getOrDefault("TOTAL", Figures.Counts.ZERO);
            assertThat(fast.getOrDefault("TOTAL", Figures.Counts.ZERO))
                    .as("%s %s %s..%s", office, subtree ? "subtree" : "self", from, end)
                    .isEqualTo(expected);
            counted += expected.total();
            atEnd += expected.awaiting() + expected.overdue();
            if (i % 10 == 0) { // breakdown by office: one row per child branch
                Map<String, Figures.Counts> fastRows = counters.counts(office, true, from, end, true);
                Map<String, Figures.Counts> plainRows = reference.counts(office, true,
                        from.atStartOfDay(EventFeed.VN).toInstant(), end.atStartOfDay(EventFeed.VN).toInstant(),
                        Breakdown.OFFICE);
                plainRows.forEach((branch, c) -> assertThat(fastRows.getOrDefault(branch, Figures.Counts.ZERO))
                        .as("%s branch %s %s..%s", office, branch, from, end).isEqualTo(c));
                fastRows.forEach((branch, c) -> assertThat(c)
                        .isEqualTo(plainRows.getOrDefault(branch, Figures.Counts.ZERO)));
            }
        }
        // The comparison is not between two empty answers.
        assertThat(counted).isGreaterThan(reports * 10L);
        assertThat(atEnd).isPositive();
    }
}
