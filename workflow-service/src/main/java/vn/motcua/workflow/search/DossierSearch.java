package vn.motcua.workflow.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.motcua.workflow.dossier.DossierStatus;

/**
 * Reads {@code dossier_view} for the officers' dossier list. Newest first ({@code received_at DESC, dossier_id
 * DESC}): each office of the scope is read in index order ({@code dossier_view_office_received}, or
 * {@code ..._status_received} with a status, {@code ..._open_received} for the overdue) and cut at the page's end,
 * then the offices' heads are merged, so a page costs at most (offset + size) index entries per office whatever the
 * table's size, plus, for the overdue, the office's open dossiers still on time. Those on time alone (an open status
 * and {@code overdue=false}) are read from {@code dossier_view_office_due}'s short range and sorted
 * (docs/benchmarks.md, "Workflow: dossier list").
 */
@Component
public class DossierSearch {
    /** Open and past the statutory due date: the overdue worklist's definition (a stopped clock is never overdue). */
    private static final String OVERDUE = "(status IN ('RECEIVED', 'IN_PROCESS') AND due_at < %s)";
    private static final Set<DossierStatus> OPEN = EnumSet.of(DossierStatus.RECEIVED,
            DossierStatus.IN_PROCESS);
    private static final String COLUMNS = "dossier_id, office_id, code, status, received_at, due_at, "
            + "rescheduled_due_at, current_unit";

    private final JdbcTemplate jdbc;

    public DossierSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What to list: offices (one, or a subtree), optionally one status and/or overdue or not, at {@code now}. */
    public record Query(List<String> offices, DossierStatus status, Boolean overdue, Instant now, long offset,
                        int size) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String dossierId, String officeId, String code, DossierStatus status, Instant receivedAt,
                       Instant dueAt, Instant rescheduledDueAt, String currentUnit) {
    }

    public record Page(List<Item> items, int page, int size, long total) {
    }

    /** The office and every office below it in the catalogue's tree (just the office if the catalogue lacks it). */
    public List<String> subtree(String officeId) {
        return jdbc.queryForList("""
                WITH RECURSIVE tree(id) AS (
                    SELECT CAST(? AS VARCHAR)
                    UNION
                    SELECT o.office_id FROM office o JOIN tree t ON o.parent_id = t.id)
                SELECT id FROM tree""", String.class, officeId);
    }

    public List<Item> items(Query query) {
        String where = where(query);
        long window = query.offset() + query.size();
        // Keys first (office, received_at, dossier_id: index-only where the filter allows), then the page's rows.
        String perOffice = onTimeOnly(query)
                // Open and not yet due: few per office (received within the longest processing time), but the
                // oldest of them can be far down the newest-first order, behind years of overdue ones. Read them
                // from dossier_view_office_due's short range and sort them; OFFSET 0 keeps the planner from walking
                // the newest-first index instead.
                ? "SELECT * FROM (SELECT dossier_id, received_at FROM dossier_view WHERE office_id = o.id" + where
                        + " OFFSET 0) n ORDER BY received_at DESC, dossier_id DESC LIMIT ?"
                : "SELECT dossier_id, received_at FROM dossier_view WHERE office_id = o.id" + where
                        + " ORDER BY received_at DESC, dossier_id DESC LIMIT ?";
        String keys = "SELECT d.dossier_id FROM unnest(CAST(? AS VARCHAR[])) AS o(id) CROSS JOIN LATERAL ("
                + perOffice + ") d ORDER BY d.received_at DESC, d.dossier_id DESC LIMIT ? OFFSET ?";
        Object[] all = {query.offices().toArray(String[]::new), window, query.size(), query.offset()};
        return jdbc.query("SELECT " + COLUMNS + " FROM (" + keys + ") p JOIN dossier_view v USING (dossier_id)"
                + " ORDER BY v.received_at DESC, v.dossier_id DESC", (rs, n) -> new Item(
                rs.getString("dossier_id"), rs.getString("office_id"), rs.getString("code"),
                DossierStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("received_at")),
                instant(rs.getTimestamp("due_at")), instant(rs.getTimestamp("rescheduled_due_at")),
                rs.getString("current_unit")), all);
    }

    /**
     * The exact number of dossiers the list holds, from {@code dossier_count} (sums over the scope's offices, never a
     * count of their rows). Overdue is relative to {@code now}, so no counter holds it: the overdue dossiers are the
     * open ones minus the open ones not yet due, and only the latter are counted row by row (the partial index
     * {@code dossier_view_office_due}: dossiers in progress on time, bounded by an office's throughput, while the
     * overdue ones may pile up for years). One statement, so both parts read the same snapshot. {@code now} is a
     * literal for the reason given at {@link #where}.
     */
    public long total(Query query) {
        String[] offices = query.offices().toArray(String[]::new);
        boolean statusOpen = query.status() == null || OPEN.contains(query.status());
        String statusFilter = query.status() == null ? "" : " AND status = '" + query.status().name() + "'";
        String all = "(SELECT COALESCE(sum(n), 0) FROM dossier_count WHERE office_id = ANY(CAST(? AS VARCHAR[]))"
                + statusFilter + ")";
        String overdue = "((SELECT COALESCE(sum(n), 0) FROM dossier_count WHERE office_id = ANY(CAST(? AS VARCHAR[]))"
                + " AND status IN ('RECEIVED', 'IN_PROCESS')" + statusFilter + ") - (SELECT count(*) FROM dossier_view"
                + " WHERE office_id = ANY(CAST(? AS VARCHAR[])) AND status IN ('RECEIVED', 'IN_PROCESS') AND due_at >= "
                + literal(query.now()) + statusFilter + "))";
        Long total;
        if (query.overdue() == null) {
            total = jdbc.queryForObject("SELECT " + all, Long.class, (Object) offices);
        } else if (!statusOpen) {
            // A stopped or closed dossier is never overdue.
            total = query.overdue() ? 0L : jdbc.queryForObject("SELECT " + all, Long.class, (Object) offices);
        } else if (query.overdue()) {
            total = jdbc.queryForObject("SELECT " + overdue, Long.class, offices, offices);
        } else {
            total = jdbc.queryForObject("SELECT " + all + " - " + overdue, Long.class, offices, offices, offices);
        }
        return total == null ? 0 : total;
    }

    /** The exact count of the rows, the way {@link #total} must answer (tests compare the two). */
    public long countRows(Query query) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM dossier_view WHERE office_id = ANY(CAST(? AS VARCHAR[]))"
                + where(query), Long.class, (Object) query.offices().toArray(String[]::new));
        return total == null ? 0 : total;
    }

    private static String literal(Instant instant) {
        return "TIMESTAMPTZ '" + instant + "'";
    }

    private static boolean onTimeOnly(Query query) {
        return Boolean.FALSE.equals(query.overdue()) && query.status() != null && OPEN.contains(query.status());
    }

    /**
     * The filters after the office. {@code now} and the status are literals, so that each call is planned for its
     * values: a generic plan cannot tell the few dossiers still on time from the years of overdue ones, nor match the
     * partial indexes on open statuses.
     */
    private static String where(Query query) {
        StringBuilder where = new StringBuilder();
        String now = literal(query.now());
        if (query.status() != null) {
            where.append(" AND status = '").append(query.status().name()).append("'");
        }
        if (query.overdue() != null && query.status() != null) {
            // The status is known: say overdue in terms of due_at alone, so that an open status and overdue=false
            // (the few dossiers not yet due) can read dossier_view_office_due's short range.
            if (!OPEN.contains(query.status())) {
                where.append(query.overdue() ? " AND FALSE" : "");
            } else {
                where.append(query.overdue() ? " AND due_at < " + now
                        : " AND status IN ('RECEIVED', 'IN_PROCESS') AND due_at >= " + now);
            }
        } else if (query.overdue() != null) {
            where.append(query.overdue() ? " AND " : " AND NOT ").append(OVERDUE.formatted(now));
        }
        return where.toString();
    }

    /** The dossier printed with this code (the newest receipt if, against the rules, two share it). */
    public Optional<String> idOfCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT dossier_id FROM dossier_view WHERE code = ? ORDER BY received_at DESC LIMIT 1",
                String.class, code).stream().findFirst();
    }

    /** The office of the dossier with this code, for the access rules; empty when no dossier has it. */
    public Optional<String> officeOfCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT office_id FROM dossier_view WHERE code = ? ORDER BY received_at DESC LIMIT 1",
                String.class, code).stream().findFirst();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
