package vn.motcua.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DossierCodeTest {
    @Test
    void is_the_office_the_day_of_receipt_and_a_four_digit_daily_sequence() {
        DossierCode code = DossierCode.of("H49.17", LocalDate.of(2024, 3, 12), 7);

        assertThat(code).hasToString("H49.17-240312-0007");
        assertThat(code.officeId()).isEqualTo("H49.17");
        assertThat(code.receiptDay()).isEqualTo("240312");
        assertThat(code.sequence()).isEqualTo(7);
        assertThat(code.receivedOn(LocalDate.of(2024, 3, 12))).isTrue();
        assertThat(code.receivedOn(LocalDate.of(2024, 3, 13))).isFalse();
    }

    @Test
    void reads_back_what_it_writes() {
        for (String text : new String[] {"H49-240312-0001", "H49.17.05-191231-9999", "h49-000229-0042",
                "HOVR.1-200101-10000", "A-991231-123456789"}) {
            assertThat(DossierCode.parse(text)).as(text).isPresent().get().hasToString(text);
        }
        assertThat(DossierCode.parse("H49.17-240312-0007"))
                .contains(DossierCode.of("H49.17", LocalDate.of(2024, 3, 12), 7));
    }

    @Test
    void a_sequence_past_9999_grows_a_digit() {
        assertThat(DossierCode.of("H49", LocalDate.of(2025, 1, 2), 10_000)).hasToString("H49-250102-10000");
    }

    @Test
    void the_century_is_not_in_the_code() {
        assertThat(DossierCode.of("H49", LocalDate.of(1999, 3, 12), 1)).hasToString("H49-990312-0001");
        assertThat(DossierCode.of("H49", LocalDate.of(1999, 3, 12), 1).receivedOn(LocalDate.of(2099, 3, 12)))
                .isTrue();
    }

    @Test
    void anything_else_is_not_a_code() {
        for (String text : new String[] {null, "", "H49", "H49-240312", "H49-240312-007", "H49-240312-00007",
                "H49-240312-0000", "H49-241312-0001", "H49-240230-0001", "H49-010229-0001", "H49-24031-0001",
                "H49-2403121-0001", "-240312-0001", "H49.-240312-0001", ".H49-240312-0001", "H-49-240312-0001",
                "H49 -240312-0001", "H49-240312-0001 ", "H49-240312-+001", "H49-240312-1234567890",
                "X".repeat(65) + "-240312-0001", "CODE-abc", "NO-SUCH-CODE-42", "H49_1-240312-0001"}) {
            assertThat(DossierCode.parse(text)).as(String.valueOf(text)).isEmpty();
        }
        assertThat(DossierCode.parse("X".repeat(64) + "-240312-0001")).isPresent();
    }

    @Test
    void refuses_to_make_a_code_that_could_not_be_read_back() {
        assertThatThrownBy(() -> DossierCode.of("H49-1", LocalDate.of(2024, 3, 12), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DossierCode.of("H49", LocalDate.of(2024, 3, 12), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DossierCode("H49", "240332", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DossierCode(null, "240312", 1)).isInstanceOf(NullPointerException.class);
    }
}
