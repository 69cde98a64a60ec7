package vn.motcua.intake.personaldata;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.intake.personaldata.PersonalDataAudit.Action;

/**
 * Erasure of an applicant's data: the data key is deleted (so the ciphertext in the event store and in every
 * backup can no longer be opened), its blind-index entries deleted, the ciphertext beside the intake record is
 * dropped, the record is marked
 * erased, and the erasure is audited, in one transaction. Codes, dates, documents and every published figure stay.
 * Nothing goes to Kafka: the contract's events never held the applicant.
 */
@Service
public class ApplicantErasure {
    private static final Logger log = LoggerFactory.getLogger(ApplicantErasure.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final PersonalDataAudit audit;
    private final Clock clock;

    ApplicantErasure(JdbcTemplate jdbc, TransactionTemplate transaction, PersonalDataAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.clock = clock;
    }

    /** False for an unknown dossier. Idempotent: erasing again changes nothing but is audited again. */
    public boolean erase(String dossierId, String subject) {
        Boolean known = transaction.execute(status -> {
            int rows = jdbc.update("""
                            UPDATE dossier SET applicant_sealed = NULL,
                                applicant_erased_at = COALESCE(applicant_erased_at, ?)
                            WHERE dossier_id = ?""",
                    Timestamp.from(clock.instant()), dossierId);
            if (rows == 0) {
                return false;
            }
            jdbc.update("DELETE FROM applicant_key WHERE dossier_id = ?", dossierId);
            jdbc.update("DELETE FROM applicant_index WHERE dossier_id = ?", dossierId);
            audit.record(List.of(dossierId), subject, Action.ERASE);
            return true;
        });
        if (Boolean.TRUE.equals(known)) {
            log.info("applicant data of dossier {} erased by {}", dossierId, subject);
        }
        return Boolean.TRUE.equals(known);
    }

    /**
     * Erases up to {@code limit} dossiers received before {@code cutoff} whose applicant is still held, oldest
     * first, in one transaction; answers how many. Rows another instance is erasing are skipped, not waited for.
     */
    int eraseReceivedBefore(Instant cutoff, int limit, String subject) {
        Integer erased = transaction.execute(status -> {
            Timestamp now = Timestamp.from(clock.instant());
            List<String> ids = jdbc.queryForList("""
                            WITH expired AS (
                                SELECT dossier_id FROM dossier
                                WHERE received_at < ? AND applicant_erased_at IS NULL
                                ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED)
                            UPDATE dossier d SET applicant_sealed = NULL, applicant_erased_at = ?
                            FROM expired WHERE d.dossier_id = expired.dossier_id
                            RETURNING d.dossier_id""",
                    String.class, Timestamp.from(cutoff), limit, now);
            if (ids.isEmpty()) {
                return 0;
            }
            jdbc.update(con -> {
                var ps = con.prepareStatement("DELETE FROM applicant_key WHERE dossier_id = ANY (?)");
                ps.setArray(1, con.createArrayOf("varchar", ids.toArray()));
                return ps;
            });
            jdbc.update(con -> {
                var ps = con.prepareStatement("DELETE FROM applicant_index WHERE dossier_id = ANY (?)");
                ps.setArray(1, con.createArrayOf("varchar", ids.toArray()));
                return ps;
            });
            audit.record(ids, subject, Action.ERASE);
            return ids.size();
        });
        return erased == null ? 0 : erased;
    }
}
