package vn.motcua.reporting.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.reporting.dossier.Counter;
import vn.motcua.reporting.petition.PetitionCounter;

/** The indicator table as data (default and a province's replacement), and the scoring rule. */
class IndicatorTableTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Test
    void theDefaultTableIsDomainsSplit() {
        IndicatorTable table = IndicatorTable.read(JSON, null);
        assertThat(table.groups()).extracting(IndicatorTable.Group::code)
                .containsExactly("CKMB", "TDGQ", "CLGQ", "TTTT", "MDSH", "MDHL");
        BigDecimal total = table.groups().stream().flatMap(g -> g.indicators().stream())
                .map(IndicatorTable.Indicator::max).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo("100");
        assertThat(table.groups().get(0).indicators().get(0).nameEn()).isEqualTo("Procedures announced on time");
        assertThat(table.groups().get(2).indicators().get(0).threshold()).isEqualByComparingTo("0.8");
    }

    @Test
    void aProvinceReplacesTheTableByPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("province.json");
        Files.writeString(file, """
                {"groups": [{"code": "TD", "name": "Tiến độ", "indicators": [
                  {"code": "TD.1", "name": "Đúng hạn", "max": 50, "threshold": 0.9, "measure": "HANDLED_ON_TIME"},
                  {"code": "TD.2", "name": "Trực tuyến", "max": 50, "threshold": null, "measure": "DOSSIERS_ONLINE"}]}]}
                """, StandardCharsets.UTF_8);
        IndicatorTable table = IndicatorTable.read(JSON, file.toString());
        long[] e = new long[Counter.COUNT];
        e[Counter.RECEIVED.ordinal()] = 10;
        e[Counter.CLOSED.ordinal()] = 10;
        e[Counter.RESOLVED_EARLY.ordinal()] = 9;
        e[Counter.RECEIVED_ONLINE.ordinal()] = 4;
        IndexFigures f = new IndexFigures(new long[Counter.COUNT], e, new long[PetitionCounter.COUNT],
                new long[PetitionCounter.COUNT], List.of());
        ServiceIndex index = IndexCalculator.compute(table, f, "X", "2024-01-01", "2024-01-31", "self");
        // 9/10 at threshold 0.9 = full 50; 4/10 without threshold = 20.
        assertThat(index.groups().get(0).indicators()).extracting(ServiceIndex.Indicator::score)
                .containsExactly(new BigDecimal("50.00"), new BigDecimal("20.00"));
        assertThat(index.total()).isEqualByComparingTo("70");
        assertThat(index.maxTotal()).isEqualByComparingTo("100");
    }

    @Test
    void aTableThatMakesNoSenseStopsTheServiceNamingTheFault(@TempDir Path dir) throws Exception {
        for (String[] c : new String[][] {
            {"{\"groups\": []}", "no groups"},
            {"{\"groups\": [{\"code\": \"A\", \"name\": \"a\", \"indicators\": [{\"code\": \"A.1\", \"name\": \"x\","
                + " \"max\": 5, \"threshold\": 1.5, \"measure\": \"REUSED_DATA\"}]}]}", "threshold"},
            {"{\"groups\": [{\"code\": \"A\", \"name\": \"a\", \"indicators\": [{\"code\": \"A.1\", \"name\": \"x\","
                + " \"max\": 5, \"measure\": \"NO_SUCH_MEASURE\"}]}]}", "A"},
            {"{\"groups\": [{\"code\": \"A\", \"name\": \"a\", \"indicators\": [{\"code\": \"A\", \"name\": \"x\","
                + " \"max\": 5, \"measure\": \"REUSED_DATA\"}]}]}", "twice"}}) {
            Path file = dir.resolve("bad.json");
            Files.writeString(file, c[0]);
            assertThatThrownBy(() -> IndicatorTable.read(JSON, file.toString())).as(c[0])
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> IndicatorTable.read(JSON, dir.resolve("missing.json").toString()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("missing.json");
    }

    @Test
    void scoresFollowTheRuleAndUnavailableIndicatorsHaveNone() {
        IndicatorTable.Indicator withThreshold = new IndicatorTable.Indicator("A", "a", null, new BigDecimal("4"),
                new BigDecimal("0.8"), Measure.DIGITISED_DOSSIERS);
        assertThat(IndexCalculator.score(withThreshold, new IndexCalculator.Fraction(5, 8)).score())
                .isEqualByComparingTo("3.13"); // 4 * 0.625/0.8 = 3.125, half up
        assertThat(IndexCalculator.score(withThreshold, new IndexCalculator.Fraction(9, 10)).score())
                .isEqualByComparingTo("4"); // above the threshold: full points
        ServiceIndex.Indicator none = IndexCalculator.score(withThreshold, new IndexCalculator.Fraction(0, 0));
        assertThat(none.available()).isFalse();
        assertThat(none.score()).isNull();
        assertThat(none.denominator()).isZero();
        assertThat(IndexCalculator.score(withThreshold, null).numerator()).isNull();
    }

    @Test
    void procedureBucketsCoverAPeriodExactlyOnce() {
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < 2000; i++) {
            LocalDate start = LocalDate.of(2021, 1, 1).plusDays(random.nextInt(900));
            LocalDate end = start.plusDays(1 + random.nextInt(random.nextBoolean() ? 60 : 1200));
            java.util.Map<LocalDate, Integer> covered = new java.util.HashMap<>();
            for (Object[] r : IndexRepository.ranges(start, end)) {
                LocalDate lo = (LocalDate) r[1];
                LocalDate hi = (LocalDate) r[2];
                switch ((String) r[0]) {
                    case "Y" -> assertThat(lo.getDayOfYear()).isEqualTo(1);
                    case "M" -> assertThat(lo.getDayOfMonth()).isEqualTo(1);
                    default -> { }
                }
                for (LocalDate d = lo; d.isBefore(hi); d = d.plusDays(1)) {
                    covered.merge(d, 1, Integer::sum);
                }
            }
            assertThat(covered).as("%s..%s", start, end).hasSize((int) (end.toEpochDay() - start.toEpochDay()));
            assertThat(covered.values()).allMatch(n -> n == 1);
            assertThat(covered.keySet()).allMatch(d -> !d.isBefore(start) && d.isBefore(end));
        }
        // A calendar year is one Y range.
        assertThat(IndexRepository.ranges(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1))).hasSize(1);
    }

    @Test
    void workingDaysSkipWeekends() {
        // Wed 2024-01-10 + 5 working days = Wed 2024-01-17; Mon 2024-01-15 - 5 = Mon 2024-01-08.
        assertThat(IndexCalculator.plusWorkingDays(LocalDate.of(2024, 1, 10), 5)).isEqualTo("2024-01-17");
        assertThat(IndexCalculator.minusWorkingDays(LocalDate.of(2024, 1, 15), 5)).isEqualTo("2024-01-08");
    }
}
