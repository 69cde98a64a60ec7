package vn.motcua.reporting.dossier;

/** The columns of {@code office_counter}, in table order; {@link #column} is the SQL name. */
public enum Counter {
    RECEIVED, RECEIVED_ONLINE, RECEIVED_IN_PERSON, RECEIVED_POSTAL, ELIGIBLE, ELIGIBLE_ONLINE,
    CLOSED, RESOLVED, RESOLVED_EARLY, RESOLVED_ON_TIME, RESOLVED_LATE, WITHDRAWN, LATE_WITHOUT_LETTER,
    APOLOGIES, APOLOGIES_IN_TIME, AWAIT_START, AWAIT_END, OVERDUE_START, OVERDUE_END;

    public static final int COUNT = values().length;

    public String column() {
        return name().toLowerCase();
    }
}
