package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.motcua.events.Channel;
import vn.motcua.intake.dossier.CorrectionRules.Correction;
import vn.motcua.intake.dossier.CorrectionRules.Current;
import vn.motcua.intake.dossier.CorrectionRules.Plan;
import vn.motcua.intake.dossier.CorrectionRules.Refused;
import vn.motcua.intake.infra.Refusal;

class CorrectionRulesTest {
    private static final Instant RECEIVED = Instant.parse("2024-03-12T02:00:00Z");
    private static final List<SubmittedDocument> PAPERS = List.of(new SubmittedDocument("Đơn", 1));
    private static final Current OPEN = new Current("1.001612", Channel.IN_PERSON, RECEIVED, PAPERS, false, false,
            false);
    private static final Applicant APPLICANT = new Applicant("Nguyễn Văn A", null, null, null);

    private static Correction change(Applicant applicant, List<SubmittedDocument> documents, String procedure,
                                     Channel channel, Instant receivedAt) {
        return new Correction(applicant, documents, procedure, channel, receivedAt);
    }

    private static Plan plan(Current current, Correction c) {
        return (Plan) CorrectionRules.decide("d1", current, c);
    }

    @Test
    void nothing_given_changes_nothing_and_publishes_nothing() {
        Plan p = plan(OPEN, change(null, null, null, null, null));
        assertThat(p.newRevision()).isFalse();
        assertThat(p.applicantChanged()).isFalse();
        assertThat(p).isEqualTo(new Plan("1.001612", Channel.IN_PERSON, RECEIVED, PAPERS, false, false, false, false));
    }

    @Test
    void the_same_values_again_are_no_change() {
        Plan p = plan(OPEN, change(null, List.of(new SubmittedDocument("Đơn", 1)), "1.001612", Channel.IN_PERSON,
                RECEIVED));
        assertThat(p.newRevision()).isFalse();
        assertThat(p.timingChanged()).isFalse();
        assertThat(p.documentsChanged()).isFalse();
    }

    @Test
    void a_corrected_applicant_alone_publishes_no_revision() {
        Plan p = plan(OPEN, change(APPLICANT, null, null, null, null));
        assertThat(p.applicantChanged()).isTrue();
        assertThat(p.newRevision()).isFalse();
    }

    @Test
    void procedure_channel_or_time_recompute_the_due_date_in_a_new_revision() {
        for (Correction c : List.of(change(null, null, "2.000001", null, null),
                change(null, null, null, Channel.POSTAL, null),
                change(null, null, null, null, RECEIVED.minusSeconds(60)))) {
            Plan p = plan(OPEN, c);
            assertThat(p.timingChanged()).as(c.toString()).isTrue();
            assertThat(p.newRevision()).isTrue();
            assertThat(p.documents()).isEqualTo(PAPERS);
        }
        Plan moved = plan(OPEN, change(null, null, null, Channel.ONLINE, RECEIVED.minusSeconds(60)));
        assertThat(moved.channel()).isEqualTo(Channel.ONLINE);
        assertThat(moved.receivedAt()).isEqualTo(RECEIVED.minusSeconds(60));
        assertThat(moved.procedureCode()).isEqualTo("1.001612");
        assertThat(moved.procedureChanged()).isFalse();
    }

    @Test
    void other_papers_are_a_new_revision_without_a_new_due_date() {
        List<SubmittedDocument> digitised = List.of(new SubmittedDocument("Đơn", 1, true, false));
        Plan p = plan(OPEN, change(null, digitised, null, null, null));
        assertThat(p.documentsChanged()).isTrue();
        assertThat(p.timingChanged()).isFalse();
        assertThat(p.newRevision()).isTrue();
        assertThat(p.documents()).isEqualTo(digitised);
        assertThat(plan(OPEN, change(null, List.of(), null, null, null)).documentsChanged()).isTrue();
    }

    @Test
    void the_fee_frozen_at_receipt_follows_only_a_new_procedure() {
        Plan sameProcedure = plan(OPEN, change(null, null, null, Channel.POSTAL, null));
        assertThat(sameProcedure.fee(50_000, 80_000)).isEqualTo(50_000);
        assertThat(sameProcedure.onlinePayment(false, true)).isFalse();
        Plan newProcedure = plan(OPEN, change(null, null, "2.000001", null, null));
        assertThat(newProcedure.fee(50_000, 0)).isZero();
        assertThat(newProcedure.onlinePayment(false, true)).isTrue();
    }

    @Test
    void a_cancelled_dossier_changes_no_more() {
        Current cancelled = new Current("1.001612", Channel.IN_PERSON, RECEIVED, PAPERS, true, false, false);
        assertThat(CorrectionRules.decide("d1", cancelled, change(null, null, null, null, null))).isEqualTo(
                new Refused(Refusal.stateForbids(null, "dossier d1 was cancelled; it cannot be corrected")));
    }

    @Test
    void a_settled_dossier_keeps_its_procedure_but_may_correct_the_rest() {
        Current settled = new Current("1.001612", Channel.IN_PERSON, RECEIVED, PAPERS, false, true, false);
        assertThat(CorrectionRules.decide("d1", settled, change(null, null, "2.000001", null, null))).isEqualTo(
                new Refused(Refusal.stateForbids("procedureCode",
                        "dossier d1 is already resolved; its procedure can no longer change")));
        assertThat(CorrectionRules.decide("d1", settled, change(APPLICANT, List.of(), "1.001612", Channel.POSTAL,
                null))).isInstanceOf(Plan.class);
    }

    @Test
    void an_erased_applicant_cannot_be_corrected_but_the_rest_can() {
        Current erased = new Current("1.001612", Channel.IN_PERSON, RECEIVED, PAPERS, false, false, true);
        assertThat(CorrectionRules.decide("d1", erased, change(APPLICANT, null, null, null, null))).isEqualTo(
                new Refused(Refusal.stateForbids("applicant",
                        "the applicant's data of dossier d1 was erased; it cannot be corrected")));
        assertThat(CorrectionRules.decide("d1", erased, change(null, List.of(), null, null, null)))
                .isInstanceOf(Plan.class);
    }

    @Test
    void refusals_come_in_order_cancelled_procedure_applicant() {
        Current all = new Current("1.001612", Channel.IN_PERSON, RECEIVED, PAPERS, true, true, true);
        Correction everything = change(APPLICANT, null, "2.000001", null, null);
        assertThat(((Refused) CorrectionRules.decide("d1", all, everything)).refusal().field()).isNull();
        Current settledErased = new Current("1.001612", Channel.IN_PERSON, RECEIVED, PAPERS, false, true, true);
        assertThat(((Refused) CorrectionRules.decide("d1", settledErased, everything)).refusal().field())
                .isEqualTo("procedureCode");
    }

    @Test
    void a_reason_is_required_and_at_most_a_thousand_characters() {
        assertThat(CorrectionRules.reason(null)).contains(Refusal.malformed("reason", "is required"));
        assertThat(CorrectionRules.reason(" ")).contains(Refusal.malformed("reason", "is required"));
        assertThat(CorrectionRules.reason("x".repeat(1000))).isEmpty();
        assertThat(CorrectionRules.reason("x".repeat(1001)))
                .contains(Refusal.malformed("reason", "must be at most 1000 characters"));
    }
}
