package vn.motcua.intake.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OnlineMode;

/**
 * Reads of the catalogue lookup tables. Every receipt looks up its office and procedure, so known entries are also
 * kept in memory ({@link #knownOffice}, {@link #knownProcedure}): two database round trips fewer per receipt. The
 * projection evicts an entry when its change commits here; another instance's change is seen within
 * {@code motcua.intake.catalogue-cache-ttl}. Unknown ids are never cached: an office registered a moment ago is found.
 */
@Repository
public class CatalogueQueries {
    private final JdbcTemplate jdbc;
    private final long ttlNanos;
    private final Map<String, Cached<OfficeView>> offices = new ConcurrentHashMap<>();
    private final Map<String, Cached<ProcedureView>> procedures = new ConcurrentHashMap<>();

    CatalogueQueries(JdbcTemplate jdbc, @Value("${motcua.intake.catalogue-cache-ttl:10s}") Duration ttl) {
        this.jdbc = jdbc;
        this.ttlNanos = ttl.toNanos();
    }

    private record Cached<T>(T value, long loadedAt) {
    }

    /** The office, from memory when it was read recently. */
    public Optional<OfficeView> knownOffice(String officeId) {
        return cached(offices, officeId, this::office);
    }

    /** The procedure, from memory when it was read recently. */
    public Optional<ProcedureView> knownProcedure(String code) {
        return cached(procedures, code, this::procedure);
    }

    /** Drops a changed office from memory (the projection calls this when the change is written and committed). */
    void evictOffice(String officeId) {
        offices.remove(officeId);
    }

    void evictProcedure(String code) {
        procedures.remove(code);
    }

    private <T> Optional<T> cached(Map<String, Cached<T>> cache, String key, Function<String, Optional<T>> load) {
        long now = System.nanoTime();
        Cached<T> hit = cache.get(key);
        if (hit != null && now - hit.loadedAt() < ttlNanos) {
            return Optional.of(hit.value());
        }
        Optional<T> value = load.apply(key);
        value.ifPresentOrElse(v -> cache.put(key, new Cached<>(v, now)), () -> cache.remove(key));
        return value;
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
        return jdbc.query("SELECT " + PROCEDURE_COLUMNS + " FROM procedure WHERE code = ?",
                CatalogueQueries::procedureRow, code).stream().findFirst();
    }

    public List<ProcedureView> procedures() {
        return jdbc.query("SELECT " + PROCEDURE_COLUMNS + " FROM procedure ORDER BY code",
                CatalogueQueries::procedureRow);
    }

    private static final String PROCEDURE_COLUMNS = """
            code, name, field, processing_days, online_mode, postal, fee, online_payment, decided_on, effective_on,
            made_public_on, content_complete""";

    private static ProcedureView procedureRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ProcedureView(rs.getString(1), rs.getString(2), rs.getString(3),
                ProcessingDays.normalize(rs.getBigDecimal(4)), OnlineMode.valueOf(rs.getString(5)), rs.getBoolean(6),
                rs.getLong(7), rs.getBoolean(8), rs.getObject(9, java.time.LocalDate.class),
                rs.getObject(10, java.time.LocalDate.class), rs.getObject(11, java.time.LocalDate.class),
                rs.getObject(12, Boolean.class));
    }

    public record OfficeView(String officeId, String name, OfficeLevel level, String parentId) {
    }

    /** A procedure as the API shows it; {@code decidedAt}/{@code effectiveAt}/{@code publishedAt} null = unknown. */
    public record ProcedureView(String code, String name, String field, java.math.BigDecimal processingDays,
                                OnlineMode onlineMode, boolean postal, long fee, boolean onlinePayment,
                                java.time.LocalDate decidedAt, java.time.LocalDate effectiveAt,
                                java.time.LocalDate publishedAt, Boolean contentComplete) {
        ProcedureFacts facts() {
            return new ProcedureFacts(fee, onlinePayment, decidedAt, effectiveAt, publishedAt, contentComplete);
        }
    }
}
