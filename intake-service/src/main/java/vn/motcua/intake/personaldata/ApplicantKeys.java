package vn.motcua.intake.personaldata;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The wrapped data keys, one per dossier, written with the receipts in the receipt's transaction. */
@Repository
public class ApplicantKeys {
    private final JdbcTemplate jdbc;

    ApplicantKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One JDBC batch for a whole receipt group (a multi-row insert with reWriteBatchedInserts). */
    public void insertAll(List<String> dossierIds, List<byte[]> wrappedKeys) {
        if (dossierIds.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO applicant_key (dossier_id, wrapped_key) VALUES (?, ?)",
                new org.springframework.jdbc.core.BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(java.sql.PreparedStatement ps, int i) throws java.sql.SQLException {
                        ps.setString(1, dossierIds.get(i));
                        ps.setBytes(2, wrappedKeys.get(i));
                    }

                    @Override
                    public int getBatchSize() {
                        return dossierIds.size();
                    }
                });
    }
}
