package vn.motcua.workflow.petition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads {@code petition_view}: one petition, its office (for the access rules), the overdue list. */
@Component
public class PetitionQueries {
    private final JdbcTemplate jdbc;

    public PetitionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PetitionView> find(String petitionId) {
        return jdbc.query("SELECT * FROM petition_view WHERE petition_id = ?", PetitionQueries::view, petitionId)
                .stream().findFirst();
    }

    /** The office a petition is about; empty for an unknown one (the controller then answers 404). */
    public Optional<String> officeOf(String petitionId) {
        if (petitionId == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT office_id FROM petition_view WHERE petition_id = ?", String.class,
                petitionId).stream().findFirst();
    }

    /** Unanswered petitions of an office whose due instant is before {@code now}, by due date. */
    public List<PetitionView> overdue(String officeId, Instant now, int limit) {
        return jdbc.query("""
                SELECT * FROM petition_view WHERE office_id = ? AND answered_at IS NULL AND due_at < ?
                ORDER BY due_at, petition_id LIMIT ?""", PetitionQueries::view, officeId, Timestamp.from(now), limit);
    }

    private static PetitionView view(ResultSet rs, int row) throws SQLException {
        return new PetitionView(rs.getString("petition_id"), rs.getString("office_id"), rs.getString("category"),
                instant(rs, "received_at"), instant(rs, "due_at"), instant(rs, "answered_at"),
                rs.getObject("on_time", Boolean.class), rs.getString("rating"), instant(rs, "rated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
