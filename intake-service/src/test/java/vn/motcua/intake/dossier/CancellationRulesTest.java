package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.motcua.intake.infra.Refusal;

class CancellationRulesTest {
    @Test
    void a_reason_is_required_short_and_free_of_personal_numbers() {
        assertThat(CancellationRules.reason("received by mistake at the wrong desk")).isEmpty();
        assertThat(CancellationRules.reason(null)).contains(Refusal.malformed("reason", "is required"));
        assertThat(CancellationRules.reason("x".repeat(1001)))
                .contains(Refusal.malformed("reason", "must be at most 1000 characters"));
        Refusal personal = Refusal.againstRule("reason",
                "must not contain an ID-card or phone number (it is published)");
        assertThat(CancellationRules.reason("applicant 001099012345 asked")).contains(personal);
        assertThat(CancellationRules.reason("call 0912345678")).contains(personal);
    }

    @Test
    void an_open_dossier_may_be_cancelled_once_and_never_once_settled() {
        assertThat(CancellationRules.state("d1", false, false)).isEmpty();
        assertThat(CancellationRules.state("d1", true, false))
                .contains(Refusal.stateForbids(null, "dossier d1 is already cancelled"));
        assertThat(CancellationRules.state("d1", false, true))
                .contains(Refusal.stateForbids(null, "dossier d1 is already resolved; it cannot be cancelled"));
        assertThat(CancellationRules.state("d1", true, true))
                .contains(Refusal.stateForbids(null, "dossier d1 is already cancelled"));
    }
}
