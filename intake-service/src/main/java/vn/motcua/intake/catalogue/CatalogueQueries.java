package vn.motcua.intake.catalogue;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OnlineMode;

/** Reads of the catalogue lookup tables. */
@Repository
public class CatalogueQueries {
    private final JdbcTemplate jdbc;

    CatalogueQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<OfficeView> office(String officeId) {
        return jdbc.query("SELECT office_id, name, level, parent_id FROM office WHERE office_id = ?",
                (rs, n) -> new OfficeView(rs.getString(1), rs.getString(2), OfficeLevel.valueOf(rs.getString(3)),
                        rs.getString(4)), officeId).stream().findFirst();
    }

    public List<OfficeView> offices() {
        return jdbc.query("SELECT office_id, name, level, parent_id FROM office ORDER BY office_id",
                (rs, n) -> new OfficeView(rs.getString(1), rs.getString(2), OfficeLevel.valueOf(rs.getString(3)),
                        rs.getString(4)));
    }

    public Optional<ProcedureView> procedure(String code) {
        return jdbc.query("""
                        SELECT code, name, field, processing_days, online_mode, postal FROM procedure WHERE code = ?""",
                (rs, n) -> new ProcedureView(rs.getString(1), rs.getString(2), rs.getString(3),
                        ProcessingDays.normalize(rs.getBigDecimal(4)), OnlineMode.valueOf(rs.getString(5)),
                        rs.getBoolean(6)), code).stream().findFirst();
    }

    public List<ProcedureView> procedures() {
        return jdbc.query("SELECT code, name, field, processing_days, online_mode, postal FROM procedure ORDER BY code",
                (rs, n) -> new ProcedureView(rs.getString(1), rs.getString(2), rs.getString(3),
                        ProcessingDays.normalize(rs.getBigDecimal(4)), OnlineMode.valueOf(rs.getString(5)),
                        rs.getBoolean(6)));
    }

    public record OfficeView(String officeId, String name, OfficeLevel level, String parentId) {
    }

    public record ProcedureView(String code, String name, String field, java.math.BigDecimal processingDays,
                                OnlineMode onlineMode, boolean postal) {
    }
}
