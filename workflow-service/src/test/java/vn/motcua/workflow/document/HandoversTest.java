package vn.motcua.workflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.workflow.document.Handovers.Judgement;
import vn.motcua.workflow.document.Handovers.Line;
import vn.motcua.workflow.dossier.DossierView.HistoryLine;

/**
 * Form 05's lines and the equal share of the statutory time. The standard calendar works 07:30-11:30 and
 * 13:00-17:00, Monday to Friday: 8 working hours a day. March 2026 has no holiday.
 */
class HandoversTest {
    private static final WorkingCalendar CALENDAR = WorkingCalendar.standard();

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();
    }

    private static HistoryLine line(String kind, String local, Map<String, Object> details, String by) {
        return new HistoryLine(kind, at(local), details, by);
    }

    // Received Monday 2/3 07:30, due Thursday 5/3 07:30: 3 working days = 24 working hours.
    private static final HistoryLine RECEIVED = line("RECEIVED", "2026-03-02T07:30",
            Map.of("dueAt", at("2026-03-05T07:30").toString()), null);

    @Test
    void anOpenDossierSharesItsTimeAmongItsHandoversAndTheStepInHand() {
        List<HistoryLine> history = List.of(RECEIVED,
                line("TRANSFERRED", "2026-03-02T10:00", Map.of("to", "Phòng Tư pháp"), "desk-1"));
        List<Line> lines = Handovers.of(history, true, "H49", CALENDAR, id -> null);

        // Two steps (the desk's, and the unit's still in hand): 12 working hours each, from the receipt.
        Line transfer = lines.get(1);
        assertThat(transfer.from()).isEqualTo(Handovers.DESK);
        assertThat(transfer.to()).isEqualTo("Phòng Tư pháp");
        assertThat(transfer.by()).isEqualTo("desk-1");
        assertThat(transfer.deadline()).isEqualTo(at("2026-03-03T11:30")); // 8 h Monday + 4 h Tuesday
        assertThat(transfer.judgement()).isEqualTo(Judgement.EARLY);
        assertThat(lines.get(0).judgement()).as("the receipt is not a step").isNull();
    }

    @Test
    void eachStepIsJudgedOnItsOwnShareFromItsOwnStart() {
        List<HistoryLine> history = List.of(RECEIVED,
                // Three steps of 8 h. 2 h of 8, but on the day the share ends: on time (early is a day before).
                line("TRANSFERRED", "2026-03-02T09:30", Map.of("to", "A"), "desk"),
                line("TRANSFERRED", "2026-03-03T09:30", Map.of("from", "A", "to", "B"), "a"), // 8 h of 8: on time
                line("RESOLVED", "2026-03-05T09:30", Map.of("outcome", "APPROVED"), "b")); // 16 h of 8: late
        List<Line> lines = Handovers.of(history, false, "H49", CALENDAR, id -> null);

        assertThat(lines).extracting(Line::judgement)
                .containsExactly(null, Judgement.ON_TIME, Judgement.ON_TIME, Judgement.LATE);
        assertThat(lines.get(1).deadline()).isEqualTo(at("2026-03-02T17:00"));
        assertThat(lines.get(2).deadline()).isEqualTo(at("2026-03-03T09:30"));
        assertThat(lines.get(3).from()).isEqualTo("B");
        assertThat(lines.get(3).to()).isEqualTo(Handovers.DESK);
    }

    @Test
    void aSupplementStopsTheClockAndStartsANewPeriodWithItsOwnShares() {
        List<HistoryLine> history = List.of(RECEIVED,
                line("TRANSFERRED", "2026-03-02T09:30", Map.of("to", "A"), "desk"),
                line("SUPPLEMENT_REQUESTED", "2026-03-02T15:00", Map.of("reason", "thiếu bản vẽ"), "a"),
                line("SUPPLEMENT_RECEIVED", "2026-03-09T07:30", Map.of("dueAt", at("2026-03-12T07:30").toString()),
                        "desk"),
                line("TRANSFERRED", "2026-03-09T08:30", Map.of("from", "A", "to", "Chi cục Thuế",
                        "toOfficeId", "H49.TAX"), "a"));
        List<Line> lines = Handovers.of(history, true, "H49", CALENDAR, id -> "Chi cục Thuế Hà Tĩnh");

        // First period: two steps of 12 h, both closed by the request. Second: the transfer and the step in hand.
        assertThat(lines.get(2).action()).isEqualTo("Yêu cầu bổ sung hồ sơ");
        assertThat(lines.get(2).to()).isEqualTo(Handovers.APPLICANT);
        assertThat(lines.get(2).judgement()).isEqualTo(Judgement.EARLY);
        assertThat(lines.get(3).judgement()).as("the applicant's supplement is not the office's step").isNull();
        assertThat(lines.get(4).deadline()).isEqualTo(at("2026-03-10T11:30"));
        assertThat(lines.get(4).to()).isEqualTo("Chi cục Thuế (Chi cục Thuế Hà Tĩnh)");
        assertThat(lines.get(4).from()).isEqualTo("A");
    }
}
