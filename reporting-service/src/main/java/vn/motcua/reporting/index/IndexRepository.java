package vn.motcua.reporting.index;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Date;
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
import vn.motcua.reporting.petition.PetitionCounter;

/**
 * Reads the pre-aggregated counters for the index, never the dossiers: prefix sums of {@code office_counter} and
 * {@code petition_counter} (year rows before the day's year, month rows of its year before its month, day rows
 * of its month before it, as {@code CounterRepository}), and the period's {@code procedure_counter} month rows
 * plus the day rows at its ragged ends. Per branch: the root's own desk, and each child with its subtree.
 */
@Singleton
public class IndexRepository {
    /** {@code branch}: the root for itself and (scope subtree) the whole tree; a child's id for its subtree. */
    private static final String TREE = """
            with recursive p as (select ?::text as root, ?::boolean as subtree, ?::boolean as by_child),
            tree (office_id, branch) as (
                select root, root from p
                union
                select o.office_id, case when p.by_child and t.office_id = p.root then o.office_id else t.branch end
                  from office o join tree t on o.parent_id = t.office_id cross join p
                 where p.subtree or p.by_child
            ),
            scope as (select array_agg(office_id) as ids from tree)
            """;
    /**
     * One index range scan of the primary key (office_id = any(scope), grain, bucket range): the planner reads
     * each office's few rows instead of the table, as {@code CounterRepository} does.
     */
    private static final String RANGE = "select c.*, %d as side from %s c, scope where c.office_id = any(scope.ids)"
            + " and c.grain = '%s' and c.bucket >= ?::date and c.bucket < ?::date";
    /** A range scan whose rows are flagged for the start's prefix sum ({@code in_s}) and the end's ({@code in_e}). */
    private static final String FLAGGED = "select c.*, (c.bucket >= ?::date and c.bucket < ?::date) as in_s,"
            + " (c.bucket >= ?::date and c.bucket < ?::date) as in_e from %s c, scope"
            + " where c.office_id = any(scope.ids) and c.grain = '%s' and c.bucket >= ?::date and c.bucket < ?::date";

    private final DataSource dataSource;

    public IndexRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Figures per branch over [start, end) local days; {@code byChild}: per child subtree, else one for the scope. */
    public Map<String, IndexFigures> figures(String officeId, boolean subtree, boolean byChild, LocalDate start,
                                             LocalDate end) throws SQLException {
        return figures(officeId, subtree, byChild, start, end, null);
    }

    /** The plans of the three statements (EXPLAIN ANALYZE, BUFFERS), for the benchmark and for diagnosis. */
    public String explain(String officeId, boolean subtree, LocalDate start, LocalDate end) throws SQLException {
        StringBuilder plan = new StringBuilder();
        figures(officeId, subtree, false, start, end, plan);
        return plan.toString();
    }

    private Map<String, IndexFigures> figures(String officeId, boolean subtree, boolean byChild, LocalDate start,
                                              LocalDate end, StringBuilder plan) throws SQLException {
        Map<String, long[][]> dossiers = new HashMap<>();
        Map<String, long[][]> petitions = new HashMap<>();
        Map<String, List<IndexFigures.Procedure>> procedures = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            prefixSums(connection, "office_counter", columns(Counter.values()), Counter.COUNT, officeId, subtree,
                    byChild, start, end, dossiers, plan);
            prefixSums(connection, "petition_counter", columns(PetitionCounter.values()), PetitionCounter.COUNT,
                    officeId, subtree, byChild, start, end, petitions, plan);
            procedures(connection, officeId, subtree, byChild, start, end, procedures, plan);
        }
        Map<String, IndexFigures> result = new LinkedHashMap<>();
        java.util.Set<String> branches = new java.util.TreeSet<>();
        branches.addAll(dossiers.keySet());
        branches.addAll(petitions.keySet());
        branches.addAll(procedures.keySet());
        for (String b : branches) {
            long[][] d = dossiers.getOrDefault(b, new long[2][Counter.COUNT]);
            long[][] pe = petitions.getOrDefault(b, new long[2][PetitionCounter.COUNT]);
            result.put(b, new IndexFigures(d[0], d[1], pe[0], pe[1], procedures.getOrDefault(b, List.of())));
        }
        return result;
    }

    private static String columns(Enum<?>[] counters) {
        StringJoiner sums = new StringJoiner(", ");
        for (Enum<?> c : counters) {
            sums.add("coalesce(sum(c." + c.name().toLowerCase() + "), 0)");
        }
        return sums.toString();
    }

    private static void prefixSums(Connection connection, String table, String sums, int count, String officeId,
                                   boolean subtree, boolean byChild, LocalDate start, LocalDate end,
                                   Map<String, long[][]> out, StringBuilder plan) throws SQLException {
        // Per grain, the start's and the end's prefix ranges; an empty one is not read, two that meet are read in
        // one scan (each row flagged for the side(s) it belongs to), as CounterRepository does.
        StringBuilder union = new StringBuilder();
        List<LocalDate> params = new ArrayList<>();
        List<LocalDate[]> s = prefixRanges(start);
        List<LocalDate[]> e = prefixRanges(end);
        String[] grains = {"Y", "M", "D"};
        for (int g = 0; g < 3; g++) {
            LocalDate[] rs = s.get(g)[0].isBefore(s.get(g)[1]) ? s.get(g) : null;
            LocalDate[] re = e.get(g)[0].isBefore(e.get(g)[1]) ? e.get(g) : null;
            List<LocalDate[]> scans = new ArrayList<>();
            if (rs != null && re != null && !rs[0].isAfter(re[1]) && !re[0].isAfter(rs[1])) {
                scans.add(new LocalDate[] {min(rs[0], re[0]), max(rs[1], re[1])});
            } else {
                if (rs != null) {
                    scans.add(rs);
                }
                if (re != null) {
                    scans.add(re);
                }
            }
            for (LocalDate[] scan : scans) {
                union.append(union.isEmpty() ? "" : " union all ").append(FLAGGED.formatted(table, grains[g]));
                LocalDate[] none = {scan[0], scan[0]};
                LocalDate[] sideS = rs != null ? rs : none;
                LocalDate[] sideE = re != null ? re : none;
                params.addAll(List.of(sideS[0], sideS[1], sideE[0], sideE[1], scan[0], scan[1]));
            }
        }
        String sql = TREE + "select t.branch, sd.side, " + sums + " from (" + union + ") c"
                + " cross join lateral (values (0, c.in_s), (1, c.in_e)) sd (side, hit)"
                + " join tree t on t.office_id = c.office_id where sd.hit group by t.branch, sd.side";
        try (PreparedStatement ps = connection.prepareStatement(plan == null ? sql
                : "explain (analyze, buffers) " + sql)) {
            int i = tree(ps, officeId, subtree, byChild);
            for (LocalDate d : params) {
                ps.setDate(i++, Date.valueOf(d));
            }
            if (explained(ps, plan)) {
                return;
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = out.computeIfAbsent(rs.getString(1), k -> new long[2][count])[rs.getInt(2)];
                    for (int c = 0; c < count; c++) {
                        v[c] = rs.getLong(3 + c);
                    }
                }
            }
        }
    }

    private static boolean explained(PreparedStatement ps, StringBuilder plan) throws SQLException {
        if (plan == null) {
            return false;
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return true;
    }

    private static int tree(PreparedStatement ps, String officeId, boolean subtree, boolean byChild)
            throws SQLException {
        ps.setString(1, officeId);
        ps.setBoolean(2, subtree);
        ps.setBoolean(3, byChild);
        return 4;
    }

    /** "Everything before {@code day}": years before its year, months of its year before its month, days of its
     * month before it; as [lo, hi) per grain Y, M, D. */
    private static List<LocalDate[]> prefixRanges(LocalDate day) {
        LocalDate year = day.withDayOfYear(1);
        LocalDate month = day.withDayOfMonth(1);
        return List.of(new LocalDate[] {LocalDate.of(1900, 1, 1), year}, new LocalDate[] {year, month},
                new LocalDate[] {month, day});
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static void procedures(Connection connection, String officeId, boolean subtree, boolean byChild,
                                   LocalDate start, LocalDate end, Map<String, List<IndexFigures.Procedure>> out,
                                   StringBuilder plan) throws SQLException {
        List<Object[]> ranges = ranges(start, end); // {grain, lo, hi}
        StringBuilder union = new StringBuilder();
        for (Object[] r : ranges) {
            union.append(union.isEmpty() ? "" : " union all ").append(RANGE.formatted(0, "procedure_counter", r[0]));
        }
        String order = " order by c.last_received_at desc nulls last, c.last_dossier_id desc nulls last))[1]";
        String sql = TREE + """
                , r as (
                    select t.branch, c.procedure_code, sum(c.received) received, sum(c.received_online) online,
                           sum(c.paid_online) paid,
                           (array_agg(c.last_eligible%1$s last_eligible,
                           (array_agg(c.last_fee%1$s last_fee,
                           (array_agg(c.last_online_payment%1$s last_online_payment
                      from (%2$s) c join tree t on t.office_id = c.office_id
                     group by t.branch, c.procedure_code)
                select r.*, p.online_mode, p.decided_on, p.effective_on, p.made_public_on, p.content_complete
                  from r left join procedure p on p.code = r.procedure_code
                 order by r.branch, r.procedure_code
                """.formatted(order, union);
        try (PreparedStatement ps = connection.prepareStatement(plan == null ? sql
                : "explain (analyze, buffers) " + sql)) {
            int i = tree(ps, officeId, subtree, byChild);
            for (Object[] r : ranges) {
                ps.setDate(i++, Date.valueOf((LocalDate) r[1]));
                ps.setDate(i++, Date.valueOf((LocalDate) r[2]));
            }
            if (explained(ps, plan)) {
                return;
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString("branch"), k -> new ArrayList<>()).add(
                            new IndexFigures.Procedure(rs.getString("procedure_code"), rs.getLong("received"),
                                    rs.getLong("online"), rs.getLong("paid"),
                                    (Boolean) rs.getObject("last_eligible"), (Long) rs.getObject("last_fee"),
                                    (Boolean) rs.getObject("last_online_payment"), rs.getString("online_mode"),
                                    date(rs.getDate("decided_on")), date(rs.getDate("effective_on")),
                                    date(rs.getDate("made_public_on")), (Boolean) rs.getObject("content_complete")));
                }
            }
        }
    }

    /**
     * [start, end) as whole years (Y rows), the whole months around them (M) and the ragged days at both ends
     * (D); empty ranges left out. A calendar year reads one row per office and procedure.
     */
    static List<Object[]> ranges(LocalDate start, LocalDate end) {
        List<Object[]> r = new ArrayList<>();
        LocalDate monthsFrom = start.getDayOfMonth() == 1 ? start : start.withDayOfMonth(1).plusMonths(1);
        LocalDate monthsTo = end.withDayOfMonth(1);
        if (!monthsFrom.isBefore(monthsTo)) {
            add(r, "D", start, end);
            return r;
        }
        add(r, "D", start, monthsFrom);
        add(r, "D", monthsTo, end);
        LocalDate yearsFrom = monthsFrom.getDayOfYear() == 1 ? monthsFrom : monthsFrom.withDayOfYear(1).plusYears(1);
        LocalDate yearsTo = monthsTo.withDayOfYear(1);
        if (!yearsFrom.isBefore(yearsTo)) {
            add(r, "M", monthsFrom, monthsTo);
            return r;
        }
        add(r, "M", monthsFrom, yearsFrom);
        add(r, "M", yearsTo, monthsTo);
        add(r, "Y", yearsFrom, yearsTo);
        return r;
    }

    private static void add(List<Object[]> ranges, String grain, LocalDate lo, LocalDate hi) {
        if (lo.isBefore(hi)) {
            ranges.add(new Object[] {grain, lo, hi});
        }
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    /** The children of an office with their names, in code order. */
    public Map<String, String> children(String officeId) throws SQLException {
        Map<String, String> children = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "select office_id, name from office where parent_id = ? order by office_id")) {
            ps.setString(1, officeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    children.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return children;
    }
}
