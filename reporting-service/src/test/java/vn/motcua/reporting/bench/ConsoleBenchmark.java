package vn.motcua.reporting.bench;

import static vn.motcua.reporting.ReportingInfra.accept;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.Outcome;
import vn.motcua.events.Timeliness;
import vn.motcua.reporting.RandomStream;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.reporting.dossier.BulkLoader;

/**
 * The console's load time (not a test: tagged "benchmark", excluded from the build; docs/benchmarks.md "Console").
 * {@code -Dbench.console.dossiers} (default 1,000,000) random dossiers over 2023 in a province of 10 districts ×
 * 20 communes, plus {@code -Dbench.console.late} (default 100,000) dossiers resolved late in one commune, loaded
 * with COPY through the projection's own semantics. Then, over HTTP with a token as the page sends them, the calls
 * one view of the console makes (report, series by month, ranking, the 766 index and its ranking, in parallel as
 * the page does) for a district subtree and for the province over 2023; and the late commune's dossier list, first
 * page and last page (offset ~100k).
 */
@Tag("benchmark")
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBenchmark implements TestPropertyProvider {
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate YEAR = LocalDate.of(2023, 1, 1);

    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new java.util.HashMap<>(ReportingInfra.properties("reporting_console_bench",
                ReportingInfra.uniqueGroup("console-bench")));
        p.put("motcua.projector.enabled", "false"); // the tables are loaded directly
        return p;
    }

    @Test
    void consoleView() throws Exception {
        int dossiers = Integer.getInteger("bench.console.dossiers", 1_000_000);
        int late = Integer.getInteger("bench.console.late", 100_000);
        RandomStream.Tree tree = RandomStream.tree("C" + Long.toString(System.nanoTime() % 100000, 36).toUpperCase(),
                10, 20);
        String lateCommune = tree.communes().get(0);
        Instant t0 = Instant.now();
        try (var c = dataSource.getConnection()) {
            try (var ps = c.prepareStatement("insert into office (office_id, name, level, parent_id, registered_at)"
                    + " values (?, ?, ?, ?, ?)")) {
                for (OfficeRegistered o : tree.events()) {
                    ps.setString(1, o.officeId());
                    ps.setString(2, o.name());
                    ps.setString(3, o.level().name());
                    ps.setString(4, o.parentId());
                    ps.setObject(5, o.registeredAt().atOffset(java.time.ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Random random = new Random(dossiers);
            try (BulkLoader loader = new BulkLoader(c, VN)) {
                for (int i = 0; i < dossiers; i++) {
                    String id = tree.province() + "-" + i;
                    loader.add(id, RandomStream.dossier(id, RandomStream.office(tree, random), YEAR, 365, random)
                            .events());
                }
                for (int i = 0; i < late; i++) {
                    String id = lateCommune + "-late-" + i;
                    Instant received = YEAR.plusDays(i % 300).atTime(8, 0).atZone(VN).toInstant()
                            .plusSeconds(i % 28_800);
                    Instant due = received.plus(Duration.ofDays(5));
                    loader.add(id, List.of(new DossierReceived(id, id, lateCommune, "1.001612", "Đất đai",
                            Channel.IN_PERSON, false, BigDecimal.valueOf(5), received, due),
                            new DossierResolved(id, lateCommune, Outcome.APPROVED, null, Timeliness.LATE, due,
                                    due.plus(Duration.ofDays(2)))));
                }
            }
            try (var st = c.createStatement()) {
                st.execute("vacuum analyze");
            }
        }
        System.out.printf("BENCH console load %,d + %,d late dossiers: %s%n", dossiers, late,
                Duration.between(t0, Instant.now()));

        JsonHttp<JsonNode> client = ReportingInfra.client(server.getURI());
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            for (String office : List.of(tree.districts().get(0), tree.province())) {
                String q = "officeId=" + office + "&from=2023-01-01&to=2023-12-31";
                List<Double> ms = new ArrayList<>();
                for (int run = 0; run < 23; run++) {
                    long start = System.nanoTime();
                    // The report first (the page needs its dates), then the rest in parallel, as console.js does.
                    assertThat(client.get("/api/v1/reports/dossiers?" + q + "&scope=subtree", accept("application/json"))
                            .status()).isEqualTo(200);
                    List<CompletableFuture<Integer>> calls = new ArrayList<>();
                    for (String path : List.of("/api/v1/reports/dossiers/series?" + q + "&scope=subtree&interval=month",
                            "/api/v1/reports/dossiers/ranking?" + q + "&by=onTime",
                            "/api/v1/reports/service-index?" + q + "&scope=subtree",
                            "/api/v1/reports/service-index/ranking?" + q)) {
                        calls.add(CompletableFuture.supplyAsync(() -> client.get(path, accept("application/json")).status(),
                                pool));
                    }
                    for (CompletableFuture<Integer> call : calls) {
                        assertThat(call.get()).isIn(200, 404);
                    }
                    if (run >= 3) { // 3 warm-up views
                        ms.add((System.nanoTime() - start) / 1e6);
                    }
                }
                Collections.sort(ms);
                System.out.printf("BENCH console view %s (%s) p50 %.0f ms p95 %.0f ms max %.0f ms (%d runs)%n",
                        office, office.equals(tree.province()) ? "province, 211 offices" : "district, 21 offices",
                        ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1),
                        ms.get(ms.size() - 1), ms.size());
            }
        } finally {
            pool.shutdown();
        }

        String items = "/api/v1/reports/dossiers/items?officeId=" + lateCommune
                + "&from=2023-01-01&to=2023-12-31&figure=resolved.late&size=20&page=";
        JsonNode first = client.get(items + "0", accept("application/json")).json();
        long total = first.get("total").asLong();
        assertThat(total).isGreaterThanOrEqualTo(late);
        long lastPage = (total - 1) / 20;
        for (long page : List.of(0L, lastPage / 2, lastPage)) {
            List<Double> ms = new ArrayList<>();
            for (int run = 0; run < 8; run++) {
                long start = System.nanoTime();
                JsonNode p = client.get(items + page, accept("application/json")).json();
                assertThat(p.get("items").size()).isBetween(1, 20);
                if (run >= 2) {
                    ms.add((System.nanoTime() - start) / 1e6);
                }
            }
            Collections.sort(ms);
            System.out.printf("BENCH console items resolved.late total %,d page %,d: p50 %.0f ms max %.0f ms%n",
                    total, page, ms.get(ms.size() / 2), ms.get(ms.size() - 1));
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("BENCH console heap used after paging %,d MB (max %,d MB)%n",
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }
}
