package vn.motcua.workflow.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.workflow.dossier.WorkflowPolicy;

/** DOMAIN.md "Deadlines": due soon 1 working day (the policy's lead) before the statutory due date. */
class DueSoonRuleTest {
    private static final WorkingCalendar CALENDAR = WorkingCalendar.standard();
    private static final DueSoonRule DECREE_61 = DueSoonRule.of(WorkflowPolicy.decree61());

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant();
    }

    @Test
    void decree61IsOneWorkingDayBeforeTheDueDate() {
        assertThat(DECREE_61.leadDays()).isEqualTo(1);
        // Due Thursday 09:00: due soon Wednesday 09:00.
        assertThat(DECREE_61.dueSoonAt(CALENDAR, local("2026-03-05T09:00"))).isEqualTo(local("2026-03-04T09:00"));
        // Due Monday 09:00: the weekend does not count, due soon the Friday before.
        assertThat(DECREE_61.dueSoonAt(CALENDAR, local("2026-03-09T09:00"))).isEqualTo(local("2026-03-06T09:00"));
    }

    @Test
    void theLeadComesFromThePolicy() {
        DueSoonRule twoDays = DueSoonRule.of(new WorkflowPolicy(null, null, null, null, 2, null));
        assertThat(twoDays.dueSoonAt(CALENDAR, local("2026-03-05T09:00"))).isEqualTo(local("2026-03-03T09:00"));
        assertThat(twoDays.horizon(CALENDAR, local("2026-03-03T09:00"))).isEqualTo(local("2026-03-05T09:00"));
        assertThat(new DueSoonRule(0).dueSoonAt(CALENDAR, local("2026-03-05T09:00")))
                .isEqualTo(local("2026-03-05T09:00"));
        assertThatThrownBy(() -> new DueSoonRule(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAnnouncementIsNeverBeforeTheClockStarted() {
        Instant due = local("2026-03-05T09:00");
        assertThat(DECREE_61.announcedAt(CALENDAR, due, local("2026-03-02T09:00"))).isEqualTo(local("2026-03-04T09:00"));
        // Half a working day left when the clock (re)started: due soon from the start.
        Instant restarted = local("2026-03-04T14:00");
        assertThat(DECREE_61.announcedAt(CALENDAR, due, restarted)).isEqualTo(restarted);
    }

    @Test
    void theWorklistHorizonIsTheLeadCountedForwardFromNow() {
        // Wednesday 09:00: dossiers due up to Thursday 09:00 are due soon, the one the schedule announced then.
        Instant now = local("2026-03-04T09:00");
        assertThat(DECREE_61.horizon(CALENDAR, now)).isEqualTo(local("2026-03-05T09:00"));
        assertThat(DECREE_61.dueSoonAt(CALENDAR, DECREE_61.horizon(CALENDAR, now))).isEqualTo(now);
        // Friday 09:00: Monday 09:00.
        assertThat(DECREE_61.horizon(CALENDAR, local("2026-03-06T09:00"))).isEqualTo(local("2026-03-09T09:00"));
    }
}
