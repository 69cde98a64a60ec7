package vn.motcua.workflow.dossier;

import java.time.Instant;
import java.time.ZoneId;
import vn.motcua.events.Timeliness;

/** Classifies a resolution against the statutory due date (DOMAIN.md, "Timeliness"). */
final class TimelinessRule {
    private TimelinessRule() {
    }

    /**
     * EARLY on a calendar day (local time) before the due date's day; ON_TIME on that day at or before
     * {@code dueAt}; LATE after {@code dueAt}.
     */
    static Timeliness classify(Instant resolvedAt, Instant dueAt, ZoneId zone) {
        if (resolvedAt.isAfter(dueAt)) {
            return Timeliness.LATE;
        }
        return resolvedAt.atZone(zone).toLocalDate().isBefore(dueAt.atZone(zone).toLocalDate())
                ? Timeliness.EARLY
                : Timeliness.ON_TIME;
    }
}
