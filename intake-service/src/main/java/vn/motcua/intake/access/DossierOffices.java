package vn.motcua.intake.access;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The office a dossier was received at, for the scope check of a read by dossier id (no applicant data read). */
@Component
class DossierOffices {
    private final JdbcTemplate jdbc;

    DossierOffices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Null for an unknown dossier: the request passes on and the controller answers 404. */
    String officeOf(String dossierId) {
        if (dossierId == null || dossierId.length() > 36) {
            return null;
        }
        return jdbc.query("SELECT office_id FROM dossier WHERE dossier_id = ?", (rs, n) -> rs.getString(1), dossierId)
                .stream().findFirst().orElse(null);
    }

    /** The office of the dossier with this code; null when unknown (the controller answers 404). */
    String officeOfCode(String code) {
        if (code == null || code.length() > 100) {
            return null;
        }
        return jdbc.query("SELECT office_id FROM dossier WHERE code = ?", (rs, n) -> rs.getString(1), code)
                .stream().findFirst().orElse(null);
    }
}
