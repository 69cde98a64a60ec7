package vn.motcua.reporting.report;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The dossiers behind one figure, a page at a time: the same set and conditions as {@link ReportRepository}'s
 * aggregate, ordered by (received_at, dossier_id) and cut with LIMIT/OFFSET in PostgreSQL, so only one page ever
 * reaches the JVM. The total is a window count read with the page (a page past the end reads the count alone, in
 * the same repeatable-read transaction).
 */
@Singleton
public class ItemsRepository {
    private static final String TREE = """
            with recursive p as (
                select ?::text as root, ?::timestamptz as s, ?::timestamptz as e, ?::boolean as subtree
            ),
            tree (office_id) as (
                select root from p
                union
                select o.office_id from office o join tree t on o.parent_id = t.office_id cross join p
                 where p.subtree
            )
            """;

    /** The period's dossiers with their state at its end (R resolved, W withdrawn, P in progress). */
    private static final String DOSSIERS = TREE + """
            , d as (
                select f.dossier_id, f.code, f.office_id, f.procedure_code, f.channel, f.online_eligible,
                       f.received_at, f.due_at, f.resolved_at, f.timeliness,
                       case when f.closed_at < p.e then case when f.resolved_at is not null then 'R' else 'W' end
                            else 'P' end as st
                  from dossier_fact f join tree t on t.office_id = f.office_id cross join p
                 where f.received_at < p.e and f.cancelled_at is null -- a cancelled receipt is in no figure
                   and (f.closed_at is null or f.closed_at >= p.s)
            )
            """;

    /** The supplement clock in force at the end, for dossiers still open (their status and due date need it). */
    private static final String WITH_CLOCK = DOSSIERS + """
            , c as (
                select d.*, clk.kind as clock_kind, clk.due_at as clock_due
                  from d left join lateral (
                        select k.kind, k.due_at from dossier_clock k cross join p
                         where d.st = 'P' and k.dossier_id = d.dossier_id and k.at < p.e
                         order by k.at desc limit 1) clk on true
            )
            """;

    /** Resolved or withdrawn dossiers only: no clock to look up. */
    private static final String CLOSED = DOSSIERS + """
            , c as (select d.*, null::text as clock_kind, null::timestamptz as clock_due from d)
            """;

    private static final String COLUMNS = """
            c.dossier_id, c.code, c.office_id, c.procedure_code, c.channel, c.received_at,
            coalesce(c.clock_due, c.due_at), c.resolved_at, c.timeliness, c.st, c.clock_kind,
            coalesce(p.e > coalesce(c.clock_due, c.due_at), false)
            """;

    /** Letters issued in the period, for dossiers of the offices in scope: one row per letter. */
    private static final String LETTERS = TREE + """
            , c as (
                select f.dossier_id, f.code, f.office_id, f.procedure_code, f.channel, f.received_at,
                       f.due_at, f.resolved_at, f.timeliness,
                       case when f.closed_at < p.e then case when f.resolved_at is not null then 'R' else 'W' end
                            else 'P' end as st,
                       null::text as clock_kind, null::timestamptz as clock_due, a.letter_number, a.in_time
                  from apology_letter a
                  join dossier_fact f on f.dossier_id = a.dossier_id
                  join tree t on t.office_id = f.office_id
                  cross join p
                 where f.received_at is not null and f.cancelled_at is null
                   and a.issued_at >= p.s and a.issued_at < p.e
            )
            """;

    private final DataSource dataSource;

    public ItemsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Page(List<DossierItems.Item> items, long total) {
    }

    public Page page(String officeId, boolean subtree, Instant start, Instant end, FigurePath figure, int page,
                     int size) throws SQLException {
        String base;
        String where;
        String order;
        if (figure.letters()) {
            base = LETTERS;
            where = figure == FigurePath.APOLOGIES_SENT_IN_TIME ? "c.in_time" : "true";
            order = "c.received_at, c.dossier_id, c.letter_number";
        } else {
            base = figure.closedOnly() ? CLOSED : WITH_CLOCK;
            where = figure.condition();
            order = "c.received_at, c.dossier_id";
        }
        String count = base + "select count(*) from c cross join p where " + where;
        String rows = base + "select " + COLUMNS + ", count(*) over () from c cross join p where " + where
                + " order by " + order + " limit ? offset ?";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                // The window count comes with the page in one pass; only a page past the end needs the count alone.
                long total = -1;
                List<DossierItems.Item> items = new ArrayList<>();
                try (PreparedStatement ps = connection.prepareStatement(rows)) {
                    bind(ps, officeId, subtree, start, end);
                    ps.setInt(5, size);
                    ps.setLong(6, (long) page * size);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(item(rs));
                            total = rs.getLong(13);
                        }
                    }
                }
                if (total < 0) {
                    try (PreparedStatement ps = connection.prepareStatement(count)) {
                        bind(ps, officeId, subtree, start, end);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            total = rs.getLong(1);
                        }
                    }
                }
                connection.commit();
                return new Page(items, total);
            } finally {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                connection.setAutoCommit(true);
            }
        }
    }

    private static DossierItems.Item item(ResultSet rs) throws SQLException {
        String st = rs.getString(10);
        String status = switch (st) {
            case "R" -> "RESOLVED";
            case "W" -> "WITHDRAWN";
            default -> "STOPPED".equals(rs.getString(11)) ? "AWAITING_SUPPLEMENT"
                    : rs.getBoolean(12) ? "OVERDUE" : "IN_PROGRESS";
        };
        return new DossierItems.Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                "R".equals(st) ? instant(rs.getTimestamp(8)) : null, "R".equals(st) ? rs.getString(9) : null,
                status);
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static void bind(PreparedStatement ps, String officeId, boolean subtree, Instant start, Instant end)
            throws SQLException {
        ps.setString(1, officeId);
        ps.setObject(2, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
        ps.setObject(3, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
        ps.setBoolean(4, subtree);
    }
}
