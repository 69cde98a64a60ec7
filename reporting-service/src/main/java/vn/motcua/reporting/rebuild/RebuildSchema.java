package vn.motcua.reporting.rebuild;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.reporting.dossier.CounterDeltas;
import vn.motcua.reporting.dossier.DossierFold;
import vn.motcua.reporting.dossier.ProcedureCounters;
import vn.motcua.reporting.projection.ProjectionStore;

/**
 * The rebuild's schema steps: a fresh schema with the service's migrations; the bulk path's index surgery (drop
 * before the load, build after it, counters COPYed meanwhile); the swap that puts the rebuilt tables in place of
 * the live ones in one transaction (a crash before it leaves the live tables as they were).
 */
final class RebuildSchema {
    static final String SCHEMA = "reporting_rebuild";
    private static final String RETIRED = "reporting_retired";
    /** The tables a bulk rebuild COPYs into, without their indexes until the load is done. */
    private static final List<String> BULK_TABLES = List.of("processed_event", "dossier_fact", "dossier_clock",
            "apology_letter", "fee_payment");
    private static final Logger LOG = LoggerFactory.getLogger(RebuildSchema.class);

    private final DataSource dataSource;
    private final ZoneId zone;

    RebuildSchema(DataSource dataSource, ZoneId zone) {
        this.dataSource = dataSource;
        this.zone = zone;
    }

    /** A fresh schema with the service's own migrations applied. */
    void prepare() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            st.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
    }

    /** Index and constraint definitions of the bulk-loaded tables, dropped now and built after the load. */
    List<String[]> dropIndexes() throws SQLException {
        List<String[]> definitions = new ArrayList<>(); // {table, drop statement, create statement}
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            String tables = BULK_TABLES.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
            try (ResultSet rs = st.executeQuery("select cl.relname, c.conname, pg_get_constraintdef(c.oid)"
                    + " from pg_constraint c join pg_class cl on cl.oid = c.conrelid"
                    + " join pg_namespace n on n.oid = cl.relnamespace"
                    + " where n.nspname = '" + SCHEMA + "' and cl.relname in (" + tables + ")"
                    + " and c.contype in ('p', 'u')")) {
                while (rs.next()) {
                    String table = SCHEMA + "." + rs.getString(1);
                    definitions.add(new String[] {rs.getString(1),
                            "alter table " + table + " drop constraint " + rs.getString(2),
                            "alter table " + table + " add constraint " + rs.getString(2) + " " + rs.getString(3)});
                }
            }
            try (ResultSet rs = st.executeQuery("select tablename, indexname, indexdef from pg_indexes where schemaname = '"
                    + SCHEMA + "' and tablename in (" + tables + ") and indexname not in (select conname from"
                    + " pg_constraint where connamespace = '" + SCHEMA + "'::regnamespace)")) {
                while (rs.next()) {
                    definitions.add(new String[] {rs.getString(1), "drop index " + SCHEMA + "." + rs.getString(2),
                            rs.getString(3)});
                }
            }
            for (String[] d : definitions) {
                st.execute(d[1]);
            }
        }
        return definitions;
    }

    /**
     * Builds the indexes and constraints dropped before the load (a sorted build is much cheaper than index
     * maintenance row by row), one table per connection, all at once; meanwhile the counters are COPYed and the
     * snapshot stored as the positions. Each table is analyzed once indexed (fresh planner statistics before the
     * swap). A duplicate key here means two groups held the same ce_id or dossier: the grouping assumption
     * failed, so the rebuild falls back. Returns the counter rows.
     */
    int indexAndCount(List<String[]> definitions, CounterDeltas counters, Map<TopicPartition, Long> end)
            throws Exception {
        Map<String, List<String>> byTable = new LinkedHashMap<>();
        for (String table : List.of("dossier_fact", "dossier_clock", "apology_letter", "fee_payment",
                "processed_event")) {
            byTable.put(table, new ArrayList<>());
        }
        definitions.forEach(d -> byTable.computeIfAbsent(d[0], t -> new ArrayList<>()).add(d[2]));
        List<Callable<Integer>> tasks = new ArrayList<>();
        Map<String, Long> millis = new ConcurrentSkipListMap<>();
        byTable.forEach((table, statements) -> tasks.add(() -> inTransaction(st -> {
            long t0 = System.nanoTime();
            st.execute("set local maintenance_work_mem = '256MB'");
            for (String statement : statements) {
                st.execute(statement);
            }
            // processed_event is only ever read through its primary key (the ce_id claim's on conflict):
            // statistics would not change a plan, and sampling a million-row table is not free.
            if (!table.equals("processed_event")) {
                st.execute("analyze " + table);
            }
            millis.put(table, (System.nanoTime() - t0) / 1_000_000);
            return 0;
        })));
        tasks.add(() -> inTransaction(st -> {
            long t0 = System.nanoTime();
            int rows = DossierFold.copyCounters(st.getConnection(), counters);
            // Recomputed from the loaded facts and payments (a grouped scan; it needs no index).
            ProcedureCounters.deriveAll(st.getConnection(), zone);
            ProjectionStore.saveOffsets(st.getConnection(), end);
            st.execute("analyze office_counter");
            st.execute("analyze office");
            millis.put("office_counter", (System.nanoTime() - t0) / 1_000_000);
            return rows;
        }));
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> new Thread(r, "reporting-rebuild-index"));
        try {
            int rows = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                rows += ProjectionRebuild.await(f);
            }
            LOG.info("rebuild indexes (+ analyze), counters (COPY + analyze), each table's task in ms: {}", millis);
            return rows;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new PartitionGroupLoad.NotGrouped("duplicate key across partition groups: " + e.getMessage());
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    private interface Work {
        int run(Statement statement) throws SQLException;
    }

    /** One transaction in the rebuild schema. */
    private int inTransaction(Work work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("set local search_path to " + SCHEMA);
                int result = work.run(st);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** One transaction: the live tables leave, the rebuilt ones (same names, indexes, constraints) take over. */
    void swapTables() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                String live;
                try (ResultSet rs = st.executeQuery("select current_schema()")) {
                    rs.next();
                    live = rs.getString(1);
                }
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = '" + SCHEMA
                        + "' and tablename <> 'flyway_schema_history'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                st.execute("drop schema if exists " + RETIRED + " cascade");
                st.execute("create schema " + RETIRED);
                for (String table : tables) {
                    st.execute("alter table if exists " + live + "." + table + " set schema " + RETIRED);
                    st.execute("alter table " + SCHEMA + "." + table + " set schema " + live);
                }
                st.execute("drop schema " + RETIRED + " cascade");
                st.execute("drop schema " + SCHEMA + " cascade");
                connection.commit();
                LOG.info("rebuild: swapped {} tables into schema {}", tables.size(), live);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
