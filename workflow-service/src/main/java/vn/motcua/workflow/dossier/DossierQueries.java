package vn.motcua.workflow.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the projection: dossiers, their history, apology letters and the officers' worklists. */
@Component
public class DossierQueries {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public DossierQueries(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public boolean exists(String dossierId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM dossier_view WHERE dossier_id = ?)", Boolean.class, dossierId));
    }

    /** The office a dossier belongs to, for the access rules; empty for a dossier not (yet) known here. */
    public Optional<String> officeOf(String dossierId) {
        if (dossierId == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT office_id FROM dossier_view WHERE dossier_id = ?", String.class, dossierId)
                .stream().findFirst();
    }

    public Optional<DossierView> find(String dossierId) {
        List<DossierView> rows = jdbc.query("SELECT * FROM dossier_view WHERE dossier_id = ?",
                (rs, n) -> view(rs, history(dossierId)), dossierId);
        return rows.stream().findFirst();
    }

    /** Open dossiers of an office whose statutory due date falls in [from, to), by due date. */
    public List<DossierView> openDueBetween(String officeId, Instant from, Instant to, int limit) {
        return openDueBetween(officeId, from, to, 0, limit);
    }

    /** A page of them: {@code limit} from {@code offset}. */
    public List<DossierView> openDueBetween(String officeId, Instant from, Instant to, long offset, int limit) {
        return jdbc.query("""
                SELECT * FROM dossier_view
                WHERE office_id = ? AND status IN ('RECEIVED', 'IN_PROCESS') AND due_at >= ? AND due_at < ?
                ORDER BY due_at, dossier_id LIMIT ? OFFSET ?""",
                (rs, n) -> view(rs, null), officeId, Timestamp.from(from), Timestamp.from(to), limit, offset);
    }

    /** How many there are in all (the same partial index). */
    public long countOpenDueBetween(String officeId, Instant from, Instant to) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM dossier_view
                WHERE office_id = ? AND status IN ('RECEIVED', 'IN_PROCESS') AND due_at >= ? AND due_at < ?""",
                Long.class, officeId, Timestamp.from(from), Timestamp.from(to));
        return count == null ? 0 : count;
    }

    public Optional<ApologyLetter> letter(String dossierId, int number) {
        return jdbc.query("SELECT * FROM apology_letter WHERE dossier_id = ? AND letter_number = ?",
                (rs, n) -> new ApologyLetter(rs.getString("dossier_id"), rs.getInt("letter_number"),
                        rs.getString("office_id"), rs.getString("reason"), rs.getString("responsible_unit"),
                        instant(rs, "due_at"), instant(rs, "new_due_at"), instant(rs, "issued_at"),
                        rs.getBoolean("in_time")), dossierId, number).stream().findFirst();
    }

    private List<DossierView.HistoryLine> history(String dossierId) {
        return jdbc.query("SELECT kind, at, details, actor FROM dossier_history WHERE dossier_id = ? ORDER BY seq",
                (rs, n) -> new DossierView.HistoryLine(rs.getString("kind"), instant(rs, "at"),
                        json.readValue(rs.getString("details"), MAP), rs.getString("actor")), dossierId);
    }

    private static DossierView view(ResultSet rs, List<DossierView.HistoryLine> history) throws SQLException {
        return new DossierView(rs.getString("dossier_id"), rs.getString("office_id"),
                rs.getString("procedure_code"), DossierStatus.valueOf(rs.getString("status")),
                instant(rs, "received_at"), instant(rs, "due_at"), instant(rs, "rescheduled_due_at"),
                rs.getString("current_unit"), rs.getString("outcome"), rs.getString("timeliness"),
                instant(rs, "resolved_at"), rs.getInt("supplement_requests"), rs.getInt("apology_letters"),
                rs.getString("code"), rs.getString("field"), rs.getString("channel"), rs.getObject("fee", Long.class),
                rs.getObject("online_payment", Boolean.class), rs.getInt("revision"), rs.getLong("paid_amount"),
                rs.getBoolean("paid_online"), rs.getObject("electronic_result", Boolean.class),
                rs.getString("rating"), instant(rs, "cancelled_at"), history);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** An apology letter (form 04) as issued. */
    public record ApologyLetter(String dossierId, int letterNumber, String officeId, String reason,
                                String responsibleUnit, Instant dueAt, Instant newDueAt, Instant issuedAt,
                                boolean inTime) {
    }
}
