package vn.motcua.reporting.report;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import javax.sql.DataSource;
import vn.motcua.reporting.dossier.Counter;

/**
 * The form 06 aggregate from the pre-aggregated {@code office_counter}: exact for any period whose end is a
 * local midnight (every period that has ended). A figure over [from, end) is the difference of two prefix sums
 * "everything before day X"; a prefix sum reads the year rows before X's year, the month rows of that year
 * before X's month and the day rows of that month before X, so a province over a year reads a few dozen rows
 * per office whatever the number of dossiers. Figures at an instant come out of the same sums: open =
 * received - closed, awaiting = await_start - await_end, overdue = overdue_start - overdue_end.
 */
@Singleton
public class CounterRepository {
    /**
     * The offices in scope first (recursive CTE over the tree), then one index range scan of the primary key
     * (office_id = any(scope), grain, bucket range) per {@link Scan}; each row is counted in the end-side sum,
     * the start-side sum or both ({@code in_e}, {@code in_s}).
     */
    private static final String SQL = """
            with recursive p as (select ?::text as root, ?::boolean as subtree),
            tree (office_id, branch) as (
                select root, root from p
                union
                select o.office_id, case when t.office_id = p.root then o.office_id else t.branch end
                  from office o join tree t on o.parent_id = t.office_id cross join p
                 where p.subtree
            ),
            scope as (select array_agg(office_id) as ids from tree)
            select %s as grp, sd.side, %s
              from (%s) c
              join tree t on t.office_id = c.office_id
             cross join lateral (values ('e', c.in_e), ('s', c.in_s)) sd (side, hit)
             where sd.hit
             group by grp, sd.side
            """;
    private static final String RANGE = """
            select c.*, %s as in_e, %s as in_s from office_counter c, scope
             where c.office_id = any(scope.ids) and c.grain = '%s' and c.bucket >= ?::date and c.bucket < ?::date
            """;
    private static final String IN_RANGE = "(c.bucket >= ?::date and c.bucket < ?::date)";
    private static final String SUMS;

    static {
        StringJoiner sums = new StringJoiner(", ");
        for (Counter c : Counter.values()) {
            sums.add("sum(c." + c.column() + ")");
        }
        SUMS = sums.toString();
    }

    /** Bucket range [lo, hi) of one grain; lo null = -infinity. */
    private record Range(char grain, LocalDate lo, LocalDate hi) {
        boolean empty() {
            return lo != null && !lo.isBefore(hi);
        }

        boolean meets(Range o) { // overlapping or adjacent: one scan reads both without extra rows
            return (lo == null || !lo.isAfter(o.hi)) && (o.lo == null || !o.lo.isAfter(hi));
        }
    }

    /** One index range scan; {@code e}/{@code s}: the prefix-sum ranges it serves (null: not that side). */
    private record Scan(Range range, Range e, Range s) {
    }

    /**
     * The scans for the two prefix sums: a range that is empty is not read (a report from Jan 1 to Jan 1 reads
     * only year rows), and the end's and start's ranges of one grain that meet are read in one scan (both
     * year ranges start at -infinity). Fewer index descents per office: the province over a year reads each
     * office's year rows once instead of six range probes per office.
     */
    private static List<Scan> scans(LocalDate start, LocalDate end) {
        List<Range> e = prefix(end);
        List<Range> s = prefix(start);
        List<Scan> scans = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            Range re = e.get(g).empty() ? null : e.get(g);
            Range rs = s.get(g).empty() ? null : s.get(g);
            if (re != null && rs != null && re.meets(rs)) {
                LocalDate lo = re.lo == null || rs.lo == null ? null : re.lo.isBefore(rs.lo) ? re.lo : rs.lo;
                LocalDate hi = re.hi.isAfter(rs.hi) ? re.hi : rs.hi;
                scans.add(new Scan(new Range(re.grain, lo, hi), re, rs));
            } else {
                if (re != null) {
                    scans.add(new Scan(re, re, null));
                }
                if (rs != null) {
                    scans.add(new Scan(rs, null, rs));
                }
            }
        }
        return scans;
    }

    private final DataSource dataSource;

    public CounterRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Counts over [start 00:00, end 00:00) of local days, per child branch ({@code byOffice}) or one "TOTAL"
     * row; same meaning as {@link ReportRepository#counts}.
     */
    public Map<String, Figures.Counts> counts(String officeId, boolean subtree, LocalDate start, LocalDate end,
                                              boolean byOffice) throws SQLException {
        Map<String, long[][]> sums = new LinkedHashMap<>(); // group -> [s, e] -> counters
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = prepare(connection, "", officeId, subtree, byOffice, scans(start, end))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = sums.computeIfAbsent(rs.getString(1), k -> new long[2][Counter.COUNT])
                            ["e".equals(rs.getString(2)) ? 1 : 0];
                    for (int i = 0; i < Counter.COUNT; i++) {
                        v[i] = rs.getLong(3 + i);
                    }
                }
            }
        }
        Map<String, Figures.Counts> result = new HashMap<>();
        sums.forEach((group, se) -> result.put(group, counts(se[0], se[1])));
        return result;
    }

    /** The plan of {@link #counts} (EXPLAIN ANALYZE, BUFFERS), for the benchmark and for diagnosis. */
    public String explain(String officeId, boolean subtree, LocalDate start, LocalDate end) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = prepare(connection, "explain (analyze, buffers) ", officeId, subtree, false,
                     scans(start, end));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static PreparedStatement prepare(Connection connection, String prefix, String officeId,
                                             boolean subtree, boolean byOffice, List<Scan> scans)
            throws SQLException {
        StringJoiner union = new StringJoiner(" union all ");
        List<String> params = new ArrayList<>();
        for (Scan scan : scans) {
            union.add(RANGE.formatted(membership(scan.e, scan, params), membership(scan.s, scan, params),
                    scan.range.grain));
            params.add(bound(scan.range.lo));
            params.add(scan.range.hi.toString());
        }
        PreparedStatement ps = connection.prepareStatement(
                prefix + SQL.formatted(byOffice ? "t.branch" : "'TOTAL'::text", SUMS, union));
        ps.setString(1, officeId);
        ps.setBoolean(2, subtree || byOffice);
        for (int i = 0; i < params.size(); i++) {
            ps.setString(3 + i, params.get(i));
        }
        return ps;
    }

    /** Whether a row of {@code scan} belongs to {@code side}'s range: a constant unless the scan is shared. */
    private static String membership(Range side, Scan scan, List<String> params) {
        if (side == null) {
            return "false";
        }
        if (side.equals(scan.range)) {
            return "true";
        }
        params.add(bound(side.lo));
        params.add(side.hi.toString());
        return IN_RANGE;
    }

    private static String bound(LocalDate lo) {
        return lo == null ? "-infinity" : lo.toString();
    }

    /**
     * Ranges [lo, hi) of the year, month and day rows that sum to "everything before {@code day}": the years
     * before its year, the months of its year before its month, the days of its month before it.
     */
    private static List<Range> prefix(LocalDate day) {
        LocalDate year = day.withDayOfYear(1);
        LocalDate month = day.withDayOfMonth(1);
        return List.of(new Range('Y', null, year), new Range('M', year, month), new Range('D', month, day));
    }

    /**
     * The figures from the counters summed up to the period's start ({@code s}) and up to its end ({@code e}).
     * Carried over (DOMAIN.md): received before the period and still open at its start.
     */
    private static Figures.Counts counts(long[] s, long[] e) {
        long carriedOver = at(s, Counter.RECEIVED) - at(s, Counter.CLOSED);
        long openAtEnd = at(e, Counter.RECEIVED) - at(e, Counter.CLOSED);
        return Figures.Counts.builder()
                .set(FigurePath.RECEIVED_TOTAL, carriedOver + diff(s, e, Counter.RECEIVED))
                .set(FigurePath.RECEIVED_CARRIED_OVER, carriedOver)
                .set(FigurePath.RECEIVED_ONLINE, diff(s, e, Counter.RECEIVED_ONLINE))
                .set(FigurePath.RECEIVED_IN_PERSON, diff(s, e, Counter.RECEIVED_IN_PERSON))
                .set(FigurePath.RECEIVED_POSTAL, diff(s, e, Counter.RECEIVED_POSTAL))
                .set(FigurePath.RESOLVED_TOTAL, diff(s, e, Counter.RESOLVED))
                .set(FigurePath.RESOLVED_EARLY, diff(s, e, Counter.RESOLVED_EARLY))
                .set(FigurePath.RESOLVED_ON_TIME, diff(s, e, Counter.RESOLVED_ON_TIME))
                .set(FigurePath.RESOLVED_LATE, diff(s, e, Counter.RESOLVED_LATE))
                .set(FigurePath.WITHDRAWN, diff(s, e, Counter.WITHDRAWN))
                .set(FigurePath.IN_PROGRESS_TOTAL, openAtEnd)
                .set(FigurePath.IN_PROGRESS_AWAITING, at(e, Counter.AWAIT_START) - at(e, Counter.AWAIT_END))
                .set(FigurePath.IN_PROGRESS_OVERDUE, at(e, Counter.OVERDUE_START) - at(e, Counter.OVERDUE_END))
                .set(FigurePath.ONLINE_ELIGIBLE, diff(s, e, Counter.ELIGIBLE))
                .set(FigurePath.ONLINE_SUBMITTED, diff(s, e, Counter.ELIGIBLE_ONLINE))
                .set(FigurePath.APOLOGIES_LATE_WITHOUT_LETTER, diff(s, e, Counter.LATE_WITHOUT_LETTER))
                .set(FigurePath.APOLOGIES_SENT, diff(s, e, Counter.APOLOGIES))
                .set(FigurePath.APOLOGIES_SENT_IN_TIME, diff(s, e, Counter.APOLOGIES_IN_TIME))
                .build();
    }

    private static long at(long[] sums, Counter c) {
        return sums[c.ordinal()];
    }

    private static long diff(long[] s, long[] e, Counter c) {
        return e[c.ordinal()] - s[c.ordinal()];
    }
}
