package vn.motcua.intake.personaldata;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.motcua.calendar.WorkingHours;
import vn.motcua.spring.security.Callers;

/** The record of who read or erased an applicant's data (Decree 13/2023: every access recorded). */
@Repository
public class PersonalDataAudit {
    /** The subject of erasures by the retention policy (no caller: a scheduled job). */
    public static final String RETENTION_POLICY = "retention-policy";

    public enum Action { READ_RECORD, READ_RECEIPT_SLIP, SEARCH_HIT, ERASE }

    public record Entry(OffsetDateTime at, String subject, String dossierId, Action action) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PersonalDataAudit(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A read or erasure by the caller of the current request. */
    public void record(String dossierId, Action action) {
        record(List.of(dossierId), subject(), action);
    }

    /** Many reads by the caller of the current request (a page of search hits), in one batch. */
    public void record(List<String> dossierIds, Action action) {
        if (!dossierIds.isEmpty()) {
            record(dossierIds, subject(), action);
        }
    }

    void record(List<String> dossierIds, String subject, Action action) {
        Timestamp at = Timestamp.from(clock.instant());
        jdbc.batchUpdate("INSERT INTO personal_data_audit (at, subject, dossier_id, action) VALUES (?, ?, ?, ?)",
                dossierIds, dossierIds.size(), (ps, id) -> {
                    ps.setTimestamp(1, at);
                    ps.setString(2, subject);
                    ps.setString(3, id);
                    ps.setString(4, action.name());
                });
    }

    /** Oldest first. */
    List<Entry> of(String dossierId) {
        return jdbc.query("""
                        SELECT at, subject, dossier_id, action FROM personal_data_audit
                        WHERE dossier_id = ? ORDER BY at, id""",
                (rs, n) -> new Entry(rs.getObject(1, OffsetDateTime.class)
                        .atZoneSameInstant(WorkingHours.VIETNAM).toOffsetDateTime(),
                        rs.getString(2), rs.getString(3), Action.valueOf(rs.getString(4))), dossierId);
    }

    /** Every audited request is an authenticated one; "unknown" only if that ever stops being true. */
    static String subject() {
        String sub = Callers.currentSubject();
        return sub == null || sub.isBlank() ? "unknown" : sub;
    }
}
