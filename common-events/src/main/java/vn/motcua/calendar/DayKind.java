package vn.motcua.calendar;

/** What a calendar entry does to an ordinary week. */
public enum DayKind {
    /** A day off: a holiday, a compensation day or a swapped day, usually on a weekday. */
    OFF,
    /** A make-up working day (ngày làm bù), usually a Saturday, in exchange for a swapped day off. */
    WORK
}
