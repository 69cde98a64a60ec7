package vn.motcua.intake.dossier;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.motcua.calendar.WorkingHours;
import vn.motcua.events.Channel;
import vn.motcua.intake.personaldata.BlindIndex;

/**
 * The desk's search over intake records: offices (one, or a subtree), receipt dates, and {@code q} matching a code
 * prefix, an applicant's exact name (accents and case ignored) or exact ID number through the blind index. Newest
 * first. With {@code q}, the hits are found in the indexes that answer it ({@code dossier_code_prefix};
 * {@code applicant_index}'s primary key, which carries office and receipt time) and filtered there: the cost follows
 * the hits, not the scope, and a dossier row is read only for the page (docs/benchmarks.md, "Intake search").
 * Without it, the offices and dates walk {@code dossier_office_received}.
 */
@Repository
class DossierSearch {
    private final JdbcTemplate jdbc;
    private final DossierQueries queries;
    private final BlindIndex blindIndex;

    DossierSearch(JdbcTemplate jdbc, DossierQueries queries, BlindIndex blindIndex) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.blindIndex = blindIndex;
    }

    /** One hit: what a desk needs to pick the dossier; {@code applicantName} null once erased. */
    record Item(String dossierId, String code, String officeId, String procedureCode, Channel channel,
                OffsetDateTime receivedAt, OffsetDateTime dueAt, String applicantName, boolean applicantErased,
                boolean cancelled) {
    }

    record Page(List<Item> items, int page, int size, long total) {
    }

    record Query(List<String> offices, LocalDate from, LocalDate to, String q, int page, int size) {
    }

    /** The office and every office below it in the catalogue. */
    List<String> subtree(String officeId) {
        return jdbc.queryForList("""
                WITH RECURSIVE tree AS (
                    SELECT office_id FROM office WHERE office_id = ?
                    UNION SELECT o.office_id FROM office o JOIN tree t ON o.parent_id = t.office_id)
                SELECT office_id FROM tree""", String.class, officeId);
    }

    Page search(Query query) {
        // With q, the hits come first from the two indexes that can answer it (a code prefix; the blind index's
        // digests, whose entries carry the office and receipt time), each filtered by office and date inside its
        // index; only a page's worth of them is joined to dossier. (An OR of the two in one WHERE clause walked every
        // dossier of the scope; a name shared by thousands of applicants visited every hit's dossier row.)
        List<Object> scopeArgs = new ArrayList<>();
        String scope = scope(query, scopeArgs);
        List<Object> args = new ArrayList<>();
        String hits;
        if (query.q() == null) {
            hits = "SELECT dossier_id, received_at FROM dossier WHERE TRUE" + scope;
        } else {
            hits = "SELECT dossier_id, received_at FROM dossier WHERE code LIKE ? ESCAPE '\\'" + scope
                    + " UNION SELECT dossier_id, received_at FROM applicant_index WHERE digest = ANY (?)" + scope;
            args.add(query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            args.addAll(scopeArgs);
            args.add(blindIndex.queryDigests(query.q()).toArray(byte[][]::new));
        }
        args.addAll(scopeArgs);
        Long total = jdbc.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("SELECT count(*) FROM (" + hits + ") h")) {
                bind(con, ps, args);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(query.size());
        pageArgs.add((long) query.page() * query.size());
        List<Item> items = jdbc.execute((java.sql.Connection con) -> {
            try (var ps = con.prepareStatement("""
                    SELECT d.dossier_id, d.code, d.office_id, d.procedure_code, d.channel, d.received_at, d.due_at,
                        d.applicant_sealed, k.wrapped_key, d.cancelled_at
                    FROM (SELECT dossier_id, received_at FROM (""" + hits + """
                        ) h ORDER BY received_at DESC, dossier_id DESC LIMIT ? OFFSET ?) p
                    JOIN dossier d ON d.dossier_id = p.dossier_id
                    LEFT JOIN applicant_key k ON k.dossier_id = d.dossier_id
                    ORDER BY d.received_at DESC, d.dossier_id DESC""")) {
                bind(con, ps, pageArgs);
                List<Item> found = new ArrayList<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Applicant applicant = queries.open(rs.getString(1), rs.getBytes(9), rs.getBytes(8));
                        found.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Channel.valueOf(rs.getString(5)),
                                DossierQueries.local(rs.getObject(6, OffsetDateTime.class)),
                                DossierQueries.local(rs.getObject(7, OffsetDateTime.class)),
                                applicant == null ? null : applicant.fullName(), applicant == null,
                                rs.getObject(10) != null));
                    }
                }
                return found;
            }
        });
        return new Page(items, query.page(), query.size(), total == null ? 0 : total);
    }

    /** The offices and receipt dates, as conditions on a table with {@code office_id} and {@code received_at}. */
    private static String scope(Query query, List<Object> args) {
        StringBuilder where = new StringBuilder(" AND office_id = ANY (?)");
        args.add(query.offices().toArray(String[]::new));
        if (query.from() != null) {
            where.append(" AND received_at >= ?");
            args.add(Timestamp.from(query.from().atStartOfDay(WorkingHours.VIETNAM).toInstant()));
        }
        if (query.to() != null) {
            where.append(" AND received_at < ?");
            args.add(Timestamp.from(query.to().plusDays(1).atStartOfDay(WorkingHours.VIETNAM).toInstant()));
        }
        return where.toString();
    }

    private static void bind(java.sql.Connection con, java.sql.PreparedStatement ps, List<Object> args)
            throws java.sql.SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof String[] strings) {
                ps.setArray(i + 1, con.createArrayOf("varchar", strings));
            } else if (a instanceof byte[][] bytes) {
                ps.setArray(i + 1, con.createArrayOf("bytea", bytes));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
