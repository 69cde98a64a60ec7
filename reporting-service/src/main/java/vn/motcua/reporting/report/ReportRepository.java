package vn.motcua.reporting.report;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The form 06 aggregate, computed by SQL over the per-dossier facts: the reference implementation. Reports on
 * ended periods come from {@link CounterRepository} (pre-aggregated); this one serves periods still running
 * (measured "now"), breakdowns by field and procedure, and is what tests and the benchmark check the counters
 * against.
 *
 * <p>Every dossier counted is in the set {received before the period's end, not closed before its start};
 * each of them is exactly one of resolved, withdrawn (closed within the period) or in progress (still open at
 * the end), which is why {@code received.total = resolved.total + withdrawn + inProgress.total} holds by
 * construction ({@code closed_at}: the resolution, else the withdrawal, never before the receipt). Dossiers
 * whose DossierReceived has not arrived yet are not counted at all.
 */
@Singleton
public class ReportRepository {
    /** Offices in scope, each tagged with the child of the root it lies under (the root tags itself). */
    private static final String TREE = """
            with recursive p as (
                select ?::text as root, ?::timestamptz as s, ?::timestamptz as e, ?::boolean as subtree
            ),
            tree (office_id, branch) as (
                select root, root from p
                union
                select o.office_id, case when t.office_id = p.root then o.office_id else t.branch end
                  from office o join tree t on o.parent_id = t.office_id cross join p
                 where p.subtree
            )
            """;

    private static final String FIGURES = TREE + """
            , d as (
                select f.dossier_id, f.received_at, f.channel, f.online_eligible, f.timeliness, f.due_at,
                       %s as grp,
                       case when f.closed_at < p.e then case when f.resolved_at is not null then 'R' else 'W' end
                            else 'P' end as st
                  from dossier_fact f join tree t on t.office_id = f.office_id cross join p
                 where f.received_at < p.e and f.cancelled_at is null -- a cancelled receipt is in no figure
                   and (f.closed_at is null or f.closed_at >= p.s)
            ), c as (
                select d.*, clk.kind as clock_kind, clk.due_at as clock_due
                  from d left join lateral (
                        select k.kind, k.due_at from dossier_clock k cross join p
                         where d.st = 'P' and k.dossier_id = d.dossier_id and k.at < p.e
                         order by k.at desc limit 1) clk on true
            )
            select grp, %s
              from c cross join p
             group by grp, p.s, p.e
            """;

    /**
     * The dossier figures the aggregate counts, each with its {@link FigurePath} condition: the one SQL definition
     * of each figure, shared with the figures' dossier lists (carried over = {@code received_at < p.s}).
     */
    private static final List<FigurePath> COUNTED = FigurePath.Counted.LIST;
    private static final String COUNT_COLUMNS = COUNTED.stream()
            .map(f -> "count(*) filter (where " + f.condition() + ")").collect(Collectors.joining(",\n       "));

    private static final String APOLOGIES = TREE + """
            select %s as grp, count(*), count(*) filter (where a.in_time)
              from apology_letter a
              join dossier_fact f on f.dossier_id = a.dossier_id
              join tree t on t.office_id = f.office_id
              cross join p
             where f.received_at is not null and f.cancelled_at is null and a.issued_at >= p.s and a.issued_at < p.e
             group by grp
            """;

    private final DataSource dataSource;

    public ReportRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True if the office was registered or has any dossier: otherwise a report on it is a 404. */
    public boolean officeKnown(String officeId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("""
                     select exists (select 1 from office where office_id = ?)
                         or exists (select 1 from dossier_fact where office_id = ?)""")) {
            ps.setString(1, officeId);
            ps.setString(2, officeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Counts per group over [start, end). {@code group} is null for one row keyed "TOTAL".
     * Both statements run in one repeatable-read transaction so they see the same projection state.
     */
    public Map<String, Figures.Counts> counts(String officeId, boolean subtree, Instant start, Instant end,
                                              Breakdown group) throws SQLException {
        String key = switch (group == null ? "TOTAL" : group.name()) {
            case "OFFICE" -> "t.branch";
            case "FIELD" -> "coalesce(f.field, '')";
            case "PROCEDURE" -> "coalesce(f.procedure_code, '')";
            default -> "'TOTAL'";
        };
        Map<String, Figures.Counts> result = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                try (PreparedStatement ps = connection.prepareStatement(FIGURES.formatted(key, COUNT_COLUMNS))) {
                    bind(ps, officeId, subtree, start, end);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Figures.Counts.Builder counts = Figures.Counts.builder();
                            for (int i = 0; i < COUNTED.size(); i++) {
                                counts.set(COUNTED.get(i), rs.getLong(i + 2));
                            }
                            result.put(rs.getString(1), counts.build());
                        }
                    }
                }
                try (PreparedStatement ps = connection.prepareStatement(APOLOGIES.formatted(key))) {
                    bind(ps, officeId, subtree, start, end);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            result.merge(rs.getString(1),
                                    Figures.Counts.ZERO.withApologies(rs.getLong(2), rs.getLong(3)),
                                    (old, extra) -> old.withApologies(extra.apologiesSent(),
                                            extra.apologiesInTime()));
                        }
                    }
                }
                connection.commit();
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        }
        return result;
    }

    /** Labels for breakdown rows: office names (children of the root) or procedure names. */
    public Map<String, String> labels(String officeId, Breakdown group) throws SQLException {
        Map<String, String> labels = new LinkedHashMap<>();
        String sql = switch (group) {
            case OFFICE -> "select office_id, name from office where office_id = ? or parent_id = ? "
                    + "order by (office_id = ?) desc, office_id";
            case PROCEDURE -> "select code, name from procedure where ? is not null and ? is not null "
                    + "and ? is not null order by code";
            case FIELD -> null;
        };
        if (sql == null) {
            return labels;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, officeId);
            ps.setString(2, officeId);
            ps.setString(3, officeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    labels.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return labels;
    }

    private static void bind(PreparedStatement ps, String officeId, boolean subtree, Instant start, Instant end)
            throws SQLException {
        ps.setString(1, officeId);
        ps.setObject(2, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
        ps.setObject(3, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
        ps.setBoolean(4, subtree);
    }
}
