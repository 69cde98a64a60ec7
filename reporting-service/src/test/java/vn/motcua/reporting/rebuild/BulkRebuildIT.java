package vn.motcua.reporting.rebuild;

import vn.motcua.reporting.projection.KafkaSettings;
import vn.motcua.reporting.projection.ProjectionStore;
import vn.motcua.reporting.projection.Projector;
import vn.motcua.reporting.projection.ProjectorSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import vn.motcua.testsupport.TopicProbe;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.RandomStream;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.reporting.index.IndexService;
import vn.motcua.reporting.index.ServiceIndex;
import vn.motcua.reporting.report.CounterRepository;
import vn.motcua.reporting.report.ReportRequest;
import vn.motcua.reporting.report.Scope;
import vn.motcua.reporting.report.Figures;

/**
 * The bulk rebuild (partition groups folded in memory, COPY, indexes afterwards, counters summed in memory) gives
 * exactly what the live projection gave for the same topics: a random stream with workflow events before their
 * receipts, corrected receipts, letters and duplicates spread over every partition is projected live, the live
 * tables are captured, a rebuild replaces them, and every row and report is the same; then the incremental
 * replay (the bulk path's fallback, or {@code motcua.rebuild.bulk=false}) does it again with the same result.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkRebuildIT implements TestPropertyProvider {
    private static final int DOSSIERS = 900;
    /** Every table a report reads, plus the ce_ids the live projector needs to drop re-deliveries. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("dossier_fact", "select * from dossier_fact order by dossier_id");
        TABLES.put("dossier_clock", "select * from dossier_clock order by event_id");
        TABLES.put("apology_letter", "select * from apology_letter order by dossier_id, letter_number");
        TABLES.put("office", "select * from office order by office_id");
        TABLES.put("procedure", "select * from procedure order by code");
        // Rows whose counters all went back to zero are kept by the live upserts, never written by a derivation.
        TABLES.put("office_counter", "select * from office_counter where greatest(received, closed, apologies,"
                + " await_start, await_end, overdue_start, overdue_end, eligible, returned_approved, multi_overdue_start,"
                + " dissat_closed, fee_due) > 0"
                + " order by office_id, grain, bucket");
        TABLES.put("processed_event", "select event_id from processed_event order by event_id");
        // Contract 1.1: payments, the per-procedure buckets, petitions and their counters.
        TABLES.put("fee_payment", "select * from fee_payment order by event_id");
        TABLES.put("procedure_counter", "select * from procedure_counter order by office_id, grain, bucket,"
                + " procedure_code");
        TABLES.put("petition_fact", "select * from petition_fact order by petition_id");
        TABLES.put("petition_counter", "select * from petition_counter order by office_id, grain, bucket");
    }

    @Inject
    DataSource dataSource;
    @Inject
    ProjectionRebuild rebuild;
    @Inject
    CounterRepository counters;
    @Inject
    IndexService index;
    @Inject
    ProjectionStore store;
    @Inject
    KafkaSettings kafka;
    @Inject
    ProjectorSettings projectorSettings;
    @Inject
    Projector projector;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_bulk_rebuild_it",
                ReportingInfra.uniqueGroup("reporting-bulk-rebuild-it"));
    }

    @Test
    void aBulkRebuildGivesExactlyTheLiveProjection() throws Exception {
        Random random = new Random(77);
        RandomStream.Tree tree = RandomStream.tree(EventFeed.unique("H88B"), 2, 3);
        List<MotcuaEvent> firstWave = new ArrayList<>(tree.events());
        List<MotcuaEvent> secondWave = new ArrayList<>();
        for (int i = 0; i < DOSSIERS; i++) {
            List<MotcuaEvent> events = RandomStream.dossier(tree.province() + "-" + i,
                    RandomStream.office(tree, random), LocalDate.of(2023, 1, 1), 500, random).events();
            switch (i % 3) {
                case 0 -> firstWave.addAll(events);
                case 1 -> { // the workflow first (other topic, other order), the receipt later
                    firstWave.addAll(events.subList(1, events.size()));
                    secondWave.add(events.get(0));
                }
                default -> { // a receipt, then a correction of it
                    firstWave.addAll(events);
                    DossierReceived r = (DossierReceived) events.get(0);
                    secondWave.add(new DossierReceived(r.dossierId(), r.code(), RandomStream.office(tree, random),
                            r.procedureCode(), r.field(), Channel.ONLINE, true, BigDecimal.ONE,
                            r.receivedAt().plus(Duration.ofDays(1)), r.dueAt().minus(Duration.ofDays(1))));
                }
            }
        }
        for (int i = 0; i < DOSSIERS / 10; i++) { // petitions, half of them with their events reversed
            List<MotcuaEvent> petition = new ArrayList<>(RandomStream.petition(tree.province() + "-P" + i,
                    RandomStream.office(tree, random), LocalDate.of(2023, 1, 1), 500, random));
            if (i % 2 == 0) {
                Collections.reverse(petition);
            }
            firstWave.addAll(petition);
        }
        Collections.shuffle(secondWave, random);
        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers())) {
            List<EventEnvelope> first = feed.send(firstWave.toArray(MotcuaEvent[]::new));
            feed.send(secondWave);
            feed.resend(first.subList(0, first.size() / 5)); // re-deliveries: the same ce_ids again
        }
        // The live projection has read every topic to its end (all tests' events, not only ours).
        await().atMost(Duration.ofSeconds(90)).until(() -> storedPositions() == endOffsets());
        Map<String, List<String>> live = tables();
        Map<String, Figures.Counts> liveReports = reports(tree);
        assertThat(live.get("dossier_fact")).hasSizeGreaterThanOrEqualTo(DOSSIERS);
        assertThat(live.get("dossier_clock")).isNotEmpty();
        assertThat(live.get("apology_letter")).isNotEmpty();
        assertThat(live.get("fee_payment")).isNotEmpty();
        assertThat(live.get("procedure_counter")).isNotEmpty();
        assertThat(live.get("petition_counter")).isNotEmpty();
        Map<String, ServiceIndex> liveIndexes = indexes(tree);

        assertThat(rebuild.start()).isTrue();
        await().atMost(Duration.ofSeconds(90)).until(() -> !rebuild.status().running());
        assertThat(rebuild.status().state()).isEqualTo("DONE");
        assertThat(rebuild.lastPath()).isEqualTo("bulk");
        assertThat(rebuild.status().events()).isGreaterThanOrEqualTo(firstWave.size() + secondWave.size());

        Map<String, List<String>> rebuilt = tables();
        for (String table : TABLES.keySet()) {
            assertThat(rebuilt.get(table)).as(table).isEqualTo(live.get(table));
        }
        assertThat(reports(tree)).isEqualTo(liveReports);
        assertThat(indexes(tree)).isEqualTo(liveIndexes);

        // The incremental replay (per-batch upserts, counters derived once at the end) gives the same again.
        ProjectionRebuild incremental = new ProjectionRebuild(dataSource, store, kafka, projectorSettings,
                new RebuildSettings(2, false), projector);
        try {
            assertThat(incremental.start()).isTrue();
            await().atMost(Duration.ofSeconds(120)).until(() -> !incremental.status().running());
            assertThat(incremental.status().state()).isEqualTo("DONE");
            assertThat(incremental.lastPath()).isEqualTo("incremental");
        } finally {
            incremental.stop();
        }
        Map<String, List<String>> replayed = tables();
        for (String table : TABLES.keySet()) {
            assertThat(replayed.get(table)).as("incremental " + table).isEqualTo(live.get(table));
        }
        assertThat(reports(tree)).isEqualTo(liveReports);
        assertThat(indexes(tree)).isEqualTo(liveIndexes);
    }

    /** The Decision 766 index of the province, a district and a commune over a few periods. */
    private Map<String, ServiceIndex> indexes(RandomStream.Tree tree) throws SQLException {
        Map<String, ServiceIndex> indexes = new LinkedHashMap<>();
        for (String office : List.of(tree.province(), tree.districts().get(0), tree.communes().get(0))) {
            for (LocalDate from : List.of(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 6, 15))) {
                indexes.put(office + " " + from, index.index(new ReportRequest(office, from, from.plusMonths(7),
                        Scope.SUBTREE)));
            }
        }
        return indexes;
    }

    /** Province, district and commune reports over a few periods, from the counters. */
    private Map<String, Figures.Counts> reports(RandomStream.Tree tree) throws SQLException {
        Map<String, Figures.Counts> reports = new LinkedHashMap<>();
        for (String office : List.of(tree.province(), tree.districts().get(0), tree.communes().get(0))) {
            for (LocalDate from : List.of(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 6, 15))) {
                LocalDate end = from.plusMonths(7);
                reports.put(office + " " + from, counters.counts(office, true, from, end, false)
                        .getOrDefault("TOTAL", Figures.Counts.ZERO));
            }
        }
        return reports;
    }

    private Map<String, List<String>> tables() throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> t : TABLES.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(t.getValue())) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            row.append(rs.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                tables.put(t.getKey(), rows);
            }
        }
        return tables;
    }

    private long storedPositions() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(sum(next_offset), 0) from projection_offset")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long endOffsets() {
        try (TopicProbe topics = new TopicProbe(ReportingInfra.infra().bootstrapServers())) {
            return topics.count(Projector.TOPICS.toArray(String[]::new));
        }
    }
}
