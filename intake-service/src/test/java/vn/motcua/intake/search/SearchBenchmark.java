package vn.motcua.intake.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.motcua.intake.personaldata.BlindIndex;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.Tokens;

/**
 * Intake search benchmark (not a test: asserts nothing about time; its name matches none of surefire's includes, so
 * {@code verify} never runs it). Run with {@code ./mvnw -q -pl intake-service test -Pbenchmark
 * -Dbenchmark=SearchBenchmark -Dbench.search.rows=10000000}.
 *
 * <p>Setup: a province, 20 districts and 400 communes in {@code office}; {@code rows} dossiers in {@code dossier}
 * by SQL ({@code generate_series}, chunks of a million) over the communes, received over ten years, with two
 * {@code applicant_index} entries each: an ID number's digest (unique) and a name's (2 million names, five
 * dossiers each; one in 2,000 is "Nguyễn Văn An", whose digest is the service's own HMAC, computed here by
 * {@link BlindIndex}). The bulk's digests are SHA-256 of a counter: the same size and spread as the HMACs, never
 * queried. Then 120 dossiers received over HTTP (real receipts, sealed applicants, real blind index): 100 with
 * names and ID numbers of their own, 20 more "Nguyễn Văn An". Then {@code GET /api/v1/dossiers?q=} over HTTP with a
 * clerk's token of the province, 200 calls per shape (a random sample each call), p50/p99/max, every hit audited
 * as in production. Writes {@code intake-service/target/search-benchmark.md}.
 */
class SearchBenchmark extends IntakeIntegrationBase {
    private static final long ROWS = Long.getLong("bench.search.rows", 2_000_000L);
    private static final int CALLS = 200;
    private static final int SAMPLES = 100;
    private static final String COMMON_NAME = "Nguyễn Văn An";

    @Autowired
    BlindIndex blindIndex;

    record Sample(String office, String code, String name, String idNumber) {
    }

    @Test
    void search() throws Exception {
        JsonHttp<JsonNode> api = api();
        String procedure = Fixtures.newProcedure(api, "3", "NONE", false);
        long setupStart = System.nanoTime();
        jdbc.update("""
                INSERT INTO office (office_id, name, level, parent_id, registered_at)
                VALUES ('BSP', 'Tỉnh', 'PROVINCE', NULL, now()) ON CONFLICT DO NOTHING""");
        jdbc.update("""
                INSERT INTO office (office_id, name, level, parent_id, registered_at)
                SELECT 'BSD' || d, 'Huyện ' || d, 'DISTRICT', 'BSP', now() FROM generate_series(1, 20) d
                ON CONFLICT DO NOTHING""");
        jdbc.update("""
                INSERT INTO office (office_id, name, level, parent_id, registered_at)
                SELECT 'BSC' || c, 'Xã ' || c, 'COMMUNE', 'BSD' || (1 + c % 20), now() FROM generate_series(1, 400) c
                ON CONFLICT DO NOTHING""");
        byte[] common = blindIndex.nameDigest(COMMON_NAME);
        // One instant for the dossiers and their index entries (each carries its dossier's receipt time).
        java.sql.Timestamp base = java.sql.Timestamp.from(java.time.Instant.now());
        for (long from = 1; from <= ROWS; from += 1_000_000) {
            long to = Math.min(ROWS, from + 999_999);
            jdbc.update("""
                    INSERT INTO dossier (dossier_id, code, office_id, procedure_code, field, channel, online_eligible,
                                         processing_days, received_at, due_at, recorded_at)
                    SELECT 'BS-' || g, 'BSK-' || lpad(g::text, 9, '0'), 'BSC' || (1 + g % 400), ?, 'hộ tịch',
                           'IN_PERSON', false, 3,
                           ?::timestamptz - make_interval(secs => (g * 31.0) % 315360000),
                           ?::timestamptz - make_interval(secs => (g * 31.0) % 315360000) + interval '5 days',
                           ?::timestamptz - make_interval(secs => (g * 31.0) % 315360000)
                    FROM generate_series(?::bigint, ?::bigint) g""", procedure, base, base, base, from, to);
            jdbc.update("""
                    INSERT INTO applicant_index (digest, dossier_id, office_id, received_at)
                    SELECT digest, 'BS-' || g, 'BSC' || (1 + g % 400),
                           ?::timestamptz - make_interval(secs => (g * 31.0) % 315360000) FROM (
                        SELECT CASE WHEN g % 2000 = 0 THEN ?::bytea
                                    ELSE sha256(convert_to('name ' || (g % 2000000), 'UTF8')) END AS digest, g
                        FROM generate_series(?::bigint, ?::bigint) g
                        UNION ALL
                        SELECT sha256(convert_to('id ' || g, 'UTF8')), g
                        FROM generate_series(?::bigint, ?::bigint) g) x
                    ORDER BY digest""", base, common, from, to, from, to);
            System.out.printf("search benchmark: %,d dossiers loaded%n", to);
        }
        jdbc.execute("VACUUM ANALYZE dossier");
        jdbc.execute("VACUUM ANALYZE applicant_index");
        jdbc.execute("ANALYZE office");

        // Fresh tokens after the load (a test token lives less than a 10M load takes).
        api = api();
        Random random = new Random(11);
        List<Sample> samples = new ArrayList<>();
        List<String> commonOffices = new ArrayList<>();
        for (int i = 0; i < SAMPLES + 20; i++) {
            String office = "BSC" + (1 + random.nextInt(400));
            String name = i < SAMPLES ? "Lê Thị Mẫu " + i + " " + Long.toString(System.nanoTime(), 36) : COMMON_NAME;
            String idNumber = "0799" + String.format("%08d", random.nextInt(100_000_000));
            Map<String, Object> body = new HashMap<>();
            body.put("officeId", office);
            body.put("procedureCode", procedure);
            body.put("channel", "IN_PERSON");
            body.put("applicant", Map.of("fullName", name, "idNumber", idNumber));
            body.put("documents", List.of(Map.of("name", "Tờ khai", "copies", 1)));
            Reply<JsonNode> created = api.post("/api/v1/dossiers", Fixtures.json(body));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            if (i < SAMPLES) {
                samples.add(new Sample(office, created.json().get("code").asString(), name, idNumber));
            } else {
                commonOffices.add(office);
            }
        }
        double setup = (System.nanoTime() - setupStart) / 1e9;

        JsonHttp<JsonNode> clerk = api.as(Tokens.bearer("bench-clerk", List.of("clerk"), List.of("BSP")));
        String subtree = "BSP&scope=subtree";
        Map<String, IntFunction<String>> shapes = new java.util.LinkedHashMap<>();
        shapes.put("code, commune", n -> query(samples.get(n).office(), samples.get(n).code()));
        shapes.put("code, province subtree", n -> query(subtree, samples.get(n).code()));
        shapes.put("name, commune", n -> query(samples.get(n).office(), samples.get(n).name()));
        shapes.put("name, province subtree", n -> query(subtree, samples.get(n).name()));
        shapes.put("ID number, commune", n -> query(samples.get(n).office(), samples.get(n).idNumber()));
        shapes.put("ID number, province subtree", n -> query(subtree, samples.get(n).idNumber()));
        shapes.put("common name (" + (ROWS / 2000 + 20) + " hits), province subtree, first page",
                n -> query(subtree, "nguyen van an"));
        shapes.put("common name, commune", n -> query(commonOffices.get(n % commonOffices.size()), "NGUYỄN VĂN AN"));
        StringBuilder report = new StringBuilder(String.format("# Intake search benchmark (%s)%n%n- dossiers: %,d "
                + "(this run's %,d by SQL + %d over HTTP + the tests'), applicant_index entries: %,d; offices: 1 "
                + "province, 20 districts, 400 communes; setup %.0f s%n- load average (1 min) before the calls: %.1f on "
                + "%d cores%n%n| search | p50 ms | p99 ms | max ms |%n|---|---|---|---|%n", Instant.now(),
                jdbc.queryForObject("SELECT count(*) FROM dossier", Long.class), ROWS, SAMPLES + 20,
                jdbc.queryForObject("SELECT count(*) FROM applicant_index", Long.class), setup,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        for (var shape : shapes.entrySet()) {
            clerk = api.as(Tokens.bearer("bench-clerk", List.of("clerk"), List.of("BSP")));
            for (int i = 0; i < 10; i++) {
                clerk.get(shape.getValue().apply(random.nextInt(SAMPLES)));
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String path = shape.getValue().apply(random.nextInt(SAMPLES));
                long start = System.nanoTime();
                Reply<JsonNode> response = clerk.get(path);
                times.add((System.nanoTime() - start) / 1e6);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.json().get("total").asLong()).as(path).isPositive();
            }
            Collections.sort(times);
            String row = String.format("| %s | %.1f | %.1f | %.1f |%n", shape.getKey(), times.get(CALLS / 2),
                    times.get(CALLS * 99 / 100 - 1), times.get(CALLS - 1));
            System.out.print("search benchmark: " + row);
            report.append(row);
        }
        report.append("\nPlan (EXPLAIN ANALYZE of the common name's count in the province subtree):\n\n```\n");
        String[] province = jdbc.queryForList("""
                WITH RECURSIVE tree AS (SELECT office_id FROM office WHERE office_id = 'BSP'
                    UNION SELECT o.office_id FROM office o JOIN tree t ON o.parent_id = t.office_id)
                SELECT office_id FROM tree""", String.class).toArray(String[]::new);
        jdbc.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("""
                    EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM (SELECT dossier_id, received_at FROM dossier
                        WHERE code LIKE 'nguyen van an%' AND office_id = ANY (?)
                        UNION SELECT dossier_id, received_at FROM applicant_index
                        WHERE digest = ANY (?) AND office_id = ANY (?)) h""")) {
                ps.setArray(1, con.createArrayOf("varchar", province));
                ps.setArray(2, con.createArrayOf("bytea",
                        blindIndex.queryDigests("nguyen van an").toArray(byte[][]::new)));
                ps.setArray(3, con.createArrayOf("varchar", province));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        report.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return null;
        });
        report.append("```\n");
        System.out.println(report);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("search-benchmark.md"), report.toString(), StandardCharsets.UTF_8);
    }

    private static String query(String office, String q) {
        return "/api/v1/dossiers?officeId=" + office + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    }
}
