package vn.motcua.reporting.petition;

/**
 * The columns of {@code petition_counter}: what happened per office and local day, like {@code office_counter}.
 * Intervals (start, end] count "at an instant" as starts minus ends before it: OVERDUE_* from the due instant to
 * the answer; DISSAT_*: the same for petitions rated DISSATISFIED (to subtract each petition once in MDHL.2).
 */
public enum PetitionCounter {
    RECEIVED, ANSWERED, ANSWERED_ON_TIME, OVERDUE_START, OVERDUE_END, DISSAT_RECEIVED, DISSAT_ANSWERED,
    DISSAT_ANSWERED_LATE, DISSAT_OVERDUE_START, DISSAT_OVERDUE_END;

    public static final int COUNT = values().length;

    public String column() {
        return name().toLowerCase();
    }
}
