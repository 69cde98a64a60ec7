package vn.motcua.reporting.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.postgresql.PGStatement;

/** Small JDBC helpers shared by the projections. */
public final class Sql {
    private Sql() {
    }

    public static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /**
     * Plans {@code ps} for its actual parameters on every execution (never a server-side prepared statement).
     * For a lookup by {@code = any(?)}: PostgreSQL may settle on a generic plan for a named statement, made while the
     * table was small (a sequential scan that compares every row with every element of the array), and keep it while
     * the table grows: under load the projector's fact lookup took 0.5-5 s per batch that way.
     */
    public static PreparedStatement planEachTime(PreparedStatement ps) throws SQLException {
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
        return ps;
    }

    public static void setEnum(PreparedStatement ps, int index, Enum<?> value) throws SQLException {
        ps.setString(index, value == null ? null : value.name());
    }
}
