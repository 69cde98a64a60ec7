package vn.motcua.workflow.catalogue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.events.ProcedurePublished;

/**
 * The {@code catalogue_procedure} table: each procedure's name and statutory time, as the newest
 * ProcedurePublished said. Only what the printed forms need; deadlines come with the receipt, never from here.
 */
public class ProcedureTable {
    private final JdbcTemplate jdbc;

    public ProcedureTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A procedure as the forms print it. */
    public record Procedure(String code, String name, BigDecimal processingDays) {
    }

    /** Idempotent and order-proof like {@link OfficeTable#record}: an older publication changes nothing. */
    public void record(List<ProcedurePublished> procedures) {
        if (procedures.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO catalogue_procedure (code, name, processing_days, published_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, processing_days = excluded.processing_days,
                                                 published_at = excluded.published_at
                WHERE catalogue_procedure.published_at <= excluded.published_at""", procedures, procedures.size(),
                (ps, p) -> {
                    ps.setString(1, p.code());
                    ps.setString(2, p.name());
                    ps.setBigDecimal(3, p.processingDays());
                    ps.setTimestamp(4, Timestamp.from(p.publishedAt()));
                });
    }

    public Optional<Procedure> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT code, name, processing_days FROM catalogue_procedure WHERE code = ?",
                (rs, n) -> new Procedure(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)), code)
                .stream().findFirst();
    }
}
