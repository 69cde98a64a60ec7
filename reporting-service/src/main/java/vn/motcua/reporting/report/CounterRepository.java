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
     * The offices in scope first (recursive CTE over the tree), then six index range scans of the primary key
     * (office_id = any(scope), grain, bucket range): three per prefix sum.
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
            select %s as grp, c.side, %s
              from (%s) c
              join tree t on t.office_id = c.office_id
             group by grp, c.side
            """;
    private static final String RANGE = """
            select '%s' as side, c.* from office_counter c, scope
             where c.office_id = any(scope.ids) and c.grain = '%s' and c.bucket >= ?::date and c.bucket < ?::date
            """;
    private static final String QUERY;

    static {
        StringJoiner sums = new StringJoiner(", ");
        for (Counter c : Counter.values()) {
            sums.add("sum(c." + c.column() + ")");
        }
        StringJoiner ranges = new StringJoiner(" union all ");
        for (String side : List.of("e", "s")) {
            for (String grain : List.of("Y", "M", "D")) {
                ranges.add(RANGE.formatted(side, grain));
            }
        }
        QUERY = SQL.formatted("%s", sums, ranges);
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
        List<String> bounds = new ArrayList<>();
        prefix(end, bounds);
        prefix(start, bounds);
        Map<String, long[][]> sums = new LinkedHashMap<>(); // group -> [s, e] -> counters
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     QUERY.formatted(byOffice ? "t.branch" : "'TOTAL'::text"))) {
            ps.setString(1, officeId);
            ps.setBoolean(2, subtree || byOffice);
            for (int i = 0; i < bounds.size(); i++) {
                ps.setString(3 + i, bounds.get(i));
            }
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

    /**
     * Bounds [lo, hi) of the year, month and day rows that sum to "everything before {@code day}": the years
     * before its year, the months of its year before its month, the days of its month before it.
     */
    private static void prefix(LocalDate day, List<String> bounds) {
        String year = day.withDayOfYear(1).toString();
        String month = day.withDayOfMonth(1).toString();
        bounds.addAll(List.of("-infinity", year, year, month, month, day.toString()));
    }

    private static Figures.Counts counts(long[] s, long[] e) {
        long openAtStart = at(s, Counter.RECEIVED) - at(s, Counter.CLOSED);
        long openAtEnd = at(e, Counter.RECEIVED) - at(e, Counter.CLOSED);
        return new Figures.Counts(
                openAtStart + diff(s, e, Counter.RECEIVED),
                openAtStart,
                diff(s, e, Counter.RECEIVED_ONLINE),
                diff(s, e, Counter.RECEIVED_IN_PERSON),
                diff(s, e, Counter.RECEIVED_POSTAL),
                diff(s, e, Counter.RESOLVED),
                diff(s, e, Counter.RESOLVED_EARLY),
                diff(s, e, Counter.RESOLVED_ON_TIME),
                diff(s, e, Counter.RESOLVED_LATE),
                diff(s, e, Counter.WITHDRAWN),
                openAtEnd,
                at(e, Counter.AWAIT_START) - at(e, Counter.AWAIT_END),
                at(e, Counter.OVERDUE_START) - at(e, Counter.OVERDUE_END),
                diff(s, e, Counter.ELIGIBLE),
                diff(s, e, Counter.ELIGIBLE_ONLINE),
                diff(s, e, Counter.LATE_WITHOUT_LETTER),
                diff(s, e, Counter.APOLOGIES),
                diff(s, e, Counter.APOLOGIES_IN_TIME));
    }

    private static long at(long[] sums, Counter c) {
        return sums[c.ordinal()];
    }

    private static long diff(long[] s, long[] e, Counter c) {
        return e[c.ordinal()] - s[c.ordinal()];
    }
}
