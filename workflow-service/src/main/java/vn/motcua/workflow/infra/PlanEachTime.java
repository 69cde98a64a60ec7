package vn.motcua.workflow.infra;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/**
 * Plans a statement for its actual parameters on every execution (never a server-side prepared statement). For a
 * lookup by {@code = ANY(?)}: PostgreSQL may settle on a generic plan for a named statement, made while the table
 * was small (a sequential scan comparing every row with every element of the array), and keep it while the table
 * grows. Reporting's projector lost 0.5-5 s per batch that way under load (seen in a flight recording); the intake
 * consumer's existing-streams lookup and the prefetch are the same kind of query on a table that only grows.
 */
public final class PlanEachTime {
    private PlanEachTime() {
    }

    public static void set(PreparedStatement ps) throws SQLException {
        ps.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
}
