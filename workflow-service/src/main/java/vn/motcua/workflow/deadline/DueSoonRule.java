package vn.motcua.workflow.deadline;

import java.math.BigDecimal;
import java.time.Instant;
import vn.motcua.calendar.WorkingCalendar;
import vn.motcua.workflow.dossier.WorkflowPolicy;

/**
 * DOMAIN.md, "Deadlines": an unresolved dossier enters the "due soon" list {@code leadDays} working days (the
 * policy's {@code dueSoonLeadDays}, 1 under Decree 61) before its statutory due date, in its office's calendar.
 * The one home of that rule: the deadline schedule ({@code dossier_view.due_soon_at}), the announcement's instant
 * (the aggregate's {@code DossierDueSoon} and the watcher's direct announcements) and the officers' due-soon
 * worklist all ask here.
 *
 * @param leadDays working days before the due date
 */
public record DueSoonRule(int leadDays) {

    public DueSoonRule {
        if (leadDays < 0) {
            throw new IllegalArgumentException("dueSoonLeadDays must be 0 or more: " + leadDays);
        }
    }

    public static DueSoonRule of(WorkflowPolicy policy) {
        return new DueSoonRule(policy.dueSoonLeadDays());
    }

    /** When a dossier due at {@code dueAt} becomes due soon: the deadline schedule's instant. */
    public Instant dueSoonAt(WorkingCalendar calendar, Instant dueAt) {
        return calendar.subtractWorkingDays(dueAt, BigDecimal.valueOf(leadDays));
    }

    /**
     * The instant a {@code DossierDueSoon} announces: {@link #dueSoonAt}, but never before the statutory clock
     * (re)started (receipt, or the complete supplement): a dossier with less than the lead time is due soon from
     * its start.
     */
    public Instant announcedAt(WorkingCalendar calendar, Instant dueAt, Instant clockStartedAt) {
        Instant threshold = dueSoonAt(calendar, dueAt);
        return threshold.isBefore(clockStartedAt) ? clockStartedAt : threshold;
    }

    /**
     * The due-soon worklist at {@code now}: open dossiers due from {@code now} up to this instant (what falls due
     * within the lead time counted forward from now).
     */
    public Instant horizon(WorkingCalendar calendar, Instant now) {
        return calendar.addWorkingDays(now, BigDecimal.valueOf(leadDays));
    }
}
