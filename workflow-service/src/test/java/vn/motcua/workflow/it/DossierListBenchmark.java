package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Dossier list benchmark (not a test: asserts nothing about time, never in the build). Run with
 * {@code ./mvnw -q -pl workflow-service test -Pbenchmark -Dbenchmark=DossierListBenchmark
 * -Dbench.list.rows=10000000}.
 *
 * <p>Setup (direct SQL, not through the service): a province, 20 districts, 400 communes in {@code office}, and
 * {@code rows} dossiers in {@code dossier_view} spread over the communes (and a few at the province), received over
 * ten years, statuses mixed (a third open, some overdue), deadlines marked done so the watcher leaves them alone;
 * then the counters rebuilt (their triggers are off during the load) and {@code VACUUM ANALYZE}. Then
 * {@code GET /api/v1/dossiers} over HTTP with an officer's token, 200 calls per query shape (random offices, first
 * pages and page 10), latency p50/p99/max. Writes {@code workflow-service/target/dossier-list-benchmark.md} with the {@code EXPLAIN ANALYZE} plans.
 */
@Tag("benchmark")
class DossierListBenchmark extends WorkflowIntegrationTestBase {
    private static final long ROWS = Long.getLong("bench.list.rows", 2_000_000L);
    private static final int CALLS = 200;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void listDossiers() throws Exception {
        String p = "BLP";
        long setupStart = System.nanoTime();
        jdbc.update("INSERT INTO office (office_id, parent_id, registered_at, name) VALUES (?, NULL, now(), 'P') "
                + "ON CONFLICT DO NOTHING", p);
        jdbc.update("""
                INSERT INTO office (office_id, parent_id, registered_at, name)
                SELECT 'BLD' || d, 'BLP', now(), 'D' || d FROM generate_series(1, 20) d ON CONFLICT DO NOTHING""");
        jdbc.update("""
                INSERT INTO office (office_id, parent_id, registered_at, name)
                SELECT 'BLC' || c, 'BLD' || (1 + c % 20), now(), 'C' || c FROM generate_series(1, 400) c
                ON CONFLICT DO NOTHING""");
        // The counters' triggers are off for the load and the counters rebuilt after it, as after any bulk load by
        // SQL (one recount instead of 10M delta rows to fold).
        jdbc.execute("ALTER TABLE dossier_view DISABLE TRIGGER dossier_count_insert_delete");
        // Chunks of a million rows, so a 10M load never holds one giant transaction.
        for (long from = 1; from <= ROWS; from += 1_000_000) {
            long to = Math.min(ROWS, from + 999_999);
            jdbc.update("""
                    INSERT INTO dossier_view (dossier_id, office_id, procedure_code, status, received_at, due_at,
                                              last_step_at, due_soon_at, due_soon_done, overdue_done, code)
                    SELECT 'BL-' || g,
                           CASE WHEN g % 1000 = 0 THEN 'BLP' ELSE 'BLC' || (1 + g % 400) END,
                           '1.001612',
                           (ARRAY['RETURNED','RETURNED','RESOLVED','RECEIVED','IN_PROCESS','AWAITING_SUPPLEMENT',
                                  'WITHDRAWN','RETURNED','IN_PROCESS'])[1 + g % 9],
                           now() - make_interval(secs => (g * 31.0) % 315360000),
                           now() - make_interval(secs => (g * 31.0) % 315360000) + interval '5 days',
                           now() - make_interval(secs => (g * 31.0) % 315360000),
                           now() - make_interval(secs => (g * 31.0) % 315360000) + interval '4 days',
                           TRUE, TRUE, 'BLK-' || g
                    FROM generate_series(?::bigint, ?::bigint) g""", from, to);
        }
        jdbc.execute("ALTER TABLE dossier_view ENABLE TRIGGER dossier_count_insert_delete");
        jdbc.execute("SELECT dossier_count_rebuild()");
        jdbc.execute("VACUUM ANALYZE dossier_view");
        jdbc.execute("VACUUM ANALYZE dossier_count");
        jdbc.execute("ANALYZE office");
        double setup = (System.nanoTime() - setupStart) / 1e9;

        StringBuilder report = new StringBuilder(String.format("# Dossier list benchmark (%s)%n%n- rows in "
                + "dossier_view: %,d (this run's %,d + the tests'), offices: 1 province, 20 districts, 400 communes; "
                + "setup %.0f s%n- load average (1 min) before the calls: %.1f on %d cores%n%n| query | p50 ms | p99 ms "
                + "| max ms |%n|---|---|---|---|%n", Instant.now(), jdbc.queryForObject(
                "SELECT count(*) FROM dossier_view", Long.class), ROWS, setup,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        Random random = new Random(7);
        String[] shapes = {"commune, first page", "commune, page 10 of 20", "commune, status=IN_PROCESS",
                "commune, overdue=true", "district subtree (21 offices), first page", "province subtree (421 offices), "
                + "first page", "province subtree, status=RECEIVED", "province subtree, overdue=true",
                "province subtree, status=IN_PROCESS&overdue=false", "province subtree, overdue=false",
                "province subtree, status=IN_PROCESS&overdue=true", "commune, status=IN_PROCESS&overdue=false"};
        for (String shape : shapes) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String query = switch (shape.substring(0, 12)) {
                    case "commune, fir" -> "?officeId=BLC" + (1 + random.nextInt(400));
                    case "commune, pag" -> "?officeId=BLC" + (1 + random.nextInt(400)) + "&page=10&size=20";
                    case "commune, sta" -> "?officeId=BLC" + (1 + random.nextInt(400)) + "&"
                            + shape.substring(shape.indexOf(", ") + 2);
                    case "commune, ove" -> "?officeId=BLC" + (1 + random.nextInt(400)) + "&overdue=true";
                    case "district sub" -> "?officeId=BLD" + (1 + random.nextInt(20)) + "&scope=subtree";
                    case "province sub" -> "?officeId=BLP&scope=subtree" + (shape.contains("=")
                            ? "&" + shape.substring(shape.indexOf(", ") + 2) : "");
                    default -> throw new IllegalStateException(shape);
                };
                long start = System.nanoTime();
                Reply<JsonNode> response = get("/api/v1/dossiers" + query);
                times.add((System.nanoTime() - start) / 1e6);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
            }
            Collections.sort(times);
            String row = String.format("| %s | %.1f | %.1f | %.1f |%n", shape, times.get(CALLS / 2),
                    times.get(CALLS * 99 / 100 - 1), times.get(CALLS - 1));
            System.out.print("dossier list benchmark: " + row);
            report.append(row);
        }
        report.append("\nPlans (EXPLAIN ANALYZE: one commune's page query and row count, then the province subtree's overdue total from the counters):\n\n```\n");
        String[] commune = {"BLC7"};
        jdbc.query("EXPLAIN (ANALYZE, BUFFERS) SELECT d.* FROM unnest(CAST(? AS VARCHAR[])) AS o(id) CROSS JOIN "
                + "LATERAL (SELECT dossier_id, office_id, code, status, received_at, due_at, rescheduled_due_at, "
                + "current_unit FROM dossier_view WHERE office_id = o.id ORDER BY received_at DESC, dossier_id DESC "
                + "LIMIT 20) d ORDER BY d.received_at DESC, d.dossier_id DESC LIMIT 20 OFFSET 0",
                rs -> { report.append(rs.getString(1)).append('\n'); }, (Object) commune);
        report.append('\n');
        jdbc.query("EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM dossier_view WHERE office_id = ANY(CAST(? AS "
                + "VARCHAR[]))", rs -> { report.append(rs.getString(1)).append('\n'); }, (Object) commune);
        report.append('\n');
        String[] province = jdbc.queryForList("""
                WITH RECURSIVE tree(id) AS (SELECT CAST('BLP' AS VARCHAR) UNION
                    SELECT o.office_id FROM office o JOIN tree t ON o.parent_id = t.id) SELECT id FROM tree""",
                String.class).toArray(String[]::new);
        jdbc.query("EXPLAIN (ANALYZE, BUFFERS) SELECT (SELECT COALESCE(sum(n), 0) FROM dossier_count WHERE office_id = "
                + "ANY(CAST(? AS VARCHAR[])) AND status IN ('RECEIVED', 'IN_PROCESS')) - (SELECT count(*) FROM "
                + "dossier_view WHERE office_id = ANY(CAST(? AS VARCHAR[])) AND status IN ('RECEIVED', 'IN_PROCESS') "
                + "AND due_at >= now())", rs -> { report.append(rs.getString(1)).append('\n'); }, province, province);
        report.append("```\n");
        System.out.println(report);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("dossier-list-benchmark.md"), report.toString(), StandardCharsets.UTF_8);
    }
}
