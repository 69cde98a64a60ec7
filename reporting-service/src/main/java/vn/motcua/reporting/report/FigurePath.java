package vn.motcua.reporting.report;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * A figure of the report by its JSON path, with the SQL condition that picks the dossiers it counts. The conditions
 * are also the columns of {@link ReportRepository}'s aggregate (one definition), so a figure's dossier list has
 * exactly as many rows as the figure (ItemsTest checks every path). Apology letters are counted per letter: their list has one
 * row per letter.
 */
public enum FigurePath {
    RECEIVED_TOTAL("received.total", "true", r -> r.received().total()),
    RECEIVED_CARRIED_OVER("received.carriedOver", "received_at < p.s", r -> r.received().carriedOver()),
    RECEIVED_ONLINE("received.online", "received_at >= p.s and channel = 'ONLINE'", r -> r.received().online()),
    RECEIVED_IN_PERSON("received.inPerson", "received_at >= p.s and channel = 'IN_PERSON'",
            r -> r.received().inPerson()),
    RECEIVED_POSTAL("received.postal", "received_at >= p.s and channel = 'POSTAL'", r -> r.received().postal()),
    RESOLVED_TOTAL("resolved.total", "st = 'R'", r -> r.resolved().total()),
    RESOLVED_EARLY("resolved.early", "st = 'R' and timeliness = 'EARLY'", r -> r.resolved().early()),
    RESOLVED_ON_TIME("resolved.onTime", "st = 'R' and timeliness = 'ON_TIME'", r -> r.resolved().onTime()),
    RESOLVED_LATE("resolved.late", "st = 'R' and timeliness = 'LATE'", r -> r.resolved().late()),
    WITHDRAWN("withdrawn", "st = 'W'", DossierReport::withdrawn),
    IN_PROGRESS_TOTAL("inProgress.total", "st = 'P'", r -> r.inProgress().total()),
    IN_PROGRESS_WITHIN_DEADLINE("inProgress.withinDeadline", "st = 'P' and not (" + Conditions.OVERDUE + ")",
            r -> r.inProgress().withinDeadline()),
    IN_PROGRESS_OVERDUE("inProgress.overdue", Conditions.OVERDUE, r -> r.inProgress().overdue()),
    IN_PROGRESS_AWAITING("inProgress.awaitingSupplement", "st = 'P' and clock_kind = 'STOPPED'",
            r -> r.inProgress().awaitingSupplement()),
    ONLINE_ELIGIBLE("online.eligible", "received_at >= p.s and online_eligible", r -> r.online().eligible()),
    ONLINE_SUBMITTED("online.submitted", "received_at >= p.s and online_eligible and channel = 'ONLINE'",
            r -> r.online().submitted()),
    APOLOGIES_SENT("apologies.sent", null, r -> r.apologies().sent()),
    APOLOGIES_SENT_IN_TIME("apologies.sentInTime", null, r -> r.apologies().sentInTime()),
    APOLOGIES_LATE_WITHOUT_LETTER("apologies.lateWithoutLetter", "st = 'R' and timeliness = 'LATE' and not exists ("
            + "select 1 from apology_letter a where a.dossier_id = c.dossier_id)",
            r -> r.apologies().lateWithoutLetter());

    private final String path;
    private final String condition;
    private final ToLongFunction<DossierReport> value;

    FigurePath(String path, String condition, ToLongFunction<DossierReport> value) {
        this.path = path;
        this.condition = condition;
        this.value = value;
    }

    public String path() {
        return path;
    }

    /** The SQL condition over the dossiers of the period (null for the letters' figures). */
    String condition() {
        return condition;
    }

    /** Only resolved or withdrawn dossiers: their list needs no supplement clock. */
    boolean closedOnly() {
        return condition != null && (condition.startsWith("st = 'R'") || condition.startsWith("st = 'W'"));
    }

    /** Counted per apology letter issued in the period, not per dossier. */
    boolean letters() {
        return condition == null;
    }

    /** The figure's value in a report: what the list's total must equal. */
    public long valueIn(DossierReport report) {
        return value.applyAsLong(report);
    }

    public static Optional<FigurePath> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.path.equals(text == null ? null : text.trim())).findFirst();
    }

    public static List<String> paths() {
        return Arrays.stream(values()).map(FigurePath::path).toList();
    }

    /** The figures {@link ReportRepository}'s aggregate counts per dossier (the rest: derived, or per letter). */
    static final class Counted {
        static final List<FigurePath> LIST = Arrays.stream(values())
                .filter(f -> f.condition != null && f != IN_PROGRESS_WITHIN_DEADLINE).toList();
    }

    /** Shared conditions (an enum constant cannot refer to a static field of its own enum). */
    private static final class Conditions {
        // Null-safe: a dossier without a due date is never overdue, as in the aggregate (count filter).
        static final String OVERDUE = "st = 'P' and clock_kind is distinct from 'STOPPED' "
                + "and coalesce(p.e > coalesce(clock_due, due_at), false)";
    }
}
