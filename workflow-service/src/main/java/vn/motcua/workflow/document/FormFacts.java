package vn.motcua.workflow.document;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.workflow.dossier.DossierNotFoundException;
import vn.motcua.workflow.dossier.DossierQueries;
import vn.motcua.workflow.dossier.DossierView;

/** Gathers a dossier's {@link DossierFacts} from the read model and the catalogue tables, in two reads. */
@Component
class FormFacts {
    private final DossierQueries dossiers;
    private final JdbcTemplate jdbc;
    private final OfficeCalendars calendars;

    FormFacts(DossierQueries dossiers, JdbcTemplate jdbc, OfficeCalendars calendars) {
        this.dossiers = dossiers;
        this.jdbc = jdbc;
        this.calendars = calendars;
    }

    private record Names(String code, String office, String parent, String procedure, BigDecimal days) {
    }

    /** The dossier's facts; 404 (DossierNotFoundException) for a dossier the workflow has not seen. */
    DossierFacts of(String dossierId) {
        DossierView view = dossiers.find(dossierId).orElseThrow(() -> new DossierNotFoundException(dossierId));
        Names names = jdbc.query("""
                        SELECT v.code, o.name, p.name, c.name, c.processing_days
                        FROM dossier_view v
                        LEFT JOIN office o ON o.office_id = v.office_id
                        LEFT JOIN office p ON p.office_id = o.parent_id
                        LEFT JOIN catalogue_procedure c ON c.code = v.procedure_code
                        WHERE v.dossier_id = ?""",
                (rs, n) -> new Names(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5)), dossierId).stream().findFirst()
                .orElseThrow(() -> new DossierNotFoundException(dossierId));
        return new DossierFacts(view, names.code(), names.office(), names.parent(), names.procedure(),
                names.days(), calendars.forOffice(view.officeId()));
    }

    /** Another office's name (a transfer to another office), or empty. */
    Optional<String> officeName(String officeId) {
        if (officeId == null) {
            return Optional.empty();
        }
        List<String> names = jdbc.queryForList("SELECT name FROM office WHERE office_id = ? AND name IS NOT NULL",
                String.class, officeId);
        return names.stream().findFirst();
    }
}
