package vn.motcua.intake.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vn.motcua.events.OfficeLevel;
import vn.motcua.intake.catalogue.CatalogueQueries.OfficeView;
import vn.motcua.intake.infra.Refusal;

class CatalogueRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2024, 3, 12);
    private static final String ID_FORMAT = "must be letters and digits separated by dots, at most 64 characters";

    @Test
    void office_ids_are_agency_codes() {
        for (String ok : new String[] {"H49", "H49.17", "H49.17.05", "h1", "X".repeat(64)}) {
            assertThat(CatalogueRules.officeId(ok)).as(ok).isEmpty();
            assertThat(CatalogueRules.isOfficeId(ok)).isTrue();
        }
        for (String bad : new String[] {null, "", "H49.", ".H49", "H49..1", "H49-1", "H 49", "X".repeat(65)}) {
            assertThat(CatalogueRules.officeId(bad)).as(String.valueOf(bad))
                    .contains(Refusal.malformed("officeId", ID_FORMAT));
        }
        assertThat(CatalogueRules.isOfficeId("H49-1")).isFalse();
        assertThat(CatalogueRules.isOfficeId(null)).isFalse();
    }

    @Test
    void procedure_codes_are_national_codes_with_dots_or_dashes() {
        for (String ok : new String[] {"1.001612", "2.000-1", "ABC"}) {
            assertThat(CatalogueRules.procedureCode(ok)).as(ok).isEmpty();
        }
        for (String bad : new String[] {null, "", "1..2", "-1", "1.", "1 2", "1/2", "9".repeat(65)}) {
            assertThat(CatalogueRules.procedureCode(bad)).as(String.valueOf(bad))
                    .contains(Refusal.malformed("code", ID_FORMAT));
        }
    }

    private static Optional<Refusal> procedure(String days, ProcedureFacts facts) {
        return CatalogueRules.procedure("1.001612", new BigDecimal(days), facts, TODAY);
    }

    @Test
    void a_procedure_takes_a_positive_whole_or_half_number_of_days() {
        assertThat(procedure("0.5", ProcedureFacts.NONE)).isEmpty();
        assertThat(procedure("15", ProcedureFacts.NONE)).isEmpty();
        assertThat(procedure("2.50", ProcedureFacts.NONE)).isEmpty();
        Refusal bad = Refusal.malformed("processingDays", "must be a positive whole or half number of working days");
        for (String days : new String[] {"0", "-1", "0.25", "1.3", "3651"}) {
            assertThat(procedure(days, ProcedureFacts.NONE)).as(days).contains(bad);
        }
        assertThat(CatalogueRules.procedure("1.001612", null, ProcedureFacts.NONE, TODAY)).contains(bad);
    }

    @Test
    void a_fee_is_zero_or_more() {
        assertThat(procedure("1", new ProcedureFacts(0, false, null, null, null, null))).isEmpty();
        assertThat(procedure("1", new ProcedureFacts(-1, false, null, null, null, null)))
                .contains(Refusal.malformed("fee", "must be a whole number of VND, 0 or more"));
    }

    @Test
    void a_decision_and_a_publication_are_past_facts_only_the_legal_basis_may_be_later() {
        LocalDate tomorrow = TODAY.plusDays(1);
        assertThat(procedure("1", new ProcedureFacts(0, false, TODAY, tomorrow.plusYears(1), TODAY, true))).isEmpty();
        assertThat(procedure("1", new ProcedureFacts(0, false, null, null, tomorrow, null)))
                .contains(Refusal.againstRule("publishedAt", "must not be in the future"));
        assertThat(procedure("1", new ProcedureFacts(0, false, tomorrow, null, null, null)))
                .contains(Refusal.againstRule("decidedAt", "must not be in the future"));
        // Both wrong: publication first, as the API has always answered.
        assertThat(procedure("1", new ProcedureFacts(0, false, tomorrow, null, tomorrow, null))).get()
                .extracting(Refusal::field).isEqualTo("publishedAt");
    }

    @Test
    void the_first_broken_rule_is_reported_code_days_fee_dates() {
        ProcedureFacts allWrong = new ProcedureFacts(-1, false, TODAY.plusDays(1), null, TODAY.plusDays(1), null);
        assertThat(CatalogueRules.procedure("bad code", BigDecimal.ZERO, allWrong, TODAY)).get()
                .extracting(Refusal::field).isEqualTo("code");
        assertThat(CatalogueRules.procedure("1.001612", BigDecimal.ZERO, allWrong, TODAY)).get()
                .extracting(Refusal::field).isEqualTo("processingDays");
        assertThat(CatalogueRules.procedure("1.001612", BigDecimal.ONE, allWrong, TODAY)).get()
                .extracting(Refusal::field).isEqualTo("fee");
    }

    // H49 (province) > H49.17 (district) > H49.17.05 (commune)
    private static final Map<String, OfficeView> TREE = Map.of(
            "H49", new OfficeView("H49", "Tỉnh", OfficeLevel.PROVINCE, null),
            "H49.17", new OfficeView("H49.17", "Huyện", OfficeLevel.DISTRICT, "H49"),
            "H49.17.05", new OfficeView("H49.17.05", "Xã", OfficeLevel.COMMUNE, "H49.17"));
    private static final Function<String, Optional<OfficeView>> OFFICES = id -> Optional.ofNullable(TREE.get(id));

    @Test
    void an_office_goes_under_a_known_parent() {
        assertThat(CatalogueRules.parent("H49.17.06", "H49.17", OFFICES)).isEmpty();
        assertThat(CatalogueRules.parent("H49.17", "H49", OFFICES)).isEmpty(); // re-registered in place
        assertThat(CatalogueRules.parent("H49.18", "H50", OFFICES))
                .contains(Refusal.againstRule("parentId", "unknown office H50"));
    }

    @Test
    void the_tree_never_gets_a_cycle() {
        assertThat(CatalogueRules.parent("H49", "H49", OFFICES))
                .contains(Refusal.againstRule("parentId", "an office cannot be its own parent"));
        assertThat(CatalogueRules.parent("H49", "H49.17.05", OFFICES))
                .contains(Refusal.againstRule("parentId",
                        "office H49.17.05 is below H49: the tree would have a cycle"));
        assertThat(CatalogueRules.parent("H49.17", "H49.17.05", OFFICES)).get().extracting(Refusal::field)
                .isEqualTo("parentId");
    }

    @Test
    void a_broken_tree_above_the_parent_is_reported_not_followed() {
        Map<String, OfficeView> broken = Map.of("C", new OfficeView("C", "Xã", OfficeLevel.COMMUNE, "GONE"));
        assertThat(CatalogueRules.parent("N", "C", id -> Optional.ofNullable(broken.get(id))))
                .contains(Refusal.againstRule("parentId", "broken office tree at GONE"));
        // A loop already in the data (never written by these rules) ends the walk instead of spinning.
        Map<String, OfficeView> loop = Map.of("A", new OfficeView("A", "a", OfficeLevel.COMMUNE, "B"),
                "B", new OfficeView("B", "b", OfficeLevel.COMMUNE, "A"));
        assertThat(CatalogueRules.parent("N", "A", id -> Optional.ofNullable(loop.get(id)))).isEmpty();
    }

    @Test
    void processing_days_are_written_without_trailing_zeros() {
        assertThat(ProcessingDays.normalize(new BigDecimal("1.0"))).hasToString("1");
        assertThat(ProcessingDays.normalize(new BigDecimal("10"))).hasToString("10");
        assertThat(ProcessingDays.normalize(new BigDecimal("1E+1"))).hasToString("10");
        assertThat(ProcessingDays.normalize(new BigDecimal("2.50"))).hasToString("2.5");
    }
}
