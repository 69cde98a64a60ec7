package vn.motcua.reporting.dossier;

/** The columns of {@code office_counter}, in table order; {@link #column} is the SQL name. */
public enum Counter {
    RECEIVED, RECEIVED_ONLINE, RECEIVED_IN_PERSON, RECEIVED_POSTAL, ELIGIBLE, ELIGIBLE_ONLINE,
    CLOSED, RESOLVED, RESOLVED_EARLY, RESOLVED_ON_TIME, RESOLVED_LATE, WITHDRAWN, LATE_WITHOUT_LETTER,
    APOLOGIES, APOLOGIES_IN_TIME, AWAIT_START, AWAIT_END, OVERDUE_START, OVERDUE_END,
    // Contract 1.1, Decision 766 (V4): at receipt, DIGITISED (>= 1 document, all digitised), REUSED (>= 1 reused),
    // FEE_DUE (fee > 0), FEE_PAID_ONLINE (fee > 0 and an online payment); at the return, RETURNED_APPROVED and
    // RETURNED_ELECTRONIC; MULTI_*: the same as RECEIVED/CLOSED/overdue for dossiers with more than one
    // supplement request (MULTI_CLOSED_GOOD: closed early, on time or withdrawn); DISSAT_*: dossiers rated
    // DISSATISFIED, at receipt and at closure (in D = received before the end minus closed before the start).
    DIGITISED, REUSED, FEE_DUE, FEE_PAID_ONLINE, RETURNED_APPROVED, RETURNED_ELECTRONIC,
    MULTI_RECEIVED, MULTI_CLOSED, MULTI_CLOSED_GOOD, MULTI_OVERDUE_START, MULTI_OVERDUE_END,
    DISSAT_RECEIVED, DISSAT_CLOSED;

    public static final int COUNT = values().length;

    public String column() {
        return name().toLowerCase();
    }
}
