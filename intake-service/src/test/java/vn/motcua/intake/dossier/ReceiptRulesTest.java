package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.events.Channel;
import vn.motcua.events.OnlineMode;
import vn.motcua.intake.catalogue.CatalogueQueries.ProcedureView;
import vn.motcua.intake.infra.Refusal;

class ReceiptRulesTest {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Instant NOW = Instant.parse("2024-03-12T02:00:00Z");
    private static final Duration SKEW = Duration.ofSeconds(30);

    private static ProcedureView procedure(OnlineMode mode, boolean postal) {
        return new ProcedureView("1.001612", "Cấp giấy phép xây dựng", "xây dựng", BigDecimal.valueOf(3), mode,
                postal, 0, false, null, null, null, null);
    }

    private static java.util.Optional<Refusal> check(Instant receivedAt, boolean officeKnown, ProcedureView p,
                                                     Channel channel) {
        return ReceiptRules.check(receivedAt, NOW, SKEW, "H49.17", officeKnown, "1.001612", p, channel);
    }

    @Test
    void a_receipt_time_defaults_to_now_and_keeps_milliseconds() {
        assertThat(ReceiptRules.receivedAt(null, Instant.parse("2024-03-12T02:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2024-03-12T02:00:00.123Z"));
        assertThat(ReceiptRules.receivedAt(Instant.parse("2020-01-02T03:04:05.6789Z"), NOW))
                .isEqualTo(Instant.parse("2020-01-02T03:04:05.678Z"));
    }

    @Test
    void a_receipt_is_never_in_the_future_beyond_the_clock_skew() {
        ProcedureView p = procedure(OnlineMode.FULL, true);
        assertThat(check(NOW.plus(SKEW), true, p, Channel.IN_PERSON)).isEmpty();
        assertThat(check(NOW.minus(Duration.ofDays(3650)), true, p, Channel.IN_PERSON)).isEmpty();
        assertThat(check(NOW.plus(SKEW).plusMillis(1), true, p, Channel.IN_PERSON))
                .contains(Refusal.malformed("receivedAt", "must not be in the future"));
    }

    @Test
    void the_office_and_the_procedure_must_be_in_the_catalogue() {
        assertThat(check(NOW, false, procedure(OnlineMode.FULL, true), Channel.IN_PERSON))
                .contains(Refusal.againstRule("officeId", "unknown office H49.17"));
        assertThat(check(NOW, true, null, Channel.IN_PERSON))
                .contains(Refusal.againstRule("procedureCode", "unknown procedure 1.001612"));
    }

    @Test
    void postal_only_for_a_procedure_offered_by_post() {
        assertThat(check(NOW, true, procedure(OnlineMode.FULL, false), Channel.POSTAL)).contains(Refusal.againstRule(
                "channel", "procedure 1.001612 is not offered through the postal service"));
        assertThat(check(NOW, true, procedure(OnlineMode.NONE, true), Channel.POSTAL)).isEmpty();
    }

    @Test
    void online_only_for_a_procedure_offered_online_fully_or_partly() {
        assertThat(check(NOW, true, procedure(OnlineMode.NONE, true), Channel.ONLINE))
                .contains(Refusal.againstRule("channel", "procedure 1.001612 is not offered online"));
        assertThat(check(NOW, true, procedure(OnlineMode.PARTIAL, false), Channel.ONLINE)).isEmpty();
        assertThat(check(NOW, true, procedure(OnlineMode.FULL, false), Channel.ONLINE)).isEmpty();
        assertThat(check(NOW, true, procedure(OnlineMode.NONE, false), Channel.IN_PERSON)).isEmpty();
    }

    @Test
    void the_first_broken_rule_is_reported_time_office_procedure_channel() {
        assertThat(check(NOW.plus(Duration.ofHours(1)), false, null, Channel.ONLINE)).get()
                .extracting(Refusal::field).isEqualTo("receivedAt");
        assertThat(check(NOW, false, null, Channel.ONLINE)).get().extracting(Refusal::field).isEqualTo("officeId");
        assertThat(check(NOW, true, null, Channel.ONLINE)).get().extracting(Refusal::field)
                .isEqualTo("procedureCode");
    }

    @Test
    void a_procedure_offered_online_makes_its_dossiers_online_eligible() {
        assertThat(ReceiptRules.onlineEligible(OnlineMode.NONE)).isFalse();
        assertThat(ReceiptRules.onlineEligible(OnlineMode.PARTIAL)).isTrue();
        assertThat(ReceiptRules.onlineEligible(OnlineMode.FULL)).isTrue();
    }

    @Test
    void the_appointment_counts_working_days_from_the_receipt() {
        WorkingCalendar calendar = WorkingCalendar.standard();
        // DOMAIN "Deadlines": Mon 09:00 + 3 days = Thu 09:00; Fri 16:00 + 1 day = Mon 16:00.
        assertThat(ReceiptRules.dueAt(calendar, local(2024, 3, 11, 9, 0), BigDecimal.valueOf(3)))
                .isEqualTo(local(2024, 3, 14, 9, 0));
        assertThat(ReceiptRules.dueAt(calendar, local(2024, 3, 15, 16, 0), BigDecimal.ONE))
                .isEqualTo(local(2024, 3, 18, 16, 0));
        // Half a day (4 h) from Monday 09:00: 2.5 h before the lunch break, 1.5 h after it.
        assertThat(ReceiptRules.dueAt(calendar, local(2024, 3, 11, 9, 0), new BigDecimal("0.5")))
                .isEqualTo(local(2024, 3, 11, 14, 30));
        // A receipt on Sunday counts from Monday 07:30; one ending at a period's end is due at that end.
        assertThat(ReceiptRules.dueAt(calendar, local(2024, 3, 10, 10, 0), BigDecimal.ONE))
                .isEqualTo(local(2024, 3, 11, 17, 0));
    }

    @Test
    void the_sequence_day_is_the_offices_local_date() {
        // 23:30 UTC on the 11th is 06:30 on the 12th in Vietnam.
        assertThat(ReceiptRules.sequenceDay(Instant.parse("2024-03-11T23:30:00Z"), VIETNAM))
                .isEqualTo(LocalDate.of(2024, 3, 12));
        assertThat(ReceiptRules.sequenceDay(Instant.parse("2024-03-11T16:59:59Z"), VIETNAM))
                .isEqualTo(LocalDate.of(2024, 3, 11));
    }

    private static Instant local(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min).atZone(VIETNAM).toInstant();
    }
}
